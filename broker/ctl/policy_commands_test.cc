#include "broker/ctl/policy_commands.h"

#include <string>

#include "broker/ctl/fake_broker.h"
#include "broker/ctl/test_output.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/json_util.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"

namespace liaison::ctl {
namespace {

using ::google::protobuf::util::MessageDifferencer;
using testing::CapturedOutput;
using ::testing::Each;
using ::testing::ElementsAre;
using testing::FakeBroker;
using testing::FakePolicy;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::StartsWith;
using testing::WriteTestFile;

constexpr char kCalloutJson[] = R"json({
  "sourceRef": "CAD-1",
  "occurredAt": "2026-11-22T09:30:00Z",
  "classification": "CLASSIFICATION_OFFICIAL",
  "subject": {"name": {"givenNames": "Alex", "familyName": "Example"}},
  "policeCallout": {"incidentType": "CALLOUT_INCIDENT_TYPE_DOMESTIC_ABUSE"}
})json";

class PolicyCommandsTest : public ::testing::Test {
 protected:
  FakeBroker broker_;
};

TEST_F(PolicyCommandsTest, ExplainSendsTheFilesNotificationAndPrintsRulesAndRecipients) {
  const std::string file = WriteTestFile("callout.json", kCalloutJson);
  CapturedOutput captured;
  const absl::Status status = PolicyExplain(broker_.Connect("auditor"), {file, "X123456"}, captured.output);
  ASSERT_TRUE(status.ok()) << status;

  const std::vector<v1::ExplainPolicyRequest> requests = broker_.policy.explain_requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].crn(), "X123456");
  EXPECT_EQ(requests[0].notification().source_ref(), "CAD-1");
  EXPECT_EQ(requests[0].notification().subject().name().family_name(), "Example");
  EXPECT_THAT(broker_.policy.principals(), ElementsAre("auditor"));

  const std::string out = captured.out.str();
  for (const char* expected : {
           "policy:      fake@0123456789abcdef",
           "  arrest/under-supervision (permit): did not fire: kinds: the notification is a POLICE_CALLOUT",
           "  callout/domestic-abuse (permit): fired (held: kinds, callout_incident_types)",
           "recipient:   N07P1001 (OFFENDER_MANAGER)",
           "priority:    SAME_DAY",
           "legal basis: Crime and Disorder Act 1998 s.115",
           "deadline:    8h",
           "escalation:  N07M0001 (MANAGER), then N07-DUTY (DUTY_INBOX)",
           "visible:     subject.name, police_callout.summary",
           "withheld:    related_people[1].person",
       }) {
    EXPECT_THAT(out, HasSubstr(expected));
  }
}

TEST_F(PolicyCommandsTest, ExplainJsonPrintsTheExplanation) {
  const std::string file = WriteTestFile("callout.json", kCalloutJson);
  CapturedOutput captured(/*json=*/true);
  ASSERT_TRUE(PolicyExplain(broker_.Connect("auditor"), {file, "X123456"}, captured.output).ok());
  const std::vector<std::string> lines = Lines(captured.out.str());
  ASSERT_EQ(lines.size(), 1u);
  v1::PolicyExplanation parsed;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(lines[0], &parsed).ok()) << lines[0];
  EXPECT_TRUE(MessageDifferencer::Equals(parsed, FakePolicy::Explanation()));
}

TEST_F(PolicyCommandsTest, ExplainRefusesABadFileWithoutCallingTheBroker) {
  const std::string bad = WriteTestFile("bad.json", R"({"sourceRef": "x", "colour": "red"})");
  CapturedOutput captured;
  const absl::Status status = PolicyExplain(broker_.Connect("auditor"), {bad, "X123456"}, captured.output);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(status.message()), StartsWith(bad + ": invalid notification JSON: "));
  EXPECT_EQ(PolicyExplain(broker_.Connect("auditor"), {"/nonexistent.json", "X1"}, captured.output).code(),
            absl::StatusCode::kNotFound);
  EXPECT_THAT(broker_.policy.explain_requests(), IsEmpty());
  EXPECT_THAT(captured.out.str(), IsEmpty());
}

TEST_F(PolicyCommandsTest, ExplainPassesOnTheBrokersError) {
  const std::string file = WriteTestFile("callout.json", kCalloutJson);
  CapturedOutput captured;
  const absl::Status status = PolicyExplain(broker_.Connect("auditor"), {file, "X404404"}, captured.output);
  EXPECT_EQ(status.code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(status.message(), "crn: no such offender");
}

TEST_F(PolicyCommandsTest, ReloadPrintsPreviousAndNewVersion) {
  CapturedOutput captured;
  ASSERT_TRUE(PolicyReload(broker_.Connect("policy-admin"), captured.output).ok());
  EXPECT_EQ(captured.out.str(), "policy reloaded: fake@0123456789abcdef -> fake@fedcba9876543210\n");
  EXPECT_THAT(broker_.policy.principals(), ElementsAre("policy-admin"));

  CapturedOutput json(/*json=*/true);
  ASSERT_TRUE(PolicyReload(broker_.Connect("policy-admin"), json.output).ok());
  v1::ReloadPolicyResponse parsed;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(Lines(json.out.str()).at(0), &parsed).ok());
  EXPECT_EQ(parsed.version(), FakePolicy::kNextVersion);
  EXPECT_EQ(parsed.origin(), FakePolicy::kOrigin);
}

TEST_F(PolicyCommandsTest, ARefusedReloadPrintsEveryProblemAndFails) {
  broker_.policy.set_reload_refusal(
      "invalid policy (2 problems):\n"
      "/etc/liaison/policy.textproto:7: rule 'arrest/om': permit.legal_basis: is required\n"
      "/etc/liaison/policy.textproto:19: rule 'x': id: is used by an earlier rule");
  CapturedOutput captured;
  const absl::Status status = PolicyReload(broker_.Connect("policy-admin"), captured.output);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message(), "invalid policy (2 problems)");
  EXPECT_THAT(Lines(captured.err.str()),
              ElementsAre("policy reload refused; the policy in force stays",
                          "/etc/liaison/policy.textproto:7: rule 'arrest/om': permit.legal_basis: is required",
                          "/etc/liaison/policy.textproto:19: rule 'x': id: is used by an earlier rule"));
  EXPECT_THAT(captured.out.str(), IsEmpty());
}

TEST_F(PolicyCommandsTest, ShowPrintsTheVersionInForce) {
  CapturedOutput captured;
  ASSERT_TRUE(PolicyShow(broker_.Connect("auditor"), captured.output).ok());
  EXPECT_EQ(captured.out.str(),
            "policy: fake@0123456789abcdef\n"
            "origin: /etc/liaison/policy.textproto\n");
  CapturedOutput json(/*json=*/true);
  ASSERT_TRUE(PolicyShow(broker_.Connect("policy-admin"), json.output).ok());
  EXPECT_EQ(json.out.str(), "{\"version\":\"fake@0123456789abcdef\",\"origin\":\"/etc/liaison/policy.textproto\"}\n");
  EXPECT_THAT(broker_.policy.principals(), ElementsAre("auditor", "policy-admin"));
}

}  // namespace
}  // namespace liaison::ctl
