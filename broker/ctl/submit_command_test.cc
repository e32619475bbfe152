#include "broker/ctl/submit_command.h"

#include <string>
#include <vector>

#include "absl/strings/str_split.h"
#include "broker/ctl/fake_broker.h"
#include "broker/ctl/test_output.h"
#include "gmock/gmock.h"
#include "google/protobuf/text_format.h"
#include "google/protobuf/util/json_util.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"

namespace liaison::ctl {
namespace {

using ::google::protobuf::util::MessageDifferencer;
using testing::CapturedOutput;
using ::testing::ElementsAre;
using testing::FakeBroker;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using testing::WriteTestFile;

v1::Notification Callout(const std::string& source_ref) {
  v1::Notification notification;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(
      R"pb(
        occurred_at { seconds: 1795000000 }
        classification: CLASSIFICATION_OFFICIAL_SENSITIVE
        caveats: CAVEAT_PROTECT_SOURCE
        subject {
          identifiers { type: IDENTIFIER_TYPE_PNC value: "2001/0123456A" }
          name { given_names: "John" family_name: "SMITH" }
        }
        related_people { role: RELATED_ROLE_CHILD age: 4 }
        police_callout {
          incident_type: CALLOUT_INCIDENT_TYPE_DOMESTIC_ABUSE
          police_reference: "GMP-1"
          children_present: true
          summary: "Neighbours reported shouting."
        }
      )pb",
      &notification));
  notification.set_source_ref(source_ref);
  return notification;
}

std::string NotificationFile(const std::string& name, const v1::Notification& notification) {
  std::string json;
  EXPECT_TRUE(google::protobuf::util::MessageToJsonString(notification, &json).ok());
  return WriteTestFile(name, json);
}

class SubmitTest : public ::testing::Test {
 protected:
  FakeBroker broker_;
  Connection connection_ = broker_.Connect("police-adapter");
};

TEST_F(SubmitTest, SendsTheParsedNotificationAndReportsDuplicates) {
  const v1::Notification callout = Callout("INC-1");
  const std::string first = NotificationFile("first.json", callout);
  const std::string again = NotificationFile("again.json", callout);
  CapturedOutput captured;

  ASSERT_TRUE(Submit(connection_, {{first, again}, /*batch=*/false}, captured.output).ok())
      << captured.err.str();

  ASSERT_EQ(broker_.ingest.submit_calls(), 2);
  const std::vector<v1::Notification> received = broker_.ingest.received();
  ASSERT_EQ(received.size(), 2u);
  EXPECT_TRUE(MessageDifferencer::Equals(received[0], callout)) << received[0].DebugString();
  EXPECT_THAT(Lines(captured.out.str()),
              ElementsAre(first + ": N-1 (new)", again + ": N-1 (duplicate)"));
  EXPECT_THAT(captured.err.str(), IsEmpty());
  EXPECT_THAT(broker_.ingest.principals(), ElementsAre("police-adapter", "police-adapter"));
}

TEST_F(SubmitTest, MalformedJsonIsReportedWithTheFileNameAndNotSent) {
  const std::string truncated = WriteTestFile(
      "truncated.json", R"({"sourceRef": "INC-2", "subject": {"name": {"familyName": "SECRET")");
  const std::string unknown =
      WriteTestFile("unknown.json", R"({"sourceRef": "INC-3", "shoeSize": 11})");
  const std::string wrong_type = WriteTestFile("wrong.json", R"({"classification": 42.5})");
  CapturedOutput captured;

  const absl::Status status =
      Submit(connection_, {{truncated, unknown, wrong_type}, false}, captured.output);

  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(status.message(), HasSubstr("3 of 3 files failed"));
  const std::vector<std::string> errors = Lines(captured.err.str());
  ASSERT_EQ(errors.size(), 3u);
  EXPECT_THAT(errors[0], HasSubstr(truncated + ": invalid notification JSON: "));
  // The parser's snippet of the input (personal data) is not repeated.
  EXPECT_THAT(errors[0], Not(HasSubstr("SECRET")));
  EXPECT_THAT(errors[1], HasSubstr(unknown + ": invalid notification JSON: "));
  EXPECT_THAT(errors[1], HasSubstr("shoeSize"));
  EXPECT_THAT(errors[2], HasSubstr(wrong_type + ": invalid notification JSON: "));
  EXPECT_EQ(broker_.ingest.submit_calls(), 0);
  EXPECT_EQ(broker_.ingest.batch_calls(), 0);
}

