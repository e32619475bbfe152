#include "tests/load/latency_histogram.h"

#include <algorithm>
#include <bit>
#include <cmath>

#include "absl/strings/str_format.h"

namespace liaison::load {

// Values below kSubBuckets get a bucket each (group 0). A larger value whose
// top set bit is bit b falls in group b - kSubBucketBits + 1, which splits
// [2^b, 2^(b+1)) into kSubBuckets equal buckets selected by the
// kSubBucketBits bits below the top bit.
int LatencyHistogram::BucketIndex(int64_t nanos) {
  if (nanos < kSubBuckets) return static_cast<int>(std::max<int64_t>(nanos, 0));
  const uint64_t v = static_cast<uint64_t>(nanos);
  const int top_bit = 63 - std::countl_zero(v);  // >= kSubBucketBits
  const int group = top_bit - kSubBucketBits + 1;
  if (group > kMaxExponent - kSubBucketBits + 1) return kBuckets - 1;
  // The kSubBucketBits bits below the top bit select the sub-bucket.
  const int shift = top_bit - kSubBucketBits;
  const int sub = static_cast<int>((v >> shift) & (kSubBuckets - 1));
  return group * kSubBuckets + sub;
}

int64_t LatencyHistogram::BucketUpperBound(int index) {
  if (index < kSubBuckets) return index;
  const int group = index / kSubBuckets;
  const int sub = index % kSubBuckets;
  const int shift = group - 1;
  const int64_t lower = (int64_t{kSubBuckets} + sub) << shift;
  return lower + ((int64_t{1} << shift) - 1);
}

void LatencyHistogram::Record(absl::Duration latency) { RecordNanos(absl::ToInt64Nanoseconds(latency)); }

void LatencyHistogram::RecordNanos(int64_t nanos) {
  nanos = std::max<int64_t>(nanos, 0);
  ++counts_[BucketIndex(nanos)];
  ++count_;
  min_ = std::min(min_, nanos);
  max_ = std::max(max_, nanos);
  sum_ += nanos;
}

void LatencyHistogram::Merge(const LatencyHistogram& other) {
  for (int i = 0; i < kBuckets; ++i) counts_[i] += other.counts_[i];
  count_ += other.count_;
  min_ = std::min(min_, other.min_);
  max_ = std::max(max_, other.max_);
  sum_ += other.sum_;
}

int64_t LatencyHistogram::PercentileNanos(double quantile) const {
  if (count_ == 0) return 0;
  if (quantile >= 1.0) return max_;
  const double wanted = std::max(1.0, std::ceil(std::max(quantile, 0.0) * static_cast<double>(count_)));
  uint64_t seen = 0;
  for (int i = 0; i < kBuckets; ++i) {
    seen += counts_[i];
    if (static_cast<double>(seen) >= wanted) return std::min(BucketUpperBound(i), max_);
  }
  return max_;
}

std::string LatencyHistogram::Summary() const {
  return absl::StrFormat("p50=%.1fus p99=%.1fus p99.9=%.1fus max=%.1fus n=%d", PercentileNanos(0.5) / 1e3,
                         PercentileNanos(0.99) / 1e3, PercentileNanos(0.999) / 1e3, max_ / 1e3, count_);
}

}  // namespace liaison::load
