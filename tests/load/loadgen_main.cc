// liaison-loadgen: drives a Liaison broker (or liaison-noop-server) with
// realistic police domestic abuse callouts over the gRPC callback API and
// prints one JSON result line (tests/load/bench_result.h) on stdout.
//
//   liaison-loadgen --target=127.0.0.1:7443 --scenario=e2e --rate=2000
//       --duration_s=10 --load_index --server_pid=$(pidof liaison-broker)

#include <cstdio>
#include <iostream>
#include <memory>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "tests/load/bench_result.h"
#include "tests/load/callout_factory.h"
#include "tests/load/inbox_consumers.h"
#include "tests/load/index_loader.h"
#include "tests/load/submit_driver.h"

ABSL_FLAG(std::string, target, "127.0.0.1:7443", "Server address");
ABSL_FLAG(std::string, certs_dir, "",
          "deploy/certs.sh directory for mutual TLS; empty: plaintext loopback (broker --insecure-dev)");
ABSL_FLAG(std::string, system, "liaison", "Label for the result: liaison or noop");
ABSL_FLAG(std::string, scenario, "ingest", "ingest, e2e (one recipient) or fanout10 (ten recipients)");
ABSL_FLAG(std::string, rate, "max", "Calls per second (open loop), or max (closed loop)");
ABSL_FLAG(int, concurrency, 64, "Outstanding calls (max) or in-flight bound (fixed rate)");
ABSL_FLAG(int, channels, 4, "TCP connections for the submits");
ABSL_FLAG(double, duration_s, 10, "Measured seconds of load");
ABSL_FLAG(double, warmup_s, 2, "Unmeasured seconds of load first");
ABSL_FLAG(double, drain_timeout_s, 30, "How long to wait for the alerts of acknowledged submits");
ABSL_FLAG(int, index_size, 2000, "Offenders in the generated index");
ABSL_FLAG(uint64_t, seed, 7, "Seed for the index and the callouts");
ABSL_FLAG(bool, load_index, false, "BulkLoad the index first (once per fresh broker)");
ABSL_FLAG(bool, load_only, false, "Only load the index, then exit");
ABSL_FLAG(int, server_pid, 0, "Server process for CPU and memory figures; 0: none");
ABSL_FLAG(std::string, run_id, "", "Tag in source_ref; default: from the clock");

