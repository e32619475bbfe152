#include "tests/load/latency_histogram.h"

#include <cstdint>
#include <random>
#include <vector>
#include <algorithm>

#include "gtest/gtest.h"

namespace liaison::load {
namespace {

TEST(LatencyHistogramTest, EmptyReportsZero) {
  LatencyHistogram h;
  EXPECT_EQ(h.count(), 0u);
  EXPECT_EQ(h.PercentileNanos(0.99), 0);
}

TEST(LatencyHistogramTest, SmallValuesAreExact) {
  LatencyHistogram h;
  for (int v = 1; v <= 100; ++v) h.RecordNanos(v);
  EXPECT_EQ(h.PercentileNanos(0.5), 50);
  EXPECT_EQ(h.PercentileNanos(0.99), 99);
  EXPECT_EQ(h.PercentileNanos(1.0), 100);
  EXPECT_EQ(h.min_nanos(), 1);
}

TEST(LatencyHistogramTest, EveryBucketHoldsItsValueWithinOnePercent) {
  for (int64_t v : {int64_t{127}, int64_t{128}, int64_t{129}, int64_t{255}, int64_t{256}, int64_t{1000},
                    int64_t{123456}, int64_t{999999999}, int64_t{1} << 39}) {
    const int i = LatencyHistogram::BucketIndex(v);
    const int64_t upper = LatencyHistogram::BucketUpperBound(i);
    EXPECT_GE(upper, v) << v;
    EXPECT_LE(static_cast<double>(upper - v), 0.01 * static_cast<double>(v)) << v;
    if (i > 0) {
      EXPECT_LT(LatencyHistogram::BucketUpperBound(i - 1), v) << v;
    }
  }
}

TEST(LatencyHistogramTest, PercentilesMatchSortedSampleWithinOnePercent) {
  std::mt19937_64 rng(7);
  std::lognormal_distribution<double> dist(11.0, 1.5);  // ~60 us median
  std::vector<int64_t> values;
  LatencyHistogram h;
  for (int i = 0; i < 100000; ++i) {
    const auto v = static_cast<int64_t>(dist(rng));
    values.push_back(v);
    h.RecordNanos(v);
  }
  std::sort(values.begin(), values.end());
  for (double q : {0.5, 0.9, 0.99, 0.999}) {
    const int64_t exact = values[static_cast<size_t>(q * values.size()) - 1];
    EXPECT_NEAR(static_cast<double>(h.PercentileNanos(q)), static_cast<double>(exact), 0.01 * exact) << q;
  }
  EXPECT_EQ(h.PercentileNanos(1.0), values.back());
}

TEST(LatencyHistogramTest, MergeAddsCounts) {
  LatencyHistogram a, b;
  for (int i = 0; i < 90; ++i) a.RecordNanos(1000);
  for (int i = 0; i < 10; ++i) b.RecordNanos(1000000);
  a.Merge(b);
  EXPECT_EQ(a.count(), 100u);
  EXPECT_LE(a.PercentileNanos(0.9), 1010);
  EXPECT_GE(a.PercentileNanos(0.91), 1000000);
  EXPECT_EQ(a.max_nanos(), 1000000);
}

TEST(LatencyHistogramTest, OutOfRangeValuesLandInTheLastBucket) {
  LatencyHistogram h;
  h.RecordNanos(-5);
  h.RecordNanos(int64_t{1} << 50);
  EXPECT_EQ(h.min_nanos(), 0);
  EXPECT_EQ(h.PercentileNanos(1.0), int64_t{1} << 50);
}

}  // namespace
}  // namespace liaison::load
