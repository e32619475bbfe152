#include "tests/load/rabbitmq/confirm_tracker.h"

#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace liaison::load::rabbitmq {
namespace {

using ::testing::ElementsAre;

absl::Time At(int s) { return absl::FromUnixSeconds(s); }

// Settles and returns the intended times (in seconds) it reported.
std::vector<int64_t> SettleTimes(ConfirmTracker& tracker, uint64_t tag, bool multiple, int64_t* count = nullptr) {
  std::vector<int64_t> seen;
  absl::StatusOr<int64_t> n = tracker.Settle(tag, multiple, [&](absl::Time t) { seen.push_back(absl::ToUnixSeconds(t)); });
  EXPECT_TRUE(n.ok()) << n.status();
  if (count != nullptr) *count = n.value_or(-1);
  return seen;
}

TEST(ConfirmTrackerTest, TagsNumberPublishesFromOne) {
  ConfirmTracker tracker;
  EXPECT_EQ(tracker.last_tag(), 0u);
  EXPECT_EQ(tracker.Published(At(10)), 1u);
  EXPECT_EQ(tracker.Published(At(11)), 2u);
  EXPECT_EQ(tracker.outstanding(), 2);
}

TEST(ConfirmTrackerTest, MultipleAckSettlesEveryTagUpToIt) {
  ConfirmTracker tracker;
  for (int i = 0; i < 5; ++i) tracker.Published(At(100 + i));
  int64_t count = 0;
  EXPECT_THAT(SettleTimes(tracker, 3, /*multiple=*/true, &count), ElementsAre(100, 101, 102));
  EXPECT_EQ(count, 3);
  EXPECT_EQ(tracker.outstanding(), 2);
  EXPECT_THAT(SettleTimes(tracker, 5, true), ElementsAre(103, 104));
  EXPECT_EQ(tracker.outstanding(), 0);
}

TEST(ConfirmTrackerTest, SingleAcksOutOfOrderThenMultipleCoversOnlyTheRest) {
  ConfirmTracker tracker;
  for (int i = 0; i < 4; ++i) tracker.Published(At(i));
  EXPECT_THAT(SettleTimes(tracker, 2, false), ElementsAre(1));
  EXPECT_THAT(SettleTimes(tracker, 4, false), ElementsAre(3));
  int64_t count = 0;
  EXPECT_THAT(SettleTimes(tracker, 4, true, &count), ElementsAre(0, 2));
  EXPECT_EQ(count, 2);
  // A multiple ack that covers nothing new is legal and settles nothing.
  EXPECT_THAT(SettleTimes(tracker, 3, true, &count), ElementsAre());
  EXPECT_EQ(count, 0);
}

TEST(ConfirmTrackerTest, RejectsTagsNeverPublishedOrSettledTwice) {
  ConfirmTracker tracker;
  tracker.Published(At(1));
  auto ignore = [](absl::Time) {};
  EXPECT_EQ(tracker.Settle(2, false, ignore).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(tracker.Settle(2, true, ignore).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(tracker.Settle(0, true, ignore).status().code(), absl::StatusCode::kInvalidArgument);
  ASSERT_TRUE(tracker.Settle(1, false, ignore).ok());
  EXPECT_EQ(tracker.Settle(1, false, ignore).status().code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace liaison::load::rabbitmq
