#include "broker/matching/decider.h"

#include <algorithm>
#include <cmath>
#include <initializer_list>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace liaison::matching {
namespace {

// The level name the score has for the first comparison of `kind`; "" when
// the model has none or the field was not comparable.
absl::string_view LevelOf(const Model& model, const PairScore& score, ComparisonKind kind) {
  for (size_t i = 0; i < model.size(); ++i) {
    if (model.specs()[i].kind != kind) continue;
    const int8_t level = score.fields[i].level;
    return level == kNull ? absl::string_view() : absl::string_view(model.LevelName(i, level));
  }
  return "";
}

bool LevelIn(absl::string_view level, std::initializer_list<absl::string_view> names) {
  for (absl::string_view n : names) {
    if (level == n) return true;
  }
  return false;
}

// Level 0 is "agree", level 1 "one_edit" (comparisons.h).
bool IdentifierAtMost(const Model& model, const PairScore& score, int8_t level) {
  for (size_t i = 0; i < model.size(); ++i) {
    if (model.specs()[i].kind != ComparisonKind::kIdentifier) continue;
    if (score.fields[i].level != kNull && score.fields[i].level <= level) return true;
  }
  return false;
}

bool IdentifierAgrees(const Model& model, const PairScore& score) { return IdentifierAtMost(model, score, 0); }

double IdentifierWeight(const Model& model, const PairScore& score) {
  double w = 0;
  for (size_t i = 0; i < model.size(); ++i) {
    if (model.specs()[i].kind == ComparisonKind::kIdentifier) w += score.fields[i].weight;
  }
  return w;
}

// A strong identifier's agreement never carries a link on its own against a
// date of birth and a surname that both disagree (domain.md: suspicious, not
// certain): suspicious unless the rest of the evidence would link anyway.
bool Suspicious(const Model& model, const v1::Thresholds& t, const PairScore& score) {
  if (!IdentifierAgrees(model, score)) return false;
  const absl::string_view dob = LevelOf(model, score, ComparisonKind::kDob);
  const absl::string_view surname = LevelOf(model, score, ComparisonKind::kSurname);
  if (!LevelIn(dob, {"within_month", "within_year", "else"}) || !LevelIn(surname, {"jw70", "else"})) return false;
  return score.weight - IdentifierWeight(model, score) < t.auto_link_weight();
}

bool LooksLikeTwin(const Model& model, const PairScore& score) {
  // An identifier that agrees, or differs by one typing slip, tells twins
  // apart; twins' own identifiers differ outright.
  if (IdentifierAtMost(model, score, 1)) return false;
  const bool same_place = LevelOf(model, score, ComparisonKind::kPostcode) == "full" ||
                          LevelIn(LevelOf(model, score, ComparisonKind::kAddress), {"exact", "number_street"});
  return same_place && LevelOf(model, score, ComparisonKind::kSurname) == "exact" &&
         LevelOf(model, score, ComparisonKind::kDob) == "exact" &&
         LevelIn(LevelOf(model, score, ComparisonKind::kForename), {"jw70", "else"});
}

std::string Weight(double w) { return absl::StrFormat("%.1f", w); }

}  // namespace

Decision Decide(const Model& model, const v1::Thresholds& t, const std::vector<PairScore>& scores) {
  Decision d;
  if (scores.empty()) {
    d.reason = "no candidate in the offender index";
    return d;
  }
  d.best = 0;
  const PairScore& best = scores[0];
  if (best.weight < t.review_weight()) {
    d.reason = absl::StrCat("best weight ", Weight(best.weight), " is below the review threshold ",
                            Weight(t.review_weight()));
    return d;
  }
  if (Suspicious(model, t, best)) {
    d.verdict = Verdict::kSuspicious;
    d.reason = "a strong identifier agrees but date of birth and surname both disagree";
    return d;
  }
  const PairScore* second = scores.size() > 1 ? &scores[1] : nullptr;
  if (second != nullptr && second->weight >= t.review_weight() && IdentifierAgrees(model, best) &&
      IdentifierAgrees(model, *second)) {
    d.verdict = Verdict::kConflict;
    d.reason = "strong identifiers agree with two different offender records";
    return d;
  }
  if (best.weight < t.auto_link_weight()) {
    d.verdict = Verdict::kReview;
    d.reason = absl::StrCat("weight ", Weight(best.weight), " is in the review band [",
                            Weight(t.review_weight()), ", ", Weight(t.auto_link_weight()), ")");
    return d;
  }
  if (second != nullptr && second->weight >= t.review_weight() &&
      best.weight - second->weight < t.ambiguity_margin()) {
    d.verdict = Verdict::kReview;
    d.reason = absl::StrCat("two candidates are within ", Weight(t.ambiguity_margin()), " of each other");
    return d;
  }
  if (LooksLikeTwin(model, best)) {
    d.verdict = Verdict::kReview;
    d.reason = "surname, date of birth and address agree but the forename does not (possible twin)";
    return d;
  }
  d.verdict = Verdict::kLink;
  d.reason = absl::StrCat("weight ", Weight(best.weight), " >= auto-link ", Weight(t.auto_link_weight()));
  return d;
}

v1::Thresholds RecommendedThresholds(double records) {
  const double prior_bits = std::log2(std::max(records, 2.0));
  v1::Thresholds t;
  t.set_auto_link_weight(prior_bits + std::log2(0.999 / 0.001));
  t.set_review_weight(prior_bits + std::log2(0.1 / 0.9));
  t.set_ambiguity_margin(std::log2(999.0));
  return t;
}

}  // namespace liaison::matching
