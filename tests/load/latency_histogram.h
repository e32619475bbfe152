#ifndef LIAISON_TESTS_LOAD_LATENCY_HISTOGRAM_H_
#define LIAISON_TESTS_LOAD_LATENCY_HISTOGRAM_H_

#include <array>
#include <cstdint>
#include <string>

#include "absl/time/time.h"

namespace liaison::load {

// A latency histogram in the manner of HdrHistogram: log-linear buckets
// (each power of two split into kSubBuckets equal parts), so every recorded
// value is reproduced to within 1/kSubBuckets (under 1%) of itself, from 1 ns
// to about 18 minutes, in a fixed 35 KiB with no allocation on Record.
// Not thread-safe: give each thread its own and Merge them.
class LatencyHistogram {
 public:
  static constexpr int kSubBucketBits = 7;
  static constexpr int kSubBuckets = 1 << kSubBucketBits;  // 128
  static constexpr int kMaxExponent = 40;                  // 2^40 ns ~ 18 min

  LatencyHistogram() { counts_.fill(0); }

  // Records one value; negative durations count as zero, values past the
  // range as the largest bucket (and max() keeps the true value).
  void Record(absl::Duration latency);
  void RecordNanos(int64_t nanos);
  // Adds every count of `other`.
  void Merge(const LatencyHistogram& other);

  uint64_t count() const { return count_; }
  int64_t min_nanos() const { return count_ == 0 ? 0 : min_; }
  int64_t max_nanos() const { return max_; }
  double mean_nanos() const { return count_ == 0 ? 0.0 : static_cast<double>(sum_) / count_; }

  // The smallest recorded value v (to the histogram's precision) such that
  // at least `quantile` (0..1) of all values are <= v; the exact max for
  // quantile 1. 0 when empty.
  int64_t PercentileNanos(double quantile) const;

  // "p50=… p99=… p99.9=… max=… n=…" in microseconds, for logs.
  std::string Summary() const;

  // For tests: the bucket a value falls in, and the largest value that
  // bucket holds (what percentiles report).
  static int BucketIndex(int64_t nanos);
  static int64_t BucketUpperBound(int index);

 private:
  static constexpr int kBuckets = (kMaxExponent - kSubBucketBits + 2) * kSubBuckets;
  std::array<uint64_t, kBuckets> counts_;
  uint64_t count_ = 0;
  int64_t min_ = INT64_MAX;
  int64_t max_ = 0;
  // Sum of values; wraps only after ~290 years of summed latency.
  int64_t sum_ = 0;
};

}  // namespace liaison::load

#endif  // LIAISON_TESTS_LOAD_LATENCY_HISTOGRAM_H_