namespace liaison::load {
namespace {

std::vector<InboxConsumers::Inbox> InboxesFor(const std::string& scenario) {
  std::vector<InboxConsumers::Inbox> inboxes;
  if (scenario == "e2e") {
    for (int i = 1; i <= 20; ++i) inboxes.push_back({"om-inbox", absl::StrFormat("N07P%04d", i)});
  } else if (scenario == "fanout10") {
    for (int i = 1; i <= 10; ++i) inboxes.push_back({"partner-inbox", absl::StrFormat("BENCH-T%02d", i)});
  }
  return inboxes;
}

int Run() {
  const std::string scenario = absl::GetFlag(FLAGS_scenario);
  if (scenario != "ingest" && scenario != "e2e" && scenario != "fanout10") {
    std::cerr << "--scenario: must be ingest, e2e or fanout10\n";
    return 2;
  }
  double rate = 0;
  if (absl::GetFlag(FLAGS_rate) != "max" && (!absl::SimpleAtod(absl::GetFlag(FLAGS_rate), &rate) || rate <= 0)) {
    std::cerr << "--rate: must be a positive number of calls per second or max\n";
    return 2;
  }
  const Transport transport{absl::GetFlag(FLAGS_target), absl::GetFlag(FLAGS_certs_dir)};
  const auto index = MakeBenchIndex(absl::GetFlag(FLAGS_index_size), absl::GetFlag(FLAGS_seed));
  if (absl::GetFlag(FLAGS_load_index) || absl::GetFlag(FLAGS_load_only)) {
    absl::Status loaded = LoadIndex(transport, index);
    if (!loaded.ok()) {
      std::cerr << "loading the index: " << loaded << "\n";
      return 1;
    }
    if (absl::GetFlag(FLAGS_load_only)) return 0;
  }
  const int fanout = scenario == "fanout10" ? 10 : 1;
  const CalloutFactory factory(index, scenario == "fanout10", absl::GetFlag(FLAGS_seed));
  std::string run_id = absl::GetFlag(FLAGS_run_id);
  if (run_id.empty()) run_id = absl::StrCat("bench-", absl::ToUnixMicros(absl::Now()));

  std::unique_ptr<InboxConsumers> consumers;
  if (scenario != "ingest") consumers = std::make_unique<InboxConsumers>(transport, run_id, InboxesFor(scenario));

  SubmitOptions options;
  options.transport = transport;
  options.channels = absl::GetFlag(FLAGS_channels);
  options.rate = rate;
  options.concurrency = absl::GetFlag(FLAGS_concurrency);
  options.factory = &factory;
  // With inboxes, max mode closes the loop over delivery: at most
  // `concurrency` notifications acknowledged but not yet delivered.
  const uint64_t backlog = static_cast<uint64_t>(options.concurrency) * fanout;
  bool warming_up = true;
  if (consumers != nullptr) {
    options.may_send = [&](uint64_t acked) {
      const uint64_t delivered = warming_up ? consumers->other_runs() : consumers->delivered();
      return acked * fanout < backlog + delivered;
    };
  }
  if (absl::GetFlag(FLAGS_warmup_s) > 0) {
    options.duration = absl::Seconds(absl::GetFlag(FLAGS_warmup_s));
    options.run_id = run_id + "-warmup";
    const SubmitStats warm = RunSubmits(options);
    // The warm-up's alerts are delivered before the measured run starts.
    if (consumers != nullptr) {
      for (absl::Time deadline = absl::Now() + absl::Seconds(absl::GetFlag(FLAGS_drain_timeout_s));
           consumers->other_runs() < warm.acked * fanout && absl::Now() < deadline;) {
        absl::SleepFor(absl::Milliseconds(10));
      }
    }
  }
  warming_up = false;
  const pid_t server = absl::GetFlag(FLAGS_server_pid);
  ProcessUsage before, after;
  const bool have_usage = ReadProcessUsage(server, &before);
  options.duration = absl::Seconds(absl::GetFlag(FLAGS_duration_s));
  options.run_id = run_id;
  const absl::Time start = absl::Now();
  SubmitStats stats = RunSubmits(options);
  absl::Duration window = stats.elapsed;

  BenchResult result;
  if (consumers != nullptr) {
    if (!consumers->WaitForDelivered(stats.acked * fanout, absl::Seconds(absl::GetFlag(FLAGS_drain_timeout_s)))) {
      std::cerr << "timed out waiting for alerts: " << consumers->delivered() << " of " << stats.acked * fanout << "\n";
    }
    // The system's throughput includes delivering what it acknowledged.
    window = std::max(window, absl::Now() - start);
    result.e2e_latency = consumers->e2e_latency();
    result.delivered = consumers->delivered();
    if (consumers->duplicates() + consumers->ack_errors() + consumers->stream_errors() > 0) {
      std::cerr << "inboxes: " << consumers->duplicates() << " redelivered, " << consumers->ack_errors()
                << " failed acknowledgements, " << consumers->stream_errors() << " failed streams\n";
    }
  }
  if (have_usage && ReadProcessUsage(server, &after) && stats.acked > 0) {
    result.server_cpu_us_per_msg = static_cast<double>(after.cpu_micros - before.cpu_micros) / stats.acked;
    result.server_rss_mb = after.peak_rss_mb;
  }
  if (!stats.first_error.empty()) std::cerr << "first failed submit: " << stats.first_error << "\n";
  result.system = absl::GetFlag(FLAGS_system);
  result.scenario = scenario;
  result.mode = rate > 0 ? "fixed" : "max";
  result.offered_per_s = rate;
  result.duration_s = absl::ToDoubleSeconds(window);
  result.concurrency = options.concurrency;
  result.message_bytes = stats.message_bytes;
  result.sent = stats.sent;
  result.acked = stats.acked;
  result.errors = stats.errors;
  result.dropped = stats.dropped;
  result.ack_latency = stats.ack_latency;
  std::cout << FormatJson(result) << std::endl;
  return 0;
}

}  // namespace
}  // namespace liaison::load

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  return liaison::load::Run();
}
