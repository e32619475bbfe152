// liaison-rabbitmq-bench: the RabbitMQ baseline of the benchmarks (issue 7).
// Publishes ~1 KB persistent messages with publisher confirms into durable
// quorum queues and consumes them with manual acks, at a fixed rate (open
// loop, latency from the intended send time) or as fast as `--concurrency`
// unconfirmed messages allow, and prints one JSON line (see
// docs/performance-rabbitmq.md). Start a broker with deploy/rabbitmq.sh.
//
//   liaison-rabbitmq-bench --port=P --scenario=e2e --mode=fixed --rate=2000 --duration=10s --server_pid=PID

#include <cstdint>
#include <iostream>
#include <string>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/str_cat.h"
#include "tests/load/rabbitmq/bench_runner.h"
#include "tests/load/rabbitmq/result_json.h"

ABSL_FLAG(std::string, host, "127.0.0.1", "RabbitMQ host.");
ABSL_FLAG(int, port, 5672, "RabbitMQ AMQP port.");
ABSL_FLAG(std::string, user, "guest", "AMQP user.");
ABSL_FLAG(std::string, password, "guest", "AMQP password.");
ABSL_FLAG(std::string, scenario, "ingest", "ingest (publish + confirm), e2e (also consume), fanout10.");
ABSL_FLAG(std::string, mode, "max", "max (closed loop, --concurrency outstanding) or fixed (open loop at --rate).");
ABSL_FLAG(double, rate, 0, "Fixed mode: messages per second offered, across publishers.");
ABSL_FLAG(absl::Duration, duration, absl::Seconds(10), "How long to publish.");
ABSL_FLAG(int, concurrency, 64, "Unconfirmed messages outstanding (max) or the in-flight bound (fixed).");
ABSL_FLAG(int, message_bytes, 1024, "Message body size in bytes (>= 12).");
ABSL_FLAG(int, publishers, 1, "Publishing threads, one connection each.");
ABSL_FLAG(int, consumers_per_queue, 1, "Consuming threads per queue, one connection each.");
ABSL_FLAG(int, prefetch, 64, "Consumer prefetch (basic.qos), 1..65535.");
ABSL_FLAG(absl::Duration, drain_timeout, absl::Seconds(30), "How long to wait for confirms and deliveries after the load.");
ABSL_FLAG(int64_t, server_pid, 0, "The broker's Erlang VM (beam.smp) pid, for CPU and RSS; 0 = not measured.");

namespace {

using liaison::load::rabbitmq::BenchOptions;

absl::StatusOr<BenchOptions> OptionsFromFlags() {
  BenchOptions o;
  o.endpoint = {absl::GetFlag(FLAGS_host), absl::GetFlag(FLAGS_port), absl::GetFlag(FLAGS_user),
                absl::GetFlag(FLAGS_password)};
  auto scenario = liaison::load::rabbitmq::ParseScenario(absl::GetFlag(FLAGS_scenario));
  if (!scenario.ok()) return scenario.status();
  o.scenario = *scenario;
  const std::string mode = absl::GetFlag(FLAGS_mode);
  if (mode != "max" && mode != "fixed") return absl::InvalidArgumentError("--mode: must be max or fixed, got '" + mode + "'");
  o.fixed_rate = mode == "fixed";
  o.rate_per_s = absl::GetFlag(FLAGS_rate);
  if (o.fixed_rate && !(o.rate_per_s > 0)) return absl::InvalidArgumentError("--rate: fixed mode needs a rate > 0");
  o.duration = absl::GetFlag(FLAGS_duration);
  o.drain_timeout = absl::GetFlag(FLAGS_drain_timeout);
  if (o.duration <= absl::ZeroDuration()) return absl::InvalidArgumentError("--duration: must be positive");
  o.concurrency = absl::GetFlag(FLAGS_concurrency);
  o.publishers = absl::GetFlag(FLAGS_publishers);
  o.consumers_per_queue = absl::GetFlag(FLAGS_consumers_per_queue);
  o.prefetch = absl::GetFlag(FLAGS_prefetch);
  if (o.publishers < 1 || o.concurrency < o.publishers) {
    return absl::InvalidArgumentError("--publishers/--concurrency: need 1 <= publishers <= concurrency");
  }
  if (o.consumers_per_queue < 1) return absl::InvalidArgumentError("--consumers_per_queue: must be >= 1");
  if (o.prefetch < 1 || o.prefetch > 65535) return absl::InvalidArgumentError("--prefetch: must be 1..65535");
  const int bytes = absl::GetFlag(FLAGS_message_bytes);
  if (bytes < 12) return absl::InvalidArgumentError("--message_bytes: must be >= 12 (the timestamp header)");
  o.message_bytes = static_cast<size_t>(bytes);
  o.server_pid = absl::GetFlag(FLAGS_server_pid);
  return o;
}

}  // namespace

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage("RabbitMQ baseline: quorum queues, persistent messages, confirms, manual acks.");
  absl::ParseCommandLine(argc, argv);
  absl::StatusOr<BenchOptions> options = OptionsFromFlags();
  if (!options.ok()) {
    std::cerr << "liaison-rabbitmq-bench: " << options.status().message() << "\n";
    return 2;
  }
  absl::StatusOr<liaison::load::rabbitmq::BenchResult> result = liaison::load::rabbitmq::RunBench(*options);
  if (!result.ok()) {
    std::cerr << "liaison-rabbitmq-bench: " << result.status() << "\n";
    return 1;
  }
  std::cerr << "ack " << result->ack_latency.Summary() << "\ne2e " << result->e2e_latency.Summary() << "\n";
  std::cout << liaison::load::rabbitmq::FormatResultLine(*result) << std::endl;
  return 0;
}
