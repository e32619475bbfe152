#include "broker/ctl/inbox_commands.h"

#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
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
using ::testing::IsEmpty;

constexpr char kRecipient[] = "OM001";

v1::Alert MakeAlert(uint64_t sequence) {
  v1::Alert alert;
  alert.set_alert_id(absl::StrCat("A", sequence));
  alert.set_recipient_id(kRecipient);
  alert.set_recipient_role(v1::RECIPIENT_ROLE_OFFENDER_MANAGER);
  alert.set_sequence(sequence);
  alert.set_crn("X123456");
  alert.set_priority(v1::PRIORITY_IMMEDIATE);
  alert.set_state(v1::ALERT_STATE_PENDING);
  alert.mutable_notification()->mutable_police_callout()->set_incident_type(
      v1::CALLOUT_INCIDENT_TYPE_DOMESTIC_ABUSE);
  alert.mutable_notification()->mutable_police_callout()->set_summary("Callout at the address.");
  return alert;
}

class InboxTest : public ::testing::Test {
 protected:
  void AddAlerts(int n) {
    for (int i = 1; i <= n; ++i) broker_.inbox.AddAlert(MakeAlert(i));
  }

  FakeBroker broker_;
  Connection connection_ = broker_.Connect("om-inbox");
};

TEST_F(InboxTest, ListFollowsPages) {
  AddAlerts(5);
  CapturedOutput captured(/*json=*/true);

  ASSERT_TRUE(InboxList(connection_, {kRecipient, 0, false, 2}, captured.output).ok());

  EXPECT_THAT(JsonLineSequences<v1::Alert>(captured.out.str()), ElementsAre(1, 2, 3, 4, 5));
  std::vector<uint64_t> cursors;
  for (const auto& request : broker_.inbox.list_requests()) {
    cursors.push_back(request.after_sequence());
    EXPECT_EQ(request.page_size(), 2u);
    EXPECT_EQ(request.recipient_id(), kRecipient);
  }
  EXPECT_THAT(cursors, ElementsAre(0, 2, 4));
}

TEST_F(InboxTest, ListPassesAfterAndAll) {
  AddAlerts(3);
  CapturedOutput ack;
  ASSERT_TRUE(InboxAck(connection_, {"A3"}, ack.output).ok());
  CapturedOutput pending(/*json=*/true);
  ASSERT_TRUE(InboxList(connection_, {kRecipient, 1, false, 0}, pending.output).ok());
  EXPECT_THAT(JsonLineSequences<v1::Alert>(pending.out.str()), ElementsAre(2));
  CapturedOutput all(/*json=*/true);
  ASSERT_TRUE(InboxList(connection_, {kRecipient, 1, true, 0}, all.output).ok());
  EXPECT_THAT(JsonLineSequences<v1::Alert>(all.out.str()), ElementsAre(2, 3));
  EXPECT_TRUE(broker_.inbox.list_requests().back().include_acknowledged());
}

TEST_F(InboxTest, ListTextShowsTheAlertFields) {
  AddAlerts(1);
  CapturedOutput captured;
  ASSERT_TRUE(InboxList(connection_, {kRecipient, 0, false, 0}, captured.output).ok());
  const std::string out = captured.out.str();
  for (const char* expected :
       {"sequence:", "A1", "PENDING", "IMMEDIATE", "OFFENDER_MANAGER", "X123456",
        "police callout, DOMESTIC_ABUSE", "Callout at the address.", "attempt 0"}) {
    EXPECT_THAT(out, HasSubstr(expected));
  }
}

TEST_F(InboxTest, EmptyListSaysSo) {
  CapturedOutput captured;
  ASSERT_TRUE(InboxList(connection_, {kRecipient, 0, false, 0}, captured.output).ok());
  EXPECT_EQ(captured.out.str(), "no alerts\n");
}

TEST_F(InboxTest, GetPrintsOrReturnsNotFound) {
  AddAlerts(2);
  CapturedOutput captured(/*json=*/true);
  ASSERT_TRUE(InboxGet(connection_, "A2", captured.output).ok());
  EXPECT_THAT(JsonLineSequences<v1::Alert>(captured.out.str()), ElementsAre(2));
  EXPECT_EQ(InboxGet(connection_, "A9", captured.output).code(), absl::StatusCode::kNotFound);
}

