#include "broker/server/config_loader.h"

#include <fstream>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace liaison::server {
namespace {

using testing::HasSubstr;
using testing::StartsWith;

TEST(ConfigLoaderTest, ParsesPrincipalsAndFillsDefaults) {
  auto config = ParseBrokerConfig(R"pb(
    principals {
      id: "spiffe://liaison.dev/police-adapter"
      role: ROLE_AGENCY_ADAPTER
      agency { agency_kind: AGENCY_KIND_POLICE organisation_code: "MPS" }
    }
    principals { id: "spiffe://liaison.dev/om-inbox" role: ROLE_INBOX recipient_ids: "N07P1001" }
    inbox { ack_deadline_seconds: 60 }
  )pb",
                                  "broker.textproto");
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_EQ(config->principals_size(), 2);
  EXPECT_EQ(config->inbox().ack_deadline_seconds(), 60u);
  EXPECT_EQ(config->inbox().default_max_in_flight(), 64u);
  EXPECT_EQ(config->limits().max_notification_bytes(), 65536u);
}

TEST(ConfigLoaderTest, MatchingAndStorageDefaultsAndChecks) {
  auto defaults = ParseBrokerConfig("principals { id: \"r\" role: ROLE_MATCH_REVIEWER }", "d.textproto");
  ASSERT_TRUE(defaults.ok()) << defaults.status();
  EXPECT_EQ(defaults->storage().block_cache_mb(), 256u);
  EXPECT_EQ(defaults->storage().write_buffer_mb(), 64u);
  EXPECT_EQ(defaults->storage().min_free_disk_mb(), 256u);
  EXPECT_EQ(defaults->storage().max_open_files(), 1000u);
  EXPECT_EQ(defaults->matching().max_candidates_per_key(), 50u);
  EXPECT_EQ(defaults->matching().max_candidates(), 500u);
  EXPECT_EQ(defaults->matching().max_scored_candidates(), 20u);
  EXPECT_EQ(defaults->matching().unmatched_retention_days(), 365u);
  EXPECT_EQ(defaults->matching().auto_link_weight(), 0.0);  // derived from the index size

  auto inverted = ParseBrokerConfig("\nmatching {\n  auto_link_weight: 20\n  review_weight: 25\n}\n", "d.textproto");
  EXPECT_EQ(inverted.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(inverted.status().message()), StartsWith("d.textproto:2:"));
  EXPECT_THAT(std::string(inverted.status().message()), HasSubstr("matching.review_weight"));

  auto cache = ParseBrokerConfig("storage { block_cache_mb: 32 write_buffer_mb: 64 }", "d.textproto");
  EXPECT_THAT(std::string(cache.status().message()), HasSubstr("storage.write_buffer_mb"));
  auto files = ParseBrokerConfig("storage { max_open_files: 10 }", "d.textproto");
  EXPECT_EQ(files.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(files.status().message()), HasSubstr("storage.max_open_files: must be at least 64"));
}

TEST(ConfigLoaderTest, SyntaxErrorsAndUnknownFieldsNameTheLine) {
  auto unknown = ParseBrokerConfig("principals {\n  id: \"a\"\n  colour: 3\n}\n", "b.textproto");
  EXPECT_EQ(unknown.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(unknown.status().message()), StartsWith("b.textproto:3:"));
  EXPECT_THAT(std::string(unknown.status().message()), HasSubstr("colour"));

  auto bad_enum = ParseBrokerConfig("principals { id: \"a\" role: ROLE_KING }", "b.textproto");
  EXPECT_THAT(std::string(bad_enum.status().message()), HasSubstr("ROLE_KING"));
}

TEST(ConfigLoaderTest, SemanticErrorsNameFileLineAndField) {
  auto missing_agency = ParseBrokerConfig("\n\nprincipals { id: \"a\" role: ROLE_AGENCY_ADAPTER }\n", "c.textproto");
  EXPECT_THAT(std::string(missing_agency.status().message()),
              StartsWith("c.textproto:3:"));
  EXPECT_THAT(std::string(missing_agency.status().message()), HasSubstr("principals[0].agency: "));

  auto no_role = ParseBrokerConfig("principals { id: \"a\" }", "c.textproto");
  EXPECT_THAT(std::string(no_role.status().message()), HasSubstr("principals[0].role: is required"));

  auto twice = ParseBrokerConfig(
      "principals { id: \"a\" role: ROLE_AUDITOR }\nprincipals { id: \"a\" role: ROLE_AUDITOR }", "c.textproto");
  EXPECT_THAT(std::string(twice.status().message()), StartsWith("c.textproto:2:"));
  EXPECT_THAT(std::string(twice.status().message()), HasSubstr("principals[1].id: the same id appears twice"));

  auto bad_recipient = ParseBrokerConfig(
      "principals { id: \"a\" role: ROLE_INBOX recipient_ids: \"N07 P\" }", "c.textproto");
  EXPECT_THAT(std::string(bad_recipient.status().message()), HasSubstr("principals[0].recipient_ids[0]: "));
}

