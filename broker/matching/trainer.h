#ifndef LIAISON_BROKER_MATCHING_TRAINER_H_
#define LIAISON_BROKER_MATCHING_TRAINER_H_

// Estimates a model from unlabelled records: u from random pairs, m and
// lambda by EM over the candidate pairs the blocking index produces
// (em.h). Used by `liaison-match-eval train` to make the shipped model and by
// evaluation runs that fit a model to each data set, as Splink does.

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "broker/matching/em.h"
#include "broker/matching/match_index.h"
#include "broker/storage/kv_store.h"
#include "liaison/matching/v1/match_form.pb.h"
#include "liaison/matching/v1/model.pb.h"

namespace liaison::matching {

// Files `forms` in `store` (match forms, blocking keys, name counts) with a
// minimal offender record per form (CRN = form id) so matches can link, in
// synced batches. UNAVAILABLE from the store.
absl::Status LoadIndex(const std::vector<v1::MatchForm>& forms, storage::KvStore* store);

struct TrainerOptions {
  // How m is estimated: kAnchored takes m from anchor pairs (em.h
  // EstimateMFromAnchors) wherever there are at least min_anchor_pairs and
  // runs EM for the rest; kEm runs EM for every comparison.
  enum class Method { kAnchored, kEm };
  Method method = Method::kAnchored;
  uint64_t min_anchor_pairs = 200;
  // Record pairs drawn at random for u.
  uint64_t random_pairs = 2'000'000;
  uint64_t seed = 1;
  EmOptions em;
  CandidateOptions candidates;
};

struct TrainingInput {
  // Already loaded into `store` with LoadIndex.
  const std::vector<v1::MatchForm>* index = nullptr;
  // Link mode: records matched against the index. Null for dedupe mode,
  // where the index is matched against itself (each pair counted once).
  const std::vector<v1::MatchForm>* queries = nullptr;
  const storage::KvStore* store = nullptr;
};

// Fits m, u and lambda for `comparison_names` (model.h names) and returns
// the model with training information filled; thresholds are left at the
// starting model's, for the caller to set. INVALID_ARGUMENT for an unknown
// comparison name or no data; UNAVAILABLE from the store.
absl::StatusOr<v1::MatchModel> Train(const std::vector<std::string>& comparison_names, const TrainingInput& input,
                                     const TrainerOptions& options);

}  // namespace liaison::matching

#endif  // LIAISON_BROKER_MATCHING_TRAINER_H_
