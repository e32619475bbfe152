#include "broker/server/config_loader.h"

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

TEST(ConfigLoaderTest, AMissingFileIsNotFound) {
  EXPECT_EQ(LoadBrokerConfig("/nonexistent/broker.textproto").status().code(), absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace liaison::server
