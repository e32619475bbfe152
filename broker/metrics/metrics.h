#ifndef LIAISON_BROKER_METRICS_METRICS_H_
#define LIAISON_BROKER_METRICS_METRICS_H_

// Counters, gauges and histograms for the Prometheus text exposition format
// (docs/metrics.md). Updating a metric is a few relaxed atomic operations
// and never allocates or locks, so the broker's hot path can afford it;
// metrics are created once, at start, by whoever owns a Registry.

#include <atomic>
#include <cstdint>
#include <memory>
#include <vector>

namespace liaison::metrics {

// A monotonically increasing count. Thread-safe.
class Counter {
 public:
  void Increment(uint64_t n = 1) { value_.fetch_add(n, std::memory_order_relaxed); }
  uint64_t value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<uint64_t> value_{0};
};

// A value that goes up and down, set by the code that knows it (often a
// Registry collector just before a scrape). Thread-safe.
class Gauge {
 public:
  void Set(double value) { value_.store(value, std::memory_order_relaxed); }
  void Add(double delta);
  double value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<double> value_{0};
};

// Observations counted into fixed buckets (upper bounds, inclusive, as
// Prometheus's `le`), with their sum. Thread-safe; a snapshot taken while
// observations land may count one in `count` before its `sum` (the usual
// Prometheus client behaviour).
class Histogram {
 public:
  // REQUIRES: `upper_bounds` strictly increasing and finite (the +Inf bucket
  // is implicit).
  explicit Histogram(std::vector<double> upper_bounds);

  void Observe(double value);

  struct Snapshot {
    std::vector<double> upper_bounds;
    // Cumulative: cumulative_counts[i] observations were <= upper_bounds[i].
    std::vector<uint64_t> cumulative_counts;
    uint64_t count = 0;  // every observation (the +Inf bucket)
    double sum = 0;
  };
  Snapshot Read() const;

  const std::vector<double>& upper_bounds() const { return upper_bounds_; }

 private:
  const std::vector<double> upper_bounds_;
  // Per bucket, not cumulative; the last is the +Inf bucket.
  std::unique_ptr<std::atomic<uint64_t>[]> buckets_;
  std::atomic<double> sum_{0};
};

// Bucket bounds in seconds for latencies from 1 ms to 1 hour: fine at the
// bottom for delivery and writes, coarse at the top for acknowledgements
// by people.
std::vector<double> LatencyBuckets();
// Bucket bounds in seconds for storage writes: 100 us to 10 s.
std::vector<double> StoreWriteBuckets();
// `count` bounds start, start * factor, ... (Prometheus's ExponentialBuckets).
std::vector<double> ExponentialBuckets(double start, double factor, int count);

}  // namespace liaison::metrics

#endif  // LIAISON_BROKER_METRICS_METRICS_H_
