#ifndef LIAISON_BROKER_MATCHING_BENCH_REPORT_H_
#define LIAISON_BROKER_MATCHING_BENCH_REPORT_H_

// The match benchmark's output: a plain-text block per index size as it
// finishes, and a Markdown summary of every size with the p99 growth ratio
// the scaling goal is judged by. Pure functions.

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "broker/matching/bench/size_run.h"

namespace liaison::matching::bench {

// Writes one size's figures (each repeat's latencies and their median).
void PrintSizeReport(const SizeResult& result, const BenchOptions& options, std::ostream& out);

// p99 (median over runs) of the largest size over that of the smallest;
// nullopt with fewer than two sizes or a zero p99.
std::optional<double> P99Ratio(const std::vector<SizeResult>& results);

// The Markdown summary: settings, a table row per size, the p99 ratio and
// the memory figures.
std::string MarkdownReport(const std::vector<SizeResult>& results, const BenchOptions& options);

}  // namespace liaison::matching::bench

#endif  // LIAISON_BROKER_MATCHING_BENCH_REPORT_H_
