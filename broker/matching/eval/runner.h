#ifndef LIAISON_BROKER_MATCHING_EVAL_RUNNER_H_
#define LIAISON_BROKER_MATCHING_EVAL_RUNNER_H_

// Runs the real matcher (ProbabilisticMatcher over an in-memory store) on
// labelled rows and counts pairwise outcomes against the ground truth.

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "broker/matching/eval/dataset.h"
#include "broker/matching/trainer.h"
#include "liaison/matching/v1/model.pb.h"

namespace liaison::matching::eval {

struct PairCounts {
  uint64_t true_positives = 0;
  uint64_t false_positives = 0;
  uint64_t false_negatives = 0;
  double Precision() const;
  double Recall() const;
  double F1() const;
};

struct Report {
  uint64_t queries = 0;
  uint64_t true_pairs = 0;
  // Links made automatically (weight >= auto-link, decision rules passed).
  PairCounts auto_link;
  // Counting the review band as links too.
  PairCounts with_review;
  // Link mode: queries sent to review; dedupe mode: pairs in the band.
  uint64_t reviewed = 0;
  // Dedupe mode: `reviewed` counts pairs, not queries.
  bool dedupe = false;
  double seconds_matching = 0;
};

struct EvalOptions {
  // Empty: fit a model to the data first (trainer.h), as Splink does.
  std::string model_file;
  TrainerOptions trainer;
  // Override the model's thresholds when set.
  std::optional<double> auto_link_weight;
  std::optional<double> review_weight;
  std::optional<double> ambiguity_margin;
  // Optional: one line per decision (query, best, weight, truth, verdict).
  std::ostream* decisions = nullptr;
};

struct EvalResult {
  Report report;
  v1::MatchModel model;
  v1::Thresholds thresholds;
};

// Link mode: each query matched against the index; a query links to at most
// one index row.
absl::StatusOr<EvalResult> RunLink(const std::vector<Row>& index, const std::vector<Row>& queries,
                                   const std::vector<std::string>& comparisons, const EvalOptions& options);

// Dedupe mode: each row matched against all the others; every pair at or
// above a threshold counts (a person can appear several times).
absl::StatusOr<EvalResult> RunDedupe(const std::vector<Row>& rows, const std::vector<std::string>& comparisons,
                                     const EvalOptions& options);

// The figures as text, for people.
void PrintReport(const EvalResult& result, std::ostream& out);

}  // namespace liaison::matching::eval

#endif  // LIAISON_BROKER_MATCHING_EVAL_RUNNER_H_
