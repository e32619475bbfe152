#ifndef LIAISON_TESTS_LOAD_RABBITMQ_BENCH_RUNNER_H_
#define LIAISON_TESTS_LOAD_RABBITMQ_BENCH_RUNNER_H_

#include <cstddef>
#include <cstdint>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "tests/load/latency_histogram.h"
#include "tests/load/rabbitmq/amqp_connection.h"

namespace liaison::load::rabbitmq {

enum class Scenario {
  kIngest,    // publish + confirm into one quorum queue, no consumers
  kE2e,       // the same with consumers acking each delivery
  kFanout10,  // publish to a fanout exchange bound to 10 quorum queues, a consumer on each
};
absl::string_view ScenarioName(Scenario scenario);
// INVALID_ARGUMENT naming the accepted names for anything else.
absl::StatusOr<Scenario> ParseScenario(absl::string_view name);

struct BenchOptions {
  AmqpEndpoint endpoint;
  Scenario scenario = Scenario::kIngest;
  bool fixed_rate = false;
  double rate_per_s = 0;  // fixed mode, across all publishers
  absl::Duration duration = absl::Seconds(10);
  int concurrency = 64;  // outstanding confirms (max) or in-flight bound (fixed), across publishers
  size_t message_bytes = 1024;
  int publishers = 1;  // threads, one connection each
  int consumers_per_queue = 1;
  int prefetch = 64;
  absl::Duration drain_timeout = absl::Seconds(30);
  int64_t server_pid = 0;  // the broker's Erlang VM, for CPU and RSS; 0 = not measured
};

struct BenchResult {
  BenchOptions options;
  int64_t sent = 0, acked = 0, errors = 0, dropped = 0, delivered = 0;
  LatencyHistogram ack_latency;
  LatencyHistogram e2e_latency;
  // From the first send to the later of the schedule's end and the last
  // confirm or delivery.
  absl::Duration window;
  double server_cpu_us_per_msg = -1;
  double server_rss_mb = -1;
};

// Declares the scenario's queues (deleting leftovers first), runs the load,
// deletes them again and returns the counts. Errors: the first connection
// error of any thread (UNAVAILABLE, FAILED_PRECONDITION), NOT_FOUND if
// server_pid names no process.
absl::StatusOr<BenchResult> RunBench(const BenchOptions& options);

}  // namespace liaison::load::rabbitmq

#endif  // LIAISON_TESTS_LOAD_RABBITMQ_BENCH_RUNNER_H_
