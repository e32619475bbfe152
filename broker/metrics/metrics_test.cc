#include "broker/metrics/metrics.h"

#include <thread>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace liaison::metrics {
namespace {

using ::testing::ElementsAre;

TEST(HistogramTest, BucketsAreInclusiveUpperBoundsAndCumulative) {
  Histogram histogram({1, 2, 5});
  for (double v : {0.5, 1.0, 1.5, 2.0, 2.0001, 5.0, 7.0, 100.0}) histogram.Observe(v);
  const Histogram::Snapshot s = histogram.Read();
  // le=1: 0.5, 1.0; le=2: + 1.5, 2.0; le=5: + 2.0001, 5.0; +Inf: + 7, 100.
  EXPECT_THAT(s.cumulative_counts, ElementsAre(2, 4, 6));
  EXPECT_EQ(s.count, 8u);
  EXPECT_DOUBLE_EQ(s.sum, 0.5 + 1.0 + 1.5 + 2.0 + 2.0001 + 5.0 + 7.0 + 100.0);
}

TEST(HistogramTest, BelowTheFirstBoundAndNegativeValuesLandInTheFirstBucket) {
  Histogram histogram({0.001, 0.01});
  histogram.Observe(-3);
  histogram.Observe(0);
  EXPECT_THAT(histogram.Read().cumulative_counts, ElementsAre(2, 2));
}

TEST(HistogramTest, ConcurrentObservationsAreAllCounted) {
  Histogram histogram({10});
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&histogram, t] {
      for (int i = 0; i < 10000; ++i) histogram.Observe(t < 2 ? 1 : 20);
    });
  }
  for (std::thread& thread : threads) thread.join();
  const Histogram::Snapshot s = histogram.Read();
  EXPECT_EQ(s.count, 40000u);
  EXPECT_THAT(s.cumulative_counts, ElementsAre(20000));
  EXPECT_DOUBLE_EQ(s.sum, 20000 * 1.0 + 20000 * 20.0);
}

TEST(CounterTest, AddsAcrossThreads) {
  Counter counter;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&counter] {
      for (int i = 0; i < 10000; ++i) counter.Increment();
    });
  }
  for (std::thread& thread : threads) thread.join();
  counter.Increment(5);
  EXPECT_EQ(counter.value(), 40005u);
}

TEST(GaugeTest, SetAndAdd) {
  Gauge gauge;
  gauge.Set(3.5);
  gauge.Add(-1.25);
  EXPECT_DOUBLE_EQ(gauge.value(), 2.25);
}

TEST(BucketsTest, ExponentialAndFixedBoundsIncrease) {
  EXPECT_THAT(ExponentialBuckets(1, 2, 4), ElementsAre(1, 2, 4, 8));
  for (const std::vector<double>& bounds : {LatencyBuckets(), StoreWriteBuckets()}) {
    for (size_t i = 1; i < bounds.size(); ++i) EXPECT_LT(bounds[i - 1], bounds[i]);
  }
}

}  // namespace
}  // namespace liaison::metrics
