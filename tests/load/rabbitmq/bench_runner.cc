#include "tests/load/rabbitmq/bench_runner.h"

#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "broker/common/status_macros.h"
#include "tests/load/rabbitmq/consumer.h"
#include "tests/load/rabbitmq/proc_stats.h"
#include "tests/load/rabbitmq/publisher.h"

namespace liaison::load::rabbitmq {
namespace {

constexpr absl::string_view kExchange = "liaison-bench-fanout";

struct Topology {
  std::vector<std::string> queues;
  std::string exchange;  // "" for the default exchange
};

Topology TopologyFor(Scenario scenario) {
  Topology topology;
  const int queues = scenario == Scenario::kFanout10 ? 10 : 1;
  for (int i = 0; i < queues; ++i) topology.queues.push_back(absl::StrCat("liaison-bench-", i));
  if (scenario == Scenario::kFanout10) topology.exchange = std::string(kExchange);
  return topology;
}

absl::Status TearDown(AmqpConnection& admin, const Topology& topology) {
  for (const std::string& queue : topology.queues) RETURN_IF_ERROR(admin.DeleteQueue(queue));
  if (!topology.exchange.empty()) RETURN_IF_ERROR(admin.DeleteExchange(topology.exchange));
  return absl::OkStatus();
}

absl::Status SetUp(AmqpConnection& admin, const Topology& topology) {
  RETURN_IF_ERROR(TearDown(admin, topology));
  if (!topology.exchange.empty()) RETURN_IF_ERROR(admin.DeclareFanoutExchange(topology.exchange));
  for (const std::string& queue : topology.queues) {
    RETURN_IF_ERROR(admin.DeclareQuorumQueue(queue));
    if (!topology.exchange.empty()) RETURN_IF_ERROR(admin.Bind(queue, topology.exchange));
  }
  return absl::OkStatus();
}

std::vector<PublisherPlan> PlansFor(const BenchOptions& options, const Topology& topology, absl::Time start) {
  std::vector<PublisherPlan> plans(options.publishers);
  for (int i = 0; i < options.publishers; ++i) {
    PublisherPlan& plan = plans[i];
    plan.exchange = topology.exchange;
    plan.routing_key = topology.exchange.empty() ? topology.queues[0] : "";
    plan.message_bytes = options.message_bytes;
    plan.fixed_rate = options.fixed_rate;
    plan.rate_per_s = options.rate_per_s / options.publishers;
    plan.concurrency = std::max(1, options.concurrency / options.publishers);
    // Staggered so the publishers' open-loop sends interleave evenly.
    plan.start = options.fixed_rate ? start + absl::Seconds(i / options.rate_per_s) : start;
    plan.end = start + options.duration;
    plan.drain_deadline = plan.end + options.drain_timeout;
  }
  return plans;
}

// Opens `n` connections, one per thread to come.
absl::StatusOr<std::vector<std::unique_ptr<AmqpConnection>>> OpenConnections(const AmqpEndpoint& endpoint, int n) {
  std::vector<std::unique_ptr<AmqpConnection>> connections;
  for (int i = 0; i < n; ++i) {
    ASSIGN_OR_RETURN(auto connection, AmqpConnection::Open(endpoint));
    connections.push_back(std::move(connection));
  }
  return connections;
}

// Runs the publishers and consumers; fills the counts of `result`.
absl::Status RunLoad(const BenchOptions& options, const Topology& topology, BenchResult& result) {
  const bool consuming = options.scenario != Scenario::kIngest;
  const int consumer_count = consuming ? static_cast<int>(topology.queues.size()) * options.consumers_per_queue : 0;
  ASSIGN_OR_RETURN(auto consumer_connections, OpenConnections(options.endpoint, consumer_count));
  ASSIGN_OR_RETURN(auto publisher_connections, OpenConnections(options.endpoint, options.publishers));

  DeliveryBoard board;
  std::vector<std::optional<absl::StatusOr<ConsumerStats>>> consumed(consumer_count);
  std::vector<std::thread> consumers;
  for (int i = 0; i < consumer_count; ++i) {
    consumers.emplace_back([&, i] {
      const std::string& queue = topology.queues[i % topology.queues.size()];
      consumed[i] = RunConsumer(queue, options.prefetch, *consumer_connections[i], board);
    });
  }
  const absl::Time start = absl::Now();
  const std::vector<PublisherPlan> plans = PlansFor(options, topology, start);
  std::vector<std::optional<absl::StatusOr<PublisherStats>>> published(plans.size());
  std::vector<std::thread> publishers;
  for (size_t i = 0; i < plans.size(); ++i) {
    publishers.emplace_back([&, i] { published[i] = RunPublisher(plans[i], *publisher_connections[i]); });
  }
  for (std::thread& thread : publishers) thread.join();

  absl::Status status;
  absl::Time last = start + options.duration;
  for (auto& stats : published) {
    if (!stats->ok()) { status.Update(stats->status()); continue; }
    result.sent += (*stats)->sent, result.acked += (*stats)->acked;
    result.errors += (*stats)->errors, result.dropped += (*stats)->dropped;
    result.ack_latency.Merge((*stats)->ack_latency);
    last = std::max(last, (*stats)->last_confirm);
  }
  // Every confirmed message must reach every queue's consumer.
  if (consuming && status.ok()) {
    board.AwaitDelivered(result.acked * static_cast<int64_t>(topology.queues.size()),
                         absl::Now() + options.drain_timeout);
  }
  board.Stop();
  for (std::thread& thread : consumers) thread.join();
  for (auto& stats : consumed) {
    if (!stats->ok()) { status.Update(stats->status()); continue; }
    result.delivered += (*stats)->delivered;
    result.errors += (*stats)->errors;
    result.e2e_latency.Merge((*stats)->e2e_latency);
  }
  result.window = std::max(last, board.last_delivery()) - start;
  return status;
}

}  // namespace

absl::string_view ScenarioName(Scenario scenario) {
  switch (scenario) {
    case Scenario::kIngest:
      return "ingest";
    case Scenario::kE2e:
      return "e2e";
    case Scenario::kFanout10:
      return "fanout10";
  }
  return "?";
}

absl::StatusOr<Scenario> ParseScenario(absl::string_view name) {
  for (Scenario s : {Scenario::kIngest, Scenario::kE2e, Scenario::kFanout10}) {
    if (name == ScenarioName(s)) return s;
  }
  return absl::InvalidArgumentError(absl::StrCat("scenario: '", name, "' is not one of ingest, e2e, fanout10"));
}

absl::StatusOr<BenchResult> RunBench(const BenchOptions& options) {
  const Topology topology = TopologyFor(options.scenario);
  ASSIGN_OR_RETURN(auto admin, AmqpConnection::Open(options.endpoint));
  RETURN_IF_ERROR(SetUp(*admin, topology));
  std::optional<ProcStats> before;
  if (options.server_pid != 0) { ASSIGN_OR_RETURN(before, ReadProcStats(options.server_pid)); }

  BenchResult result;
  result.options = options;
  RETURN_IF_ERROR(RunLoad(options, topology, result));

  if (before.has_value()) {
    ASSIGN_OR_RETURN(ProcStats after, ReadProcStats(options.server_pid));
    if (result.acked > 0) {
      result.server_cpu_us_per_msg = absl::ToDoubleMicroseconds(after.cpu - before->cpu) / result.acked;
    }
    result.server_rss_mb = after.peak_rss_bytes / (1024.0 * 1024.0);
  }
  RETURN_IF_ERROR(TearDown(*admin, topology));
  return result;
}

}  // namespace liaison::load::rabbitmq