TEST_F(SubmitTest, GoodFilesAreSentDespiteABadOne) {
  const std::string good = NotificationFile("good.json", Callout("INC-4"));
  const std::string bad = WriteTestFile("bad.json", "not json");
  const std::string missing = good + ".missing";
  CapturedOutput captured;

  const absl::Status status = Submit(connection_, {{bad, good, missing}, false}, captured.output);

  EXPECT_FALSE(status.ok());
  EXPECT_THAT(status.message(), HasSubstr("2 of 3 files failed"));
  EXPECT_EQ(broker_.ingest.submit_calls(), 1);
  EXPECT_THAT(Lines(captured.out.str()), ElementsAre(good + ": N-1 (new)"));
  EXPECT_THAT(captured.err.str(), HasSubstr(missing));
}

TEST_F(SubmitTest, BrokerRejectionIsReportedPerFile) {
  const std::string rejected = NotificationFile("rejected.json", Callout("reject-1"));
  const std::string good = NotificationFile("good.json", Callout("INC-5"));
  CapturedOutput captured;

  const absl::Status status = Submit(connection_, {{rejected, good}, false}, captured.output);

  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(
      Lines(captured.err.str()),
      ElementsAre(rejected + ": INVALID_ARGUMENT: subject: an identifier or a name is required"));
  EXPECT_THAT(Lines(captured.out.str()), ElementsAre(good + ": N-1 (new)"));
}

TEST_F(SubmitTest, BatchSendsOneCallWithTheValidFiles) {
  const std::string one = NotificationFile("one.json", Callout("INC-6"));
  const std::string bad = WriteTestFile("bad.json", "{");
  const std::string rejected = NotificationFile("rejected.json", Callout("reject-2"));
  const std::string dup = NotificationFile("dup.json", Callout("INC-6"));
  CapturedOutput captured;

  const absl::Status status =
      Submit(connection_, {{one, bad, rejected, dup}, true}, captured.output);

  EXPECT_FALSE(status.ok());
  EXPECT_THAT(status.message(), HasSubstr("2 of 4 files failed"));
  EXPECT_EQ(broker_.ingest.batch_calls(), 1);
  EXPECT_EQ(broker_.ingest.submit_calls(), 0);
  EXPECT_THAT(Lines(captured.out.str()),
              ElementsAre(one + ": N-1 (new)", dup + ": N-1 (duplicate)"));
  EXPECT_THAT(captured.err.str(), HasSubstr(bad + ": invalid notification JSON"));
  EXPECT_THAT(captured.err.str(), HasSubstr(rejected + ": INVALID_ARGUMENT: "));
}

TEST_F(SubmitTest, JsonOutputLinesParseAsResponses) {
  const std::string one = NotificationFile("one.json", Callout("INC-7"));
  const std::string two = NotificationFile("two.json", Callout("INC-7"));
  CapturedOutput captured(/*json=*/true);

  ASSERT_TRUE(Submit(connection_, {{one, two}, false}, captured.output).ok());

  const std::vector<std::string> lines = Lines(captured.out.str());
  ASSERT_EQ(lines.size(), 2u);
  v1::SubmitResponse second;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(lines[1], &second).ok()) << lines[1];
  EXPECT_EQ(second.notification_id(), "N-1");
  EXPECT_TRUE(second.duplicate());
}

TEST_F(SubmitTest, BatchJsonOutputIsOneResponseLine) {
  const std::string one = NotificationFile("one.json", Callout("INC-8"));
  const std::string two = NotificationFile("two.json", Callout("INC-9"));
  CapturedOutput captured(/*json=*/true);

  ASSERT_TRUE(Submit(connection_, {{one, two}, true}, captured.output).ok());

  const std::vector<std::string> lines = Lines(captured.out.str());
  ASSERT_EQ(lines.size(), 1u);
  v1::SubmitBatchResponse response;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(lines[0], &response).ok());
  ASSERT_EQ(response.results_size(), 2);
  EXPECT_EQ(response.results(1).notification_id(), "N-2");
}

TEST(ParseNotificationJsonTest, RejectsUnknownFields) {
  const auto parsed = ParseNotificationJson(R"({"sourceRef": "x", "bogus": true})");
  ASSERT_FALSE(parsed.ok());
  EXPECT_THAT(parsed.status().message(), HasSubstr("bogus"));
  EXPECT_TRUE(ParseNotificationJson(R"({"source_ref": "x"})").ok());
  EXPECT_THAT(ParseNotificationJson("{}")->source_ref(), IsEmpty());
  EXPECT_THAT(std::string(ParseNotificationJson("[").status().message()), Not(IsEmpty()));
}

}  // namespace
}  // namespace liaison::ctl
