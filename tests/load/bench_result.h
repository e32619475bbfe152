#ifndef LIAISON_TESTS_LOAD_BENCH_RESULT_H_
#define LIAISON_TESTS_LOAD_BENCH_RESULT_H_

// The one-line JSON result every benchmark program prints (liaison-loadgen,
// liaison-rabbitmq-bench); deploy/bench.sh collects them. Keys, in order:
//
//   system          "liaison" | "noop" | "rabbitmq"
//   scenario        "ingest" (submit + ack) | "e2e" (also consumers receive
//                   and ack; one recipient) | "fanout10" (ten recipients)
//   mode            "max" (closed loop, `concurrency` outstanding) |
//                   "fixed" (open loop at offered_per_s)
//   offered_per_s   the fixed rate; 0 in max mode
//   duration_s      the measured window
//   concurrency     outstanding requests (max) / in-flight bound (fixed)
//   message_bytes   serialized request size (about 1024)
//   sent, acked, errors, dropped
//                   requests issued, answered OK, failed, and (fixed mode)
//                   not sent because the in-flight bound was reached
//   throughput_per_s  acked / duration_s
//   ack_latency_us  {count,p50,p99,p999,max}: submit to acknowledgement, from
//                   the INTENDED send time in fixed mode (no coordinated
//                   omission), from the actual send in max mode
//   e2e_latency_us  same shape: intended send time to the alert (message)
//                   arriving at a subscribed consumer; count 0 for "ingest"
//   delivered, delivered_per_s
//                   alerts received (and acked) by consumers
//   server_cpu_us_per_msg  server utime+stime (/proc/PID/stat) over the run
//                   per acked request; -1 without a server pid
//   server_rss_mb   server peak resident memory (VmHWM) in MiB; -1 without
//
// docs/performance.md documents the same format.

#include <sys/types.h>

#include <cstdint>
#include <string>

#include "tests/load/latency_histogram.h"

namespace liaison::load {

struct BenchResult {
  std::string system;
  std::string scenario;
  std::string mode;
  double offered_per_s = 0;
  double duration_s = 0;
  int concurrency = 0;
  int64_t message_bytes = 0;
  uint64_t sent = 0;
  uint64_t acked = 0;
  uint64_t errors = 0;
  uint64_t dropped = 0;
  LatencyHistogram ack_latency;
  LatencyHistogram e2e_latency;
  uint64_t delivered = 0;
  double server_cpu_us_per_msg = -1;
  double server_rss_mb = -1;
};

// The result as one line of JSON (no trailing newline).
std::string FormatJson(const BenchResult& result);

// CPU time (user + system) a process has used, and its peak resident set.
struct ProcessUsage {
  int64_t cpu_micros = 0;
  double peak_rss_mb = 0;
};
// Reads /proc/PID/stat and /proc/PID/status into *usage; false (and
// *usage untouched) when the process is gone or pid <= 0.
bool ReadProcessUsage(pid_t pid, ProcessUsage* usage);

}  // namespace liaison::load

#endif  // LIAISON_TESTS_LOAD_BENCH_RESULT_H_
