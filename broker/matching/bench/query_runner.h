#ifndef LIAISON_BROKER_MATCHING_BENCH_QUERY_RUNNER_H_
#define LIAISON_BROKER_MATCHING_BENCH_QUERY_RUNNER_H_

// Times single-threaded matches of synthetic queries against a loaded
// index: warm-up matches first, then each query timed on a monotonic clock,
// the whole set repeated because shared machines are noisy.

#include <cstdint>
#include <ostream>
#include <vector>

#include "absl/status/statusor.h"
#include "broker/matching/bench/latency_stats.h"
#include "broker/matching/probabilistic_matcher.h"
#include "broker/synth/query_generator.h"

namespace liaison::matching::bench {

struct DecisionMix {
  int64_t linked = 0;
  int64_t review = 0;
  int64_t no_match = 0;
  // Suspicious or conflicting identifiers.
  int64_t other = 0;
  // Links to a record other than the query's true one (including any link
  // of a non-member).
  int64_t wrong_links = 0;
};

struct QueryStats {
  // One per repeat, in order.
  std::vector<LatencySummary> runs;
  // The median of the runs' statistics.
  LatencySummary median;
  // Candidates scored per query (the same in every run).
  double mean_candidates = 0;
  uint32_t p99_candidates = 0;
  uint32_t max_candidates = 0;
  DecisionMix decisions;
};

struct QueryRunOptions {
  // Timed queries are 0..queries-1; warm-up queries follow them, so no
  // timed query was matched during warm-up.
  int64_t queries = 5000;
  int64_t warmup = 500;
  int repeats = 3;
  // A line per run (not owned; null: none).
  std::ostream* progress = nullptr;
  std::string label;
};

// UNAVAILABLE / DATA_LOSS when a match cannot read the index.
// REQUIRES: queries >= 1, repeats >= 1, queries + warmup <=
// Population::kMaxNonMembers.
absl::StatusOr<QueryStats> RunQueries(const synth::QueryGenerator& generator, const ProbabilisticMatcher& matcher,
                                      const QueryRunOptions& options);

}  // namespace liaison::matching::bench

#endif  // LIAISON_BROKER_MATCHING_BENCH_QUERY_RUNNER_H_
