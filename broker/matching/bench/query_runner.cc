#include "broker/matching/bench/query_runner.h"

#include <algorithm>
#include <chrono>

#include "broker/common/status_macros.h"
#include "broker/matching/bench/bench_format.h"

namespace liaison::matching::bench {
namespace {

struct Timed {
  std::vector<absl::Duration> latencies;
  std::vector<uint32_t> candidates;
  DecisionMix decisions;
};

void Count(const synth::Query& query, const liaison::v1::MatchResult& result, DecisionMix* mix) {
  switch (result.decision()) {
    case liaison::v1::MATCH_DECISION_LINKED:
      ++mix->linked;
      if (result.crn() != query.true_crn) ++mix->wrong_links;
      break;
    case liaison::v1::MATCH_DECISION_REVIEW: ++mix->review; break;
    case liaison::v1::MATCH_DECISION_NO_MATCH: ++mix->no_match; break;
    default: ++mix->other; break;
  }
}

absl::StatusOr<Timed> TimeAll(const std::vector<synth::Query>& queries, const ProbabilisticMatcher& matcher) {
  Timed timed;
  timed.latencies.reserve(queries.size());
  timed.candidates.reserve(queries.size());
  for (const synth::Query& query : queries) {
    const auto start = std::chrono::steady_clock::now();
    absl::StatusOr<MatchOutcome> outcome = matcher.Match(query.person);
    const auto end = std::chrono::steady_clock::now();
    RETURN_IF_ERROR(outcome.status());
    timed.latencies.push_back(absl::FromChrono(end - start));
    timed.candidates.push_back(outcome->result.candidates());
    Count(query, outcome->result, &timed.decisions);
  }
  return timed;
}

void SetCandidateStats(std::vector<uint32_t> candidates, QueryStats* stats) {
  double total = 0;
  for (uint32_t c : candidates) total += c;
  std::sort(candidates.begin(), candidates.end());
  stats->mean_candidates = total / static_cast<double>(candidates.size());
  stats->p99_candidates = NearestRank(candidates, 99);
  stats->max_candidates = candidates.back();
}

std::vector<synth::Query> Generate(const synth::QueryGenerator& generator, int64_t first, int64_t count) {
  std::vector<synth::Query> queries;
  queries.reserve(static_cast<size_t>(count));
  for (int64_t q = first; q < first + count; ++q) queries.push_back(generator.Generate(q));
  return queries;
}

}  // namespace

absl::StatusOr<QueryStats> RunQueries(const synth::QueryGenerator& generator, const ProbabilisticMatcher& matcher,
                                      const QueryRunOptions& options) {
  const std::vector<synth::Query> timed_queries = Generate(generator, 0, options.queries);
  const std::vector<synth::Query> warmup = Generate(generator, options.queries, options.warmup);
  for (const synth::Query& query : warmup) RETURN_IF_ERROR(matcher.Match(query.person).status());
  QueryStats stats;
  for (int run = 0; run < options.repeats; ++run) {
    ASSIGN_OR_RETURN(Timed timed, TimeAll(timed_queries, matcher));
    if (run == 0) {
      SetCandidateStats(std::move(timed.candidates), &stats);
      stats.decisions = timed.decisions;
    }
    stats.runs.push_back(Summarise(std::move(timed.latencies)));
    if (options.progress != nullptr) {
      const LatencySummary& s = stats.runs.back();
      *options.progress << options.label << ": run " << run + 1 << "/" << options.repeats << ": p50 "
                        << FormatMillis(s.p50) << ", p99 " << FormatMillis(s.p99) << ", p99.9 "
                        << FormatMillis(s.p999) << "\n"
                        << std::flush;
    }
  }
  stats.median = MedianOfRuns(stats.runs);
  return stats;
}

}  // namespace liaison::matching::bench
