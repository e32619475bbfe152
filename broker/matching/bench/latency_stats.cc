#include "broker/matching/bench/latency_stats.h"

#include <algorithm>
#include <cmath>
#include <functional>

namespace liaison::matching::bench {
namespace {

absl::Duration MedianOf(const std::vector<LatencySummary>& runs,
                        const std::function<absl::Duration(const LatencySummary&)>& field) {
  std::vector<absl::Duration> values;
  values.reserve(runs.size());
  for (const LatencySummary& run : runs) values.push_back(field(run));
  std::sort(values.begin(), values.end());
  return values[(values.size() - 1) / 2];
}

}  // namespace

template <typename T>
const T& NearestRank(const std::vector<T>& sorted, double percent) {
  const double rank = std::ceil(percent / 100.0 * static_cast<double>(sorted.size()));
  const size_t index = rank < 1 ? 0 : static_cast<size_t>(rank) - 1;
  return sorted[std::min(index, sorted.size() - 1)];
}

template const absl::Duration& NearestRank(const std::vector<absl::Duration>& sorted, double percent);
template const uint32_t& NearestRank(const std::vector<uint32_t>& sorted, double percent);

LatencySummary Summarise(std::vector<absl::Duration> samples) {
  LatencySummary summary;
  if (samples.empty()) return summary;
  std::sort(samples.begin(), samples.end());
  absl::Duration total;
  for (absl::Duration d : samples) total += d;
  summary.samples = static_cast<int64_t>(samples.size());
  summary.p50 = NearestRank(samples, 50);
  summary.p99 = NearestRank(samples, 99);
  summary.p999 = NearestRank(samples, 99.9);
  summary.mean = total / static_cast<int64_t>(samples.size());
  summary.max = samples.back();
  return summary;
}

LatencySummary MedianOfRuns(const std::vector<LatencySummary>& runs) {
  LatencySummary median;
  median.samples = runs.front().samples;
  median.p50 = MedianOf(runs, [](const LatencySummary& r) { return r.p50; });
  median.p99 = MedianOf(runs, [](const LatencySummary& r) { return r.p99; });
  median.p999 = MedianOf(runs, [](const LatencySummary& r) { return r.p999; });
  median.mean = MedianOf(runs, [](const LatencySummary& r) { return r.mean; });
  median.max = MedianOf(runs, [](const LatencySummary& r) { return r.max; });
  return median;
}

}  // namespace liaison::matching::bench
