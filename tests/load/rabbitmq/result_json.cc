#include "tests/load/rabbitmq/result_json.h"

#include "absl/strings/str_format.h"

namespace liaison::load::rabbitmq {
namespace {

std::string LatencyJson(const LatencyHistogram& h) {
  auto us = [&](double q) { return h.PercentileNanos(q) / 1000; };
  return absl::StrFormat(R"({"count":%d,"p50":%d,"p99":%d,"p999":%d,"max":%d})", h.count(), us(0.5), us(0.99),
                         us(0.999), h.max_nanos() / 1000);
}

}  // namespace

std::string FormatResultLine(const BenchResult& r) {
  const BenchOptions& o = r.options;
  const double seconds = absl::ToDoubleSeconds(r.window);
  auto per_s = [&](int64_t n) { return seconds > 0 ? n / seconds : 0.0; };
  const bool consuming = o.scenario != Scenario::kIngest;
  return absl::StrCat(
      absl::StrFormat(R"({"system":"rabbitmq","scenario":"%s","mode":"%s","offered_per_s":%d,"duration_s":%.2f,)",
                      ScenarioName(o.scenario), o.fixed_rate ? "fixed" : "max",
                      o.fixed_rate ? static_cast<int64_t>(o.rate_per_s) : 0, seconds),
      absl::StrFormat(R"("concurrency":%d,"message_bytes":%d,"sent":%d,"acked":%d,"errors":%d,"dropped":%d,)",
                      o.concurrency, o.message_bytes, r.sent, r.acked, r.errors, r.dropped),
      absl::StrFormat(R"("throughput_per_s":%.1f,"ack_latency_us":%s,"e2e_latency_us":%s,)", per_s(r.acked),
                      LatencyJson(r.ack_latency), LatencyJson(r.e2e_latency)),
      absl::StrFormat(R"("delivered":%d,"delivered_per_s":%.1f,"server_cpu_us_per_msg":%.1f,"server_rss_mb":%.1f,)",
                      r.delivered, consuming ? per_s(r.delivered) : 0.0, r.server_cpu_us_per_msg, r.server_rss_mb),
      absl::StrFormat(R"("publishers":%d,"consumers_per_queue":%d,"prefetch":%d,"queues":%d})", o.publishers,
                      consuming ? o.consumers_per_queue : 0, o.prefetch, o.scenario == Scenario::kFanout10 ? 10 : 1));
}

}  // namespace liaison::load::rabbitmq