TEST(ConfigLoaderTest, AccessLimitsHaveDocumentedDefaults) {
  auto config = ParseBrokerConfig("limits { request_burst: 7 }", "l.textproto");
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_EQ(config->limits().requests_per_second(), 100u);
  EXPECT_EQ(config->limits().request_burst(), 7u);
  EXPECT_EQ(config->limits().max_subscriptions_per_principal(), 8u);
  EXPECT_EQ(config->limits().max_connection_age_seconds(), 3600u);
  EXPECT_EQ(config->limits().max_connection_age_grace_seconds(), 300u);
}

TEST(ConfigLoaderTest, ScopesMustNameTheDirectory) {
  constexpr char kDirectory[] =
      "directory { prisons { code: 'MDI' security_inbox: 'MDI-SECURITY' } teams { code: 'hub' inbox: 'HUB' } }\n";
  auto ok = ParseBrokerConfig(absl::StrCat(kDirectory,
                                           "principals { id: 'p' role: ROLE_PRISON_SECURITY establishment: 'MDI' }\n"
                                           "principals { id: 'i' role: ROLE_INBOX teams: 'hub' }\n"),
                              "s.textproto");
  EXPECT_TRUE(ok.ok()) << ok.status();

  auto no_establishment = ParseBrokerConfig("principals { id: 'p' role: ROLE_PRISON_SECURITY }", "s.textproto");
  EXPECT_THAT(std::string(no_establishment.status().message()), HasSubstr("principals[0].establishment: "));
  auto unknown_prison = ParseBrokerConfig(
      absl::StrCat(kDirectory, "principals {\n id: 'p'\n role: ROLE_PRISON_SECURITY\n establishment: 'BXI'\n}\n"),
      "s.textproto");
  EXPECT_EQ(std::string(unknown_prison.status().message()),
            "s.textproto:5:2: principals[0].establishment: is not a prison with a security inbox in directory.prisons");
  auto unknown_team =
      ParseBrokerConfig(absl::StrCat(kDirectory, "principals { id: 'i' role: ROLE_INBOX teams: 'nope' }"), "s.textproto");
  EXPECT_THAT(std::string(unknown_team.status().message()),
              HasSubstr("principals[0].teams[0]: is not a team in directory.teams"));
}

TEST(ConfigLoaderTest, APrincipalsFileIsMergedAndItsErrorsNameIt) {
  const std::string path = ::testing::TempDir() + "/principals_test.textproto";
  std::ofstream(path) << "principals { id: 'b' role: ROLE_AUDITOR }\n";
  auto merged = ParseBrokerConfig(absl::StrCat("principals { id: 'a' role: ROLE_AUDITOR }\nprincipals_file: '", path,
                                               "'\n"),
                                  "m.textproto");
  ASSERT_TRUE(merged.ok()) << merged.status();
  ASSERT_EQ(merged->principals_size(), 2);
  EXPECT_EQ(merged->principals(1).id(), "b");

  std::ofstream(path) << "\nprincipals { id: 'a' role: ROLE_AUDITOR }\n";
  auto twice = ParseBrokerConfig(absl::StrCat("principals { id: 'a' role: ROLE_AUDITOR }\nprincipals_file: '", path,
                                              "'\n"),
                                 "m.textproto");
  EXPECT_EQ(std::string(twice.status().message()),
            absl::StrCat(path, ":2:1: principals[0].id: the same id appears twice"));

  std::ofstream(path) << "principals { id: 'c' role: ROLE_INBOX }\n";
  auto invalid = ParseBrokerConfig(absl::StrCat("principals_file: '", path, "'"), "m.textproto");
  EXPECT_THAT(std::string(invalid.status().message()), StartsWith(path + ":1:"));
  EXPECT_THAT(std::string(invalid.status().message()), HasSubstr("principals[0].recipient_ids: "));

  auto missing = ParseBrokerConfig("principals_file: '/nonexistent/p.textproto'", "m.textproto");
  EXPECT_EQ(std::string(missing.status().message()),
            "m.textproto:1:1: principals_file: cannot read /nonexistent/p.textproto");
}

TEST(ConfigLoaderTest, RevocationEntriesAreChecked) {
  auto serial = ParseBrokerConfig("revocation {\n  serials: 'xyz'\n}", "r.textproto");
  EXPECT_EQ(std::string(serial.status().message()),
            "r.textproto:2:3: revocation.serials[0]: is not a hexadecimal serial number");
  auto fingerprint = ParseBrokerConfig("revocation { sha256_fingerprints: 'AB:CD' }", "r.textproto");
  EXPECT_THAT(std::string(fingerprint.status().message()),
              HasSubstr("revocation.sha256_fingerprints[0]: is not a SHA-256 fingerprint (64 hex digits)"));
  auto good = ParseBrokerConfig("revocation { serials: '0a:1B' principal_ids: 'x' }", "r.textproto");
  EXPECT_TRUE(good.ok()) << good.status();
}

TEST(ConfigLoaderTest, AMissingFileIsNotFound) {
  EXPECT_EQ(LoadBrokerConfig("/nonexistent/broker.textproto").status().code(), absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace liaison::server
