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

bool SurnameClose(const Model& model, const PairScore& score) {
  return LevelIn(LevelOf(model, score, ComparisonKind::kSurname), {"exact", "jw92", "part", "jw88", "phonetic"});
}

bool SamePlace(const Model& model, const PairScore& score) {
  return LevelOf(model, score, ComparisonKind::kPostcode) == "full" ||
         LevelIn(LevelOf(model, score, ComparisonKind::kAddress), {"exact", "number_street"}) ||
         LevelIn(LevelOf(model, score, ComparisonKind::kPlace), {"address", "postcode"});
}

// Twins share a surname, a date of birth and an address; only forenames
// (and identifiers) tell them apart.
bool TwinShape(const Model& model, const PairScore& score) {
  return SurnameClose(model, score) && LevelOf(model, score, ComparisonKind::kDob) == "exact" &&
         SamePlace(model, score);
}

// A twin-shaped candidate whose forename is not the subject's (or only
// loosely like it): a twin, or the same person with the forename wrong.
// A person must decide.
bool LooksLikeTwin(const Model& model, const PairScore& score) {
  // An identifier that agrees, or differs by one typing slip, tells twins
  // apart; twins' own identifiers differ outright.
  if (IdentifierAtMost(model, score, 1)) return false;
  // A missing forename is not guarded (docs/matching.md: adult twins at one
  // address are rare, and blank forenames are common in agency data).
  return TwinShape(model, score) && LevelIn(LevelOf(model, score, ComparisonKind::kForename),
                                            {"jw88", "phonetic", "initial", "middle", "jw70", "else"});
}

// Someone else in the same family: the surname may agree and the address
// does, but the forename and the date of birth both clearly differ, and no
// identifier vouches for the link.
bool HouseholdMember(const Model& model, const PairScore& score) {
  if (IdentifierAtMost(model, score, 1)) return false;
  return LevelIn(LevelOf(model, score, ComparisonKind::kForename), {"jw70", "else"}) &&
         LevelIn(LevelOf(model, score, ComparisonKind::kDob), {"within_year", "else"});
}

std::string Weight(double w) { return absl::StrFormat("%.1f", w); }

}  // namespace

Decision Decide(const Model& model, const v1::Thresholds& t, const std::vector<PairScore>& scores) {
  Decision d;
  // Candidates the household guard rules out are set aside, so the real
  // person can still be found behind a relative who scored higher.
  std::vector<int> eligible;
  for (int i = 0; i < static_cast<int>(scores.size()); ++i) {
    if (!HouseholdMember(model, scores[i])) eligible.push_back(i);
  }
  if (eligible.empty()) {
    d.reason = scores.empty() ? "no candidate in the offender index"
                              : "every candidate differs in forename and date of birth and no identifier agrees";
    return d;
  }
  d.best = eligible[0];
  const PairScore& best = scores[d.best];
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
  const PairScore* second = eligible.size() > 1 ? &scores[eligible[1]] : nullptr;
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

bool SetAside(const Model& model, const PairScore& score) { return HouseholdMember(model, score); }

v1::Thresholds RecommendedThresholds(double records, double auto_link_probability, double review_probability) {
  const double prior_bits = std::log2(std::max(records, kMinPriorRecords));
  auto odds_bits = [](double p) { return std::log2(p / (1 - p)); };
  v1::Thresholds t;
  t.set_auto_link_weight(prior_bits + odds_bits(auto_link_probability));
  t.set_review_weight(prior_bits + odds_bits(review_probability));
  t.set_ambiguity_margin(std::log2(999.0));
  return t;
}

}  // namespace liaison::matching
