#include "tests/load/rabbitmq/proc_stats.h"

#include <unistd.h>

#include "gtest/gtest.h"

namespace liaison::load::rabbitmq {
namespace {

TEST(ProcStatsTest, CpuTicksSkipACommandWithSpacesAndParens) {
  // Fields 14 and 15 (utime, stime) are 700 and 45.
  const char* stat = "1234 (beam.smp (x) y) S 1 1234 1234 0 -1 4194560 100 0 0 0 700 45 0 0 20 0 30 0 999";
  absl::StatusOr<int64_t> ticks = ParseCpuTicks(stat);
  ASSERT_TRUE(ticks.ok()) << ticks.status();
  EXPECT_EQ(*ticks, 745);
  EXPECT_FALSE(ParseCpuTicks("1234 beam S 1").ok());
  EXPECT_FALSE(ParseCpuTicks("1234 (beam) S 1 2 3").ok());
}

TEST(ProcStatsTest, PeakRssIsVmHwmInBytes) {
  absl::StatusOr<int64_t> peak = ParsePeakRssBytes("Name:\tbeam.smp\nVmPeak:\t 900 kB\nVmHWM:\t   2048 kB\nVmRSS:\t1 kB\n");
  ASSERT_TRUE(peak.ok()) << peak.status();
  EXPECT_EQ(*peak, 2048 * 1024);
  EXPECT_FALSE(ParsePeakRssBytes("VmRSS:\t1 kB\n").ok());
  EXPECT_FALSE(ParsePeakRssBytes("VmHWM:\t12 MB\n").ok());
}

TEST(ProcStatsTest, ReadsThisProcess) {
  absl::StatusOr<ProcStats> stats = ReadProcStats(getpid());
  ASSERT_TRUE(stats.ok()) << stats.status();
  EXPECT_GT(stats->peak_rss_bytes, 0);
  EXPECT_EQ(ReadProcStats(-1).status().code(), absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace liaison::load::rabbitmq
