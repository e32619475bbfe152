#include "tests/load/bench_result.h"

#include <unistd.h>

#include <fstream>
#include <sstream>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"

namespace liaison::load {
namespace {

std::string HistogramJson(const LatencyHistogram& h) {
  auto us = [&](double q) { return h.PercentileNanos(q) / 1000; };
  return absl::StrFormat(R"({"count":%d,"p50":%d,"p99":%d,"p999":%d,"max":%d})", h.count(), us(0.5), us(0.99),
                         us(0.999), h.max_nanos() / 1000);
}

std::string ReadAll(const std::string& path) {
  std::ifstream in(path);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

}  // namespace

std::string FormatJson(const BenchResult& r) {
  const double secs = r.duration_s > 0 ? r.duration_s : 1;
  return absl::StrCat(
      absl::StrFormat(R"({"system":"%s","scenario":"%s","mode":"%s","offered_per_s":%.0f,"duration_s":%.2f,)", r.system,
                      r.scenario, r.mode, r.offered_per_s, r.duration_s),
      absl::StrFormat(R"("concurrency":%d,"message_bytes":%d,"sent":%d,"acked":%d,"errors":%d,"dropped":%d,)",
                      r.concurrency, r.message_bytes, r.sent, r.acked, r.errors, r.dropped),
      absl::StrFormat(R"("throughput_per_s":%.1f,"ack_latency_us":%s,"e2e_latency_us":%s,)", r.acked / secs,
                      HistogramJson(r.ack_latency), HistogramJson(r.e2e_latency)),
      absl::StrFormat(R"("delivered":%d,"delivered_per_s":%.1f,"server_cpu_us_per_msg":%.1f,"server_rss_mb":%.1f})",
                      r.delivered, r.delivered / secs, r.server_cpu_us_per_msg, r.server_rss_mb));
}

bool ReadProcessUsage(pid_t pid, ProcessUsage* usage) {
  if (pid <= 0) return false;
  const std::string stat = ReadAll(absl::StrCat("/proc/", pid, "/stat"));
  // Fields after the command name (which may hold spaces) start at ") ".
  const size_t close = stat.rfind(')');
  if (close == std::string::npos) return false;
  std::vector<absl::string_view> fields = absl::StrSplit(absl::string_view(stat).substr(close + 2), ' ');
  // utime and stime are fields 14 and 15 of the whole line: 11 and 12 here.
  int64_t utime = 0, stime = 0;
  if (fields.size() < 13 || !absl::SimpleAtoi(fields[11], &utime) || !absl::SimpleAtoi(fields[12], &stime)) {
    return false;
  }
  const int64_t ticks = sysconf(_SC_CLK_TCK);
  usage->cpu_micros = (utime + stime) * 1000000 / ticks;
  for (absl::string_view line : absl::StrSplit(ReadAll(absl::StrCat("/proc/", pid, "/status")), '\n')) {
    if (!absl::ConsumePrefix(&line, "VmHWM:")) continue;
    int64_t kb = 0;
    absl::ConsumeSuffix(&line, " kB");
    if (absl::SimpleAtoi(absl::StripAsciiWhitespace(line), &kb)) usage->peak_rss_mb = kb / 1024.0;
  }
  return true;
}

}  // namespace liaison::load
