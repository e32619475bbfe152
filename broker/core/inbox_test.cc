#include <thread>

#include "broker/core/core_test_fixture.h"
#include "gmock/gmock.h"

namespace liaison {
namespace {

constexpr char kPnc[] = "1979/0163001B";
constexpr char kOm[] = "N07P1001";

// A cancel predicate that lets Next look `rounds` times, then stops it.
std::function<bool()> After(int rounds) {
  auto left = std::make_shared<int>(rounds);
  return [left] { return (*left)-- <= 0; };
}
const std::function<bool()> kNever = [] { return false; };

class InboxTest : public CoreTest {
 protected:
  void SetUp() override {
    CoreTest::SetUp();
    AddOffender("X100001", kPnc, kOm);
  }
  void SubmitN(int first, int count) {
    for (int i = first; i < first + count; ++i) Submit("CAD-" + std::to_string(i), kPnc);
  }
  std::unique_ptr<inbox::Subscription> Subscribe(uint64_t after, uint32_t max_in_flight = 0) {
    return core_->inbox().Subscribe(kOm, after, max_in_flight).value();
  }
  // The next alert, which must come without waiting for anything.
  v1::Alert Next(inbox::Subscription& s) {
    auto alert = s.Next(After(1), absl::Milliseconds(1));
    EXPECT_TRUE(alert.ok()) << alert.status();
    EXPECT_TRUE(alert->has_value());
    return alert->value_or(v1::Alert());
  }
  // True when Next has nothing to deliver now.
  bool Idle(inbox::Subscription& s) {
    auto alert = s.Next(After(2), absl::Milliseconds(1));
    return alert.ok() && !alert->has_value();
  }
  bool Ack(const v1::Alert& alert) {
    auto ack = core_->inbox().Acknowledge(alert.alert_id(), "om", [](const std::string&) { return true; });
    EXPECT_TRUE(ack.ok()) << ack.status();
    return ack.ok() && !ack->already_acknowledged;
  }
};

TEST_F(InboxTest, SendsTheBacklogThenBlocksUntilALiveAlertArrives) {
  SubmitN(1, 2);
  auto subscription = Subscribe(0);
  EXPECT_EQ(Next(*subscription).sequence(), 1u);
  EXPECT_EQ(Next(*subscription).sequence(), 2u);

  absl::StatusOr<std::optional<v1::Alert>> live;
  std::thread waiter([&] { live = subscription->Next(kNever); });
  SubmitN(3, 1);  // Next is blocked (or about to be); the commit wakes it
  waiter.join();
  ASSERT_TRUE(live.ok() && live->has_value());
  EXPECT_EQ((*live)->sequence(), 3u);
  EXPECT_EQ((*live)->delivery_attempt(), 1u);
}

TEST_F(InboxTest, ResumingFromACursorHasNoGapAndNoDuplicate) {
  SubmitN(1, 5);
  std::vector<uint64_t> seen;
  {
    auto first = Subscribe(0);
    for (int i = 0; i < 3; ++i) {
      v1::Alert alert = Next(*first);
      seen.push_back(alert.sequence());
      Ack(alert);
    }
  }  // the first stream drops after processing 3
  SubmitN(6, 2);
  auto resumed = Subscribe(seen.back());
  for (int i = 0; i < 4; ++i) seen.push_back(Next(*resumed).sequence());
  EXPECT_TRUE(Idle(*resumed));
  EXPECT_THAT(seen, testing::ElementsAre(1, 2, 3, 4, 5, 6, 7));
}

TEST_F(InboxTest, AtMostMaxInFlightUnacknowledgedAlertsAreOutstanding) {
  SubmitN(1, 3);
  auto subscription = Subscribe(0, /*max_in_flight=*/2);
  v1::Alert first = Next(*subscription);
  Next(*subscription);
  EXPECT_TRUE(Idle(*subscription));
  Ack(first);
  EXPECT_EQ(Next(*subscription).sequence(), 3u);
}

TEST_F(InboxTest, ABacklogIsRecordedAsDeliveredOnlyWithinTheWindowOnceEach) {
  SubmitN(1, 5);
  auto subscription = Subscribe(0, /*max_in_flight=*/3);
  std::vector<v1::Alert> got;
  for (int i = 0; i < 3; ++i) got.push_back(Next(*subscription));
  EXPECT_TRUE(Idle(*subscription));
  EXPECT_EQ(subscription->cursor(), 3u);
  // Delivered means recorded: exactly the three sent, one attempt and one
  // audit entry each; the two beyond the window are untouched.
  int delivered_entries = 0;
  for (const v1::Alert& alert : Pending(kOm)) {
    const bool sent = alert.sequence() <= 3;
    EXPECT_EQ(alert.delivery_attempt(), sent ? 1u : 0u) << alert.sequence();
    for (const auto& entry : AuditFor(alert.notification_id())) {
      delivered_entries += entry.action() == v1::AUDIT_ACTION_ALERT_DELIVERED;
    }
  }
  EXPECT_EQ(delivered_entries, 3);
  Ack(got[0]);
  Ack(got[1]);
  EXPECT_EQ(Next(*subscription).sequence(), 4u);
  EXPECT_EQ(Next(*subscription).sequence(), 5u);
  EXPECT_TRUE(Idle(*subscription));
}

TEST_F(InboxTest, ResumingFromAnEarlierCursorResendsAcknowledgedAlertsOutsideTheWindow) {
  SubmitN(1, 3);
  {
    auto first = Subscribe(0);
    for (int i = 0; i < 3; ++i) Ack(Next(*first));
  }
  SubmitN(4, 1);
  auto again = Subscribe(0, /*max_in_flight=*/1);
  for (uint64_t sequence = 1; sequence <= 3; ++sequence) {
    v1::Alert alert = Next(*again);
    EXPECT_EQ(alert.sequence(), sequence);
    EXPECT_EQ(alert.state(), v1::ALERT_STATE_ACKNOWLEDGED);
    EXPECT_EQ(alert.delivery_attempt(), 1u);  // not counted again
  }
  EXPECT_EQ(Next(*again).sequence(), 4u);  // the window of one was free
}

TEST_F(InboxTest, AnUnacknowledgedAlertIsRedeliveredAfterItsDeadlineWithTheAttemptCount) {
  SubmitN(1, 1);
  auto subscription = Subscribe(0);
  v1::Alert first = Next(*subscription);
  EXPECT_EQ(first.delivery_attempt(), 1u);
  clock_.Advance(absl::Minutes(4));
  EXPECT_TRUE(Idle(*subscription));
  clock_.Advance(absl::Minutes(2));
  v1::Alert again = Next(*subscription);
  EXPECT_EQ(again.alert_id(), first.alert_id());
  EXPECT_EQ(again.delivery_attempt(), 2u);
}

TEST_F(InboxTest, ABlockedSubscriberWakesWhenTheClockPassesTheDeadline) {
  SubmitN(1, 1);
  auto subscription = Subscribe(0);
  Next(*subscription);
  absl::StatusOr<std::optional<v1::Alert>> redelivered;
  // A long poll: only the clock jump can wake it promptly.
  std::thread waiter([&] { redelivered = subscription->Next(kNever, absl::Hours(1)); });
  clock_.Advance(absl::Minutes(6));
  waiter.join();
  ASSERT_TRUE(redelivered.ok() && redelivered->has_value());
  EXPECT_EQ((*redelivered)->delivery_attempt(), 2u);
}

TEST_F(InboxTest, AcknowledgementIsIdempotentAndStopsRedelivery) {
  SubmitN(1, 1);
  auto subscription = Subscribe(0);
  v1::Alert alert = Next(*subscription);
  EXPECT_TRUE(Ack(alert));
  EXPECT_FALSE(Ack(alert));  // already acknowledged
  clock_.Advance(absl::Hours(1));
  EXPECT_TRUE(Idle(*subscription));
  EXPECT_TRUE(Pending(kOm).empty());
  auto stored = core_->inbox().Get(alert.alert_id(), [](const std::string&) { return true; });
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->state(), v1::ALERT_STATE_ACKNOWLEDGED);
  EXPECT_EQ(stored->acknowledged_by(), "om");
  int acks = 0;
  for (const auto& entry : AuditFor(alert.notification_id())) {
    acks += entry.action() == v1::AUDIT_ACTION_ALERT_ACKNOWLEDGED;
  }
  EXPECT_EQ(acks, 1);
}

TEST_F(InboxTest, OtherPeoplesAlertsAreNotFound) {
  SubmitN(1, 1);
  const std::string id = Pending(kOm)[0].alert_id();
  auto refuse = [](const std::string&) { return false; };
  EXPECT_EQ(core_->inbox().Get(id, refuse).status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(core_->inbox().Acknowledge(id, "x", refuse).status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(Pending(kOm).size(), 1u);
}

TEST_F(InboxTest, ListingPagesThroughTheInbox) {
  SubmitN(1, 5);
  auto page = core_->inbox().List(kOm, 0, 2, false).value();
  ASSERT_EQ(page.alerts.size(), 2u);
  EXPECT_EQ(page.next_after_sequence, 2u);
  page = core_->inbox().List(kOm, 4, 2, false).value();
  ASSERT_EQ(page.alerts.size(), 1u);
  EXPECT_EQ(page.alerts[0].sequence(), 5u);
  EXPECT_EQ(page.next_after_sequence, 0u);
}

TEST_F(InboxTest, ShutdownEndsABlockedSubscription) {
  auto subscription = Subscribe(0);
  absl::StatusOr<std::optional<v1::Alert>> result;
  std::thread waiter([&] { result = subscription->Next(kNever, absl::Hours(1)); });
  core_->Shutdown();
  waiter.join();
  ASSERT_TRUE(result.ok());
  EXPECT_FALSE(result->has_value());
}

}  // namespace
}  // namespace liaison
