#ifndef LIAISON_BROKER_MATCHING_BENCH_LATENCY_STATS_H_
#define LIAISON_BROKER_MATCHING_BENCH_LATENCY_STATS_H_

// Order statistics for the match benchmark: nearest-rank percentiles of
// latency samples and of per-query counts. Pure functions; thread-safe.

#include <cstdint>
#include <vector>

#include "absl/time/time.h"

namespace liaison::matching::bench {

struct LatencySummary {
  int64_t samples = 0;
  absl::Duration p50;
  absl::Duration p99;
  absl::Duration p999;
  absl::Duration mean;
  absl::Duration max;
};

// The nearest-rank percentile: the smallest sample with at least
// `percent` % of the samples at or below it. REQUIRES: `sorted` ascending
// and not empty; 0 < percent <= 100.
template <typename T>
const T& NearestRank(const std::vector<T>& sorted, double percent);

// Sorts `samples` and summarises them; all zero when there are none.
LatencySummary Summarise(std::vector<absl::Duration> samples);

// The summary of several runs: the median of each statistic (for an even
// number of runs, the lower of the middle two, so it is a measured value).
// REQUIRES: `runs` not empty.
LatencySummary MedianOfRuns(const std::vector<LatencySummary>& runs);

}  // namespace liaison::matching::bench

#endif  // LIAISON_BROKER_MATCHING_BENCH_LATENCY_STATS_H_