TEST_F(InboxTest, AckReportsEachAlert) {
  AddAlerts(2);
  CapturedOutput captured;

  const absl::Status status = InboxAck(connection_, {"A1", "A1", "A9", "A2"}, captured.output);

  EXPECT_EQ(status.code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(status.message(), HasSubstr("1 of 4 alerts not acknowledged"));
  EXPECT_THAT(Lines(captured.out.str()),
              ElementsAre("A1: acknowledged", "A1: already acknowledged", "A2: acknowledged"));
  EXPECT_THAT(Lines(captured.err.str()), ElementsAre("A9: NOT_FOUND: no such alert"));
}

TEST_F(InboxTest, WatchWithCountAndAckAcknowledgesExactlyTheAlertsReceived) {
  AddAlerts(5);
  InboxWatchOptions options;
  options.recipient_id = kRecipient;
  options.ack = true;
  options.count = 3;
  // One in flight: the fake sends the next alert only after the previous
  // one is acknowledged, so acks must happen while the stream is open.
  options.max_in_flight = 1;
  CapturedOutput captured(/*json=*/true);

  ASSERT_TRUE(InboxWatch(connection_, options, captured.output).ok());

  EXPECT_THAT(JsonLineSequences<v1::Alert>(captured.out.str()), ElementsAre(1, 2, 3));
  EXPECT_THAT(broker_.inbox.acknowledged(), ElementsAre("A1", "A2", "A3"));
  ASSERT_EQ(broker_.inbox.subscribe_requests().size(), 1u);
  EXPECT_EQ(broker_.inbox.subscribe_requests()[0].max_in_flight(), 1u);
}

TEST_F(InboxTest, WatchWithoutAckAcknowledgesNothing) {
  AddAlerts(3);
  InboxWatchOptions options;
  options.recipient_id = kRecipient;
  options.after_sequence = 1;
  options.count = 2;
  CapturedOutput captured(/*json=*/true);

  ASSERT_TRUE(InboxWatch(connection_, options, captured.output).ok());

  EXPECT_THAT(JsonLineSequences<v1::Alert>(captured.out.str()), ElementsAre(2, 3));
  EXPECT_THAT(broker_.inbox.acknowledged(), IsEmpty());
  EXPECT_EQ(broker_.inbox.subscribe_requests()[0].after_sequence(), 1u);
}

TEST_F(InboxTest, WatchEndsCleanlyWhenTheStreamEnds) {
  AddAlerts(2);
  broker_.inbox.set_end_streams(true);
  CapturedOutput captured;
  InboxWatchOptions options;
  options.recipient_id = kRecipient;
  ASSERT_TRUE(InboxWatch(connection_, options, captured.output).ok());
  EXPECT_THAT(captured.out.str(), HasSubstr("A2"));

  options.count = 5;
  const absl::Status short_stream = InboxWatch(connection_, options, captured.output);
  EXPECT_EQ(short_stream.code(), absl::StatusCode::kUnavailable);
  EXPECT_THAT(short_stream.message(), HasSubstr("after 2 of 5 alerts"));
}

TEST_F(InboxTest, WatchStopsWhenCancelledFromAnotherThread) {
  AddAlerts(2);
  StreamCanceller canceller;
  InboxWatchOptions options;
  options.recipient_id = kRecipient;
  options.canceller = &canceller;
  CapturedOutput captured(/*json=*/true);
  absl::Status status = absl::UnknownError("not run");

  std::thread watch([&] { status = InboxWatch(connection_, options, captured.output); });
  broker_.inbox.WaitForDelivered(2);
  canceller.Cancel();
  watch.join();

  EXPECT_TRUE(status.ok()) << status;
  EXPECT_TRUE(canceller.cancelled());
}

TEST_F(InboxTest, EveryCallCarriesThePrincipalHeader) {
  AddAlerts(2);
  CapturedOutput captured;
  ASSERT_TRUE(InboxList(connection_, {kRecipient, 0, false, 0}, captured.output).ok());
  ASSERT_TRUE(InboxGet(connection_, "A1", captured.output).ok());
  InboxWatchOptions options;
  options.recipient_id = kRecipient;
  options.count = 1;
  options.ack = true;
  ASSERT_TRUE(InboxWatch(connection_, options, captured.output).ok());

  const std::vector<std::string> principals = broker_.inbox.principals();
  EXPECT_EQ(principals.size(), 4u);  // list, get, subscribe, acknowledge
  EXPECT_THAT(principals, Each(std::string("om-inbox")));
}

}  // namespace
}  // namespace liaison::ctl
