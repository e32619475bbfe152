#ifndef LIAISON_BROKER_MATCHING_EM_H_
#define LIAISON_BROKER_MATCHING_EM_H_

// Estimating a model's m and u probabilities from unlabelled data, as
// Fellegi and Sunter (and Splink) do: u from pairs of records drawn at random
// (almost all non-matches), then m and the match proportion lambda by
// expectation-maximisation over the candidate pairs blocking produces, with
// u held fixed. Pure; thread-compatible.

#include <cstdint>
#include <map>
#include <vector>

#include "absl/status/statusor.h"
#include "liaison/matching/v1/model.pb.h"

namespace liaison::matching {

// Comparison vectors (levels per comparison, kNull = missing) with counts:
// identical vectors are counted, not stored twice.
class GammaCounts {
 public:
  void Add(const std::vector<int8_t>& levels, uint64_t count = 1) { counts_[levels] += count; total_ += count; }
  const std::map<std::vector<int8_t>, uint64_t>& counts() const { return counts_; }
  uint64_t total() const { return total_; }

 private:
  std::map<std::vector<int8_t>, uint64_t> counts_;
  uint64_t total_ = 0;
};

// Sets every level's u to its share among `random_pairs` (per comparison,
// over pairs where it is not missing), with a pseudo-count of 0.5 per level
// so no level has u = 0. INVALID_ARGUMENT when a vector's length differs
// from the model's comparisons, or there are no pairs.
absl::Status EstimateU(const GammaCounts& random_pairs, v1::MatchModel* model);

// m from anchor pairs. For each comparison k, the level frequencies among
// candidate pairs that satisfy an anchor rule independent of k:
//  - k is not an identifier: some strong identifier comparison agrees;
//  - k is an identifier: forename, surname and date of birth all agree
//    exactly.
// Anchor pairs are matches with near certainty (a valid strong identifier
// or an exact name and birth date agree far more often for the same person
// than by chance), so their other fields show how a match's fields vary,
// which EM alone can confuse with structure among non-matches (members of
// one household share surname and address). A comparison with fewer than
// `min_pairs` anchored observations keeps its m. Returns, per comparison,
// the anchored pairs used (0 when it kept its m).
std::vector<uint64_t> EstimateMFromAnchors(const GammaCounts& candidate_pairs, uint64_t min_pairs,
                                           v1::MatchModel* model);

struct EmOptions {
  int max_iterations = 100;
  // Stop when no m or lambda moves by more than this.
  double tolerance = 1e-7;
  // Starting proportion of candidate pairs that match.
  double initial_lambda = 0.3;
  // No m falls below this (keeps log(m/u) finite).
  double min_m = 1e-6;
  // Comparisons (by index) whose m EM leaves as it is; empty: none.
  std::vector<bool> fixed_m;
};

struct EmResult {
  int iterations = 0;
  double lambda = 0;
  bool converged = false;
};

// Runs EM over `candidate_pairs`, starting from the model's m values, and
// writes the estimated m into `model`. u is not changed.
absl::StatusOr<EmResult> EstimateM(const GammaCounts& candidate_pairs, const EmOptions& options,
                                   v1::MatchModel* model);

}  // namespace liaison::matching

#endif  // LIAISON_BROKER_MATCHING_EM_H_
