#include "broker/matching/bench/report.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "broker/matching/bench/bench_format.h"

namespace liaison::matching::bench {
namespace {

std::string Percent(int64_t part, int64_t whole) {
  return absl::StrFormat("%.1f%%", whole > 0 ? 100.0 * static_cast<double>(part) / static_cast<double>(whole) : 0.0);
}

std::string LatencyRow(absl::string_view name, const LatencySummary& s) {
  return absl::StrFormat("  %-8s %12s %12s %12s %12s %12s\n", name, FormatMillis(s.p50), FormatMillis(s.p99),
                         FormatMillis(s.p999), FormatMillis(s.mean), FormatMillis(s.max));
}

std::string MemoryLine(const Footprint& f) {
  return absl::StrCat("RSS ", FormatMib(f.memory.rss_bytes), " (peak ", FormatMib(f.memory.peak_bytes),
                      "), block cache ", FormatMib(f.cache.usage), " of ", FormatMib(f.cache.capacity), " (pinned ",
                      FormatMib(f.cache.pinned), "), disk ", FormatMib(f.disk_bytes));
}

std::string DecisionLine(const DecisionMix& d, int64_t queries) {
  return absl::StrCat("linked ", FormatCount(d.linked), " (", Percent(d.linked, queries), "), review ",
                      FormatCount(d.review), " (", Percent(d.review, queries), "), no match ",
                      FormatCount(d.no_match), " (", Percent(d.no_match, queries), "), other ", FormatCount(d.other),
                      "; wrong links ", FormatCount(d.wrong_links));
}

std::string Settings(const BenchOptions& options) {
  return absl::StrCat("seed ", options.seed, "; ", FormatCount(options.queries), " timed queries after ",
                      FormatCount(options.warmup), " warm-up matches, ", options.repeats,
                      " runs (median of the per-run percentiles); block cache ", FormatMib(options.block_cache_bytes),
                      ", write buffers ", FormatMib(options.write_buffer_bytes),
                      options.encrypt ? "; encryption at rest on" : "; encryption at rest off",
                      options.settle ? "; matches timed once the load's compactions had finished"
                                     : "; matches timed straight after the load",
                      options.compact ? "; match tables compacted into one sorted run each before timing" : "");
}

std::string MarkdownRow(const SizeResult& r) {
  const LatencySummary& m = r.query.median;
  const DecisionMix& d = r.query.decisions;
  const int64_t n = r.query.runs.empty() ? 0 : r.query.runs.front().samples;
  const std::vector<std::string> cells = {
      FormatSize(r.size),
      FormatCount(static_cast<int64_t>(r.load.RecordsPerSecond())),
      FormatMillis(m.p50),
      FormatMillis(m.p99),
      FormatMillis(m.p999),
      absl::StrFormat("%.1f / %d", r.query.mean_candidates, r.query.p99_candidates),
      absl::StrCat(Percent(d.linked, n), " / ", Percent(d.review, n), " / ", Percent(d.no_match, n)),
      absl::StrCat(FormatMib(r.after_load.memory.rss_bytes), " (", FormatMib(r.after_load.memory.peak_bytes), ")"),
      FormatMib(r.after_load_trimmed_rss_bytes),
      absl::StrCat(FormatMib(r.after_query.memory.rss_bytes), " (", FormatMib(r.after_query.memory.peak_bytes), ")"),
      FormatMib(r.after_query.cache.usage),
      FormatMib(r.after_query.disk_bytes),
  };
  return absl::StrCat("| ", absl::StrJoin(cells, " | "), " |\n");
}

}  // namespace

void PrintSizeReport(const SizeResult& r, const BenchOptions& options, std::ostream& out) {
  out << "\n== " << FormatCount(r.size) << " records ==\n";
  out << "Load:       " << FormatCount(r.load.records) << " records in "
      << absl::StrFormat("%.1f s", absl::ToDoubleSeconds(r.load.elapsed)) << ", "
      << FormatCount(static_cast<int64_t>(r.load.RecordsPerSecond())) << " records/s ("
      << absl::StrFormat("%.1f s", absl::ToDoubleSeconds(r.load.in_registry)) << " in Registry::BulkLoad), "
      << FormatCount(r.load.rejected) << " rejected; "
      << absl::StrFormat("%.1f s", absl::ToDoubleSeconds(r.settle))
      << " more until background compactions finished (settle)";
  if (options.compact) out << "; match tables compacted in " << absl::StrFormat("%.1f s", absl::ToDoubleSeconds(r.compact));
  out << "\n";
  out << "Latency:    " << FormatCount(r.query.median.samples) << " queries per run\n";
  out << absl::StrFormat("  %-8s %12s %12s %12s %12s %12s\n", "", "p50", "p99", "p99.9", "mean", "max");
  for (size_t i = 0; i < r.query.runs.size(); ++i) out << LatencyRow(absl::StrCat("run ", i + 1), r.query.runs[i]);
  out << LatencyRow("median", r.query.median);
  out << "Candidates: " << absl::StrFormat("mean %.1f, p99 %d, max %d", r.query.mean_candidates,
                                           r.query.p99_candidates, r.query.max_candidates)
      << " scored per query\n";
  out << "Decisions:  " << DecisionLine(r.query.decisions, r.query.median.samples) << "\n";
  out << "After load: " << MemoryLine(r.after_load) << "; RSS with freed heap returned "
      << FormatMib(r.after_load_trimmed_rss_bytes) << "\n";
  out << "After queries: " << MemoryLine(r.after_query) << "\n";
  out << "Settings:   " << Settings(options) << "\n" << std::flush;
}

std::optional<double> P99Ratio(const std::vector<SizeResult>& results) {
  if (results.size() < 2) return std::nullopt;
  auto by_size = [](const SizeResult& a, const SizeResult& b) { return a.size < b.size; };
  const SizeResult& smallest = *std::min_element(results.begin(), results.end(), by_size);
  const SizeResult& largest = *std::max_element(results.begin(), results.end(), by_size);
  if (smallest.query.median.p99 == absl::ZeroDuration()) return std::nullopt;
  return absl::FDivDuration(largest.query.median.p99, smallest.query.median.p99);
}

std::string MarkdownReport(const std::vector<SizeResult>& results, const BenchOptions& options) {
  std::string md = absl::StrCat("## liaison-match-bench\n\n", Settings(options), ".\n\n");
  absl::StrAppend(&md,
                  "| Records | Load (records/s) | p50 | p99 | p99.9 | Candidates mean / p99 | Linked / review / no "
                  "match | RSS after load (peak) | RSS after load, heap trimmed | RSS after queries (peak) | Block cache used | "
                  "Disk after queries |\n",
                  "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
  for (const SizeResult& r : results) absl::StrAppend(&md, MarkdownRow(r));
  if (results.empty()) return md;
  auto by_size = [](const SizeResult& a, const SizeResult& b) { return a.size < b.size; };
  const SizeResult& smallest = *std::min_element(results.begin(), results.end(), by_size);
  const SizeResult& largest = *std::max_element(results.begin(), results.end(), by_size);
  if (std::optional<double> ratio = P99Ratio(results)) {
    absl::StrAppend(&md, "\np99 ", FormatSize(largest.size), " / ", FormatSize(smallest.size), ": ",
                    absl::StrFormat("%.2fx", *ratio), " (goal: at most 2x).\n");
  }
  absl::StrAppend(&md, "\nMemory: RSS after queries ", FormatMib(smallest.after_query.memory.rss_bytes), " at ",
                  FormatSize(smallest.size), " and ", FormatMib(largest.after_query.memory.rss_bytes), " at ",
                  FormatSize(largest.size), " (peak ", FormatMib(largest.after_query.memory.peak_bytes),
                  "); block cache capacity ", FormatMib(options.block_cache_bytes), ", of which ",
                  FormatMib(largest.after_query.cache.usage), " in use at ", FormatSize(largest.size), ".\n");
  return md;
}

}  // namespace liaison::matching::bench
