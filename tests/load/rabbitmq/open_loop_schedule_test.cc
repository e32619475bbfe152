#include "tests/load/rabbitmq/open_loop_schedule.h"

#include "gtest/gtest.h"

namespace liaison::load::rabbitmq {
namespace {

const absl::Time kStart = absl::FromUnixSeconds(1000);

TEST(OpenLoopScheduleTest, IntendedTimesAreEvenlySpacedFromStart) {
  const OpenLoopSchedule schedule(kStart, /*rate_per_s=*/4000, /*total=*/40000);
  EXPECT_EQ(schedule.IntendedTime(0), kStart);
  EXPECT_EQ(schedule.IntendedTime(1), kStart + absl::Microseconds(250));
  // Computed, not accumulated: no drift after many sends.
  EXPECT_EQ(schedule.IntendedTime(39999), kStart + absl::Microseconds(250) * 39999);
}

TEST(OpenLoopScheduleTest, DueCountsSendsAtOrBeforeNow) {
  const OpenLoopSchedule schedule(kStart, /*rate_per_s=*/1000, /*total=*/10);
  EXPECT_EQ(schedule.DueBy(kStart - absl::Nanoseconds(1)), 0);
  EXPECT_EQ(schedule.DueBy(kStart), 1);
  EXPECT_EQ(schedule.DueBy(kStart + absl::Milliseconds(1) - absl::Nanoseconds(1)), 1);
  EXPECT_EQ(schedule.DueBy(kStart + absl::Milliseconds(1)), 2);
  EXPECT_EQ(schedule.DueBy(kStart + absl::Microseconds(4500)), 5);
  // A generator that stalls finds every missed send due at once, not skipped.
  EXPECT_EQ(schedule.DueBy(kStart + absl::Milliseconds(9)), 10);
  EXPECT_EQ(schedule.DueBy(kStart + absl::Hours(1)), 10);
}

TEST(OpenLoopScheduleTest, FractionalIntervalsMatchIntendedTimesExactly) {
  const OpenLoopSchedule schedule(kStart, /*rate_per_s=*/3, /*total=*/100);
  for (int64_t i = 0; i < 100; ++i) {
    const absl::Time t = schedule.IntendedTime(i);
    EXPECT_EQ(schedule.DueBy(t), i + 1) << i;
    EXPECT_EQ(schedule.DueBy(t - absl::Nanoseconds(1)), i) << i;
  }
}

}  // namespace
}  // namespace liaison::load::rabbitmq
