#include "broker/matching/scorer.h"

#include <cmath>

namespace liaison::matching {

absl::string_view TfField(const ComparisonSpec& spec) {
  switch (spec.kind) {
    case ComparisonKind::kForename: return "forename";
    case ComparisonKind::kSurname: return "surname";
    default: return "";
  }
}

PairScore ScorePair(const Model& model, const ComparisonVector& gamma, const TermFrequencies* tf) {
  PairScore score;
  score.via_alias = gamma.via_alias;
  score.fields.resize(model.size());
  for (size_t i = 0; i < model.size(); ++i) {
    FieldScore& field = score.fields[i];
    field.level = gamma.levels[i];
    if (field.level == kNull) continue;
    field.weight = model.Weight(i, field.level);
    if (tf != nullptr && field.level == 0 && model.TfAdjusted(i) && !gamma.agreed_values[i].empty()) {
      std::optional<double> frequency = tf->Frequency(TfField(model.specs()[i]), gamma.agreed_values[i]);
      if (frequency.has_value() && *frequency > 0) {
        field.tf_adjustment = model.TopLevelLogU(i) - std::log2(*frequency);
        field.weight += field.tf_adjustment;
      }
    }
    score.weight += field.weight;
  }
  return score;
}

}  // namespace liaison::matching
