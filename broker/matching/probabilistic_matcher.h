#ifndef LIAISON_BROKER_MATCHING_PROBABILISTIC_MATCHER_H_
#define LIAISON_BROKER_MATCHING_PROBABILISTIC_MATCHER_H_

#include <memory>
#include <string>
#include <vector>

#include "broker/matching/decider.h"
#include "broker/matching/form_builder.h"
#include "broker/matching/match_index.h"
#include "broker/matching/matcher.h"
#include "broker/matching/model.h"
#include "broker/storage/kv_store.h"

namespace liaison::matching {

// A candidate and its score.
struct ScoredCandidate {
  std::string id;
  PairScore score;
};

// The Fellegi-Sunter matcher: normalises the subject, gathers candidates
// from the blocking index, scores each field by field and decides (link,
// review, no match) under the thresholds. Thread-safe.
class ProbabilisticMatcher : public Matcher {
 public:
  struct Options {
    CandidateOptions candidates;
    // Most candidates scored per match: the first of the candidate set's
    // ranking by blocking evidence (match_index.h CandidateSet). Reading and
    // comparing a candidate is most of a match's work, and the candidates
    // found grow with the index (a weak key files more records), so this
    // bounds the work whatever the index's size. docs/matching.md has the
    // measurements behind the default.
    size_t max_scored = 20;
    // Fixed thresholds: a non-zero field is used as it is. Zero fields are
    // derived for each match from the index's size (decider.h
    // RecommendedThresholds) with these posterior probabilities.
    v1::Thresholds thresholds;
    double auto_link_probability = 0.999;
    double review_probability = 0.2;
    // Most candidates offered to a reviewer.
    size_t review_candidates = 5;
  };
  // Not owned: `store` and `names` must outlive the matcher.
  ProbabilisticMatcher(const storage::KvStore* store, std::shared_ptr<const Model> model,
                       const normalise::NameNormaliser* names, Options options);

  using Matcher::Match;
  absl::StatusOr<MatchOutcome> Match(const liaison::v1::PersonDescriptor& subject,
                                     const MatchOptions& options) const override;

  // Match() after the subject is reduced to a form: what evaluation tools
  // call with forms built from their own columns.
  absl::StatusOr<MatchOutcome> MatchQueryForm(const v1::MatchForm& query, const MatchOptions& options) const;

  // The best-ranked candidates for `query` (at most Options::max_scored;
  // excluded records and the query itself are not counted), scored,
  // highest weight first (ties: id).
  absl::StatusOr<std::vector<ScoredCandidate>> ScoreAll(const v1::MatchForm& query,
                                                        const MatchOptions& options) const;

  // Field comparisons of a score for the record (levels and weights only).
  std::vector<liaison::v1::FieldComparison> Explain(const PairScore& score) const;

  const FormBuilder& forms() const { return forms_; }
  const Model& model() const { return *model_; }
  const MatchIndex& index() const { return index_; }
  // The thresholds in force now (derived ones follow the index's size).
  v1::Thresholds thresholds() const;

 private:
  absl::Status FillLinked(const ScoredCandidate& best, MatchOutcome* outcome) const;

  const storage::KvStore* store_;
  std::shared_ptr<const Model> model_;
  FormBuilder forms_;
  MatchIndex index_;
  Options options_;
};

}  // namespace liaison::matching

#endif  // LIAISON_BROKER_MATCHING_PROBABILISTIC_MATCHER_H_
