#include "broker/ctl/audit_commands.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "broker/common/proto_time.h"
#include "broker/ctl/fake_broker.h"
#include "broker/ctl/test_output.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"

namespace liaison::ctl {
namespace {

using testing::CapturedOutput;
using ::testing::Each;
using ::testing::ElementsAre;
using testing::FakeBroker;
using ::testing::HasSubstr;

v1::AuditEntry MakeEntry(uint64_t sequence, const std::string& crn) {
  v1::AuditEntry entry;
  entry.set_format_version(1);
  entry.set_sequence(sequence);
  *entry.mutable_recorded_at() = ToProtoTime(absl::FromUnixSeconds(1795000000 + sequence));
  entry.set_actor("broker");
  entry.set_action(v1::AUDIT_ACTION_ROUTING_DECIDED);
  entry.set_notification_id(absl::StrCat("N-", sequence));
  entry.set_crn(crn);
  entry.mutable_routing()->set_policy("default@3");
  entry.mutable_routing()->add_rule_ids("callout-to-om");
  entry.mutable_routing()->set_legal_basis("Offender Management Act 2007 s.14");
  entry.mutable_routing()->set_priority(v1::PRIORITY_SAME_DAY);
  v1::AuditRecipient* recipient = entry.mutable_routing()->add_recipients();
  recipient->set_recipient_id("OM001");
  recipient->set_role(v1::RECIPIENT_ROLE_OFFENDER_MANAGER);
  recipient->set_alert_id(absl::StrCat("A", sequence));
  entry.set_leaf_hash(std::string("\xab\xcd\xef\x01\x23\x45\x67\x89", 8));
  return entry;
}

class AuditTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (uint64_t i = 1; i <= 5; ++i) broker_.audit.AddEntry(MakeEntry(i, i % 2 ? "X1" : "X2"));
  }

  FakeBroker broker_;
  Connection connection_ = broker_.Connect("auditor");
};

TEST_F(AuditTest, QueryFollowsPageTokens) {
  CapturedOutput captured(/*json=*/true);

  ASSERT_TRUE(AuditQuery(connection_, {}, captured.output).ok());

  EXPECT_THAT(JsonLineSequences<v1::AuditEntry>(captured.out.str()), ElementsAre(1, 2, 3, 4, 5));
  std::vector<std::string> tokens;
  for (const auto& query : broker_.audit.queries()) tokens.push_back(query.page_token());
  EXPECT_THAT(tokens, ElementsAre("", "page-2", "page-4"));
  EXPECT_THAT(broker_.audit.principals(), Each(std::string("auditor")));
}

TEST_F(AuditTest, QuerySendsFiltersAndTimes) {
  AuditQueryOptions options;
  options.crn = "X1";
  options.recipient_id = "OM001";
  options.source = "police-adapter";
  options.notification_id = "N-1";
  options.since = absl::FromUnixSeconds(1795000000);
  options.until = absl::FromUnixSeconds(1795003600);
  CapturedOutput captured(/*json=*/true);

  ASSERT_TRUE(AuditQuery(connection_, options, captured.output).ok());

  EXPECT_THAT(JsonLineSequences<v1::AuditEntry>(captured.out.str()), ElementsAre(1, 3, 5));
  const v1::AuditQueryRequest first = broker_.audit.queries().front();
  EXPECT_EQ(first.crn(), "X1");
  EXPECT_EQ(first.recipient_id(), "OM001");
  EXPECT_EQ(first.source(), "police-adapter");
  EXPECT_EQ(first.notification_id(), "N-1");
  EXPECT_EQ(first.since().seconds(), 1795000000);
  EXPECT_EQ(first.until().seconds(), 1795003600);
  // Later pages repeat the filters.
  EXPECT_EQ(broker_.audit.queries().back().crn(), "X1");
}

TEST_F(AuditTest, QueryLimitStopsEarly) {
  AuditQueryOptions options;
  options.limit = 3;
  CapturedOutput captured(/*json=*/true);
  ASSERT_TRUE(AuditQuery(connection_, options, captured.output).ok());
  EXPECT_THAT(JsonLineSequences<v1::AuditEntry>(captured.out.str()), ElementsAre(1, 2, 3));
  EXPECT_EQ(broker_.audit.queries().front().page_size(), 3u);
  EXPECT_EQ(broker_.audit.queries().size(), 1u);
}

TEST_F(AuditTest, QueryTextShowsTheEntryFields) {
  AuditQueryOptions options;
  options.limit = 1;
  CapturedOutput captured;
  ASSERT_TRUE(AuditQuery(connection_, options, captured.output).ok());
  const std::string out = captured.out.str();
  for (const char* expected :
       {"sequence:", "2026-11-18T", "broker", "ROUTING_DECIDED", "notification=N-1", "crn=X1",
        "default@3", "callout-to-om", "OM001 OFFENDER_MANAGER A1", "SAME_DAY", "abcdef012345"}) {
    EXPECT_THAT(out, HasSubstr(expected));
  }
  EXPECT_THAT(out, ::testing::Not(HasSubstr("abcdef0123456789")));
}

TEST(ParseTimeFlagTest, AcceptsRfc3339AndNamesTheFlagOtherwise) {
  const absl::StatusOr<absl::Time> time = ParseTimeFlag("since", "2026-11-22T10:00:00Z");
  ASSERT_TRUE(time.ok());
  EXPECT_EQ(absl::ToUnixSeconds(*time), 1795341600);
  EXPECT_TRUE(ParseTimeFlag("since", "2026-11-22T10:00:00.5+01:00").ok());
  for (const char* bad : {"2026-11-22", "yesterday", "2026-11-22 10:00:00", ""}) {
    const absl::StatusOr<absl::Time> parsed = ParseTimeFlag("until", bad);
    ASSERT_FALSE(parsed.ok()) << bad;
    EXPECT_EQ(parsed.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(parsed.status().message(), HasSubstr("--until"));
    EXPECT_THAT(parsed.status().message(), HasSubstr("RFC 3339"));
  }
}

TEST_F(AuditTest, VerifyOk) {
  v1::VerifyChainResponse response;
  response.set_ok(true);
  response.set_entries(5);
  response.set_head_hash("\x01\x02");
  broker_.audit.set_verify_response(response);
  CapturedOutput captured;
  ASSERT_TRUE(AuditVerify(connection_, captured.output).ok());
  EXPECT_THAT(captured.out.str(), HasSubstr("ok:"));
  EXPECT_THAT(captured.out.str(), HasSubstr("0102"));
}

TEST_F(AuditTest, VerifyFailureIsDataLoss) {
  v1::VerifyChainResponse response;
  response.set_ok(false);
  response.set_entries(5);
  response.set_first_bad_sequence(3);
  response.set_problem("entry hash mismatch");
  broker_.audit.set_verify_response(response);
  CapturedOutput captured(/*json=*/true);

  const absl::Status status = AuditVerify(connection_, captured.output);

  EXPECT_EQ(status.code(), absl::StatusCode::kDataLoss);
  EXPECT_THAT(status.message(), HasSubstr("sequence 3: entry hash mismatch"));
  v1::VerifyChainResponse printed;
  ASSERT_TRUE(
      google::protobuf::util::JsonStringToMessage(Lines(captured.out.str())[0], &printed).ok());
  EXPECT_EQ(printed.first_bad_sequence(), 3u);
}

}  // namespace
}  // namespace liaison::ctl
