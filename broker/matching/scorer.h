#ifndef LIAISON_BROKER_MATCHING_SCORER_H_
#define LIAISON_BROKER_MATCHING_SCORER_H_

// Fellegi-Sunter match weights: the sum over comparisons of log2(m/u) at the
// level observed, with term-frequency adjustment for names.

#include <optional>
#include <vector>

#include "absl/strings/string_view.h"
#include "broker/matching/comparisons.h"
#include "broker/matching/model.h"

namespace liaison::matching {

// How common values are in the index. Implementations are thread-safe.
class TermFrequencies {
 public:
  virtual ~TermFrequencies() = default;
  // The proportion of index records whose `field` ("forename", "surname")
  // is `value`, at least 1 / (records in the index); nullopt when the index
  // is empty or cannot be read (no adjustment is made). MatchIndex divides
  // by at least kMinPriorRecords (decider.h), so a tiny index does not make
  // every name look common.
  virtual std::optional<double> Frequency(absl::string_view field, absl::string_view value) const = 0;
};

struct FieldScore {
  int8_t level = kNull;
  // log2(m/u) at the level, plus tf_adjustment; 0 when the level is kNull.
  double weight = 0;
  // log2(u_top / frequency of the agreed value), or 0.
  double tf_adjustment = 0;
};

struct PairScore {
  double weight = 0;
  // Parallel to the model's comparisons.
  std::vector<FieldScore> fields;
  bool via_alias = false;
};

// The term-frequency field a comparison is adjusted on ("forename" or
// "surname"), or empty.
absl::string_view TfField(const ComparisonSpec& spec);

// Scores a comparison vector. `tf` may be null (no adjustment).
PairScore ScorePair(const Model& model, const ComparisonVector& gamma, const TermFrequencies* tf);

}  // namespace liaison::matching

#endif  // LIAISON_BROKER_MATCHING_SCORER_H_
