#ifndef LIAISON_BROKER_MATCHING_DECIDER_H_
#define LIAISON_BROKER_MATCHING_DECIDER_H_

// Turns scored candidates into a decision: link, ask a human, or no match.

#include <string>
#include <vector>

#include "broker/matching/model.h"
#include "broker/matching/scorer.h"
#include "liaison/matching/v1/model.pb.h"

namespace liaison::matching {

enum class Verdict {
  kLink,        // best candidate links automatically
  kReview,      // a human decides (review band, ambiguity, twin guard)
  kSuspicious,  // a strong identifier agrees, date of birth and surname do not: a human decides
  kConflict,    // strong identifiers agree with two different records: a human decides
  kNoMatch,
};

struct Decision {
  Verdict verdict = Verdict::kNoMatch;
  // Index into the candidates of the best one; -1 when there are none.
  int best = -1;
  // Why, without personal data ("weight 41.2 >= auto-link 30.0").
  std::string reason;
};

// REQUIRES: `scores` sorted by weight, highest first.
// Candidates the household guard rules out are set aside first: no
// identifier agrees or is one slip away and the forename and the date of
// birth both clearly differ (a relative: family members share a surname and
// an address, nothing else).
// Then, over the rest:
//  - none, or the best below review_weight: kNoMatch;
//  - a strong identifier agrees with the best, its date of birth and surname
//    both disagree, and without the identifiers its weight would not reach
//    auto_link_weight: kSuspicious (the identifier alone never carries a
//    link against both);
//  - a strong identifier agrees with each of the two best, both in the
//    review band or above: kConflict;
//  - the best below auto_link_weight: kReview;
//  - the runner-up within ambiguity_margin of the best, and itself at least
//    review_weight: kReview;
//  - twin guard: surname (closely), date of birth and address agree, the
//    forename does not (or only loosely: jw88, phonetic, initial, middle
//    name) and no identifier agrees or is one typing slip away: kReview;
//  - otherwise kLink.
Decision Decide(const Model& model, const v1::Thresholds& thresholds, const std::vector<PairScore>& scores);

// True when the household guard sets `score`'s candidate aside (see above):
// it is never offered, neither linked nor sent to review.
bool SetAside(const Model& model, const PairScore& score);

// Thresholds for an index of `records` people, from posterior
// probabilities. A query is about at most one of them, so the prior odds
// that a given candidate is the person are about 1 / records, and a weight w
// gives posterior odds 2^w / records: a candidate auto-links at posterior
// `auto_link_probability` (log2(records) + log2(p / (1 - p)); 0.999 gives
// +9.97) and goes to review from `review_probability` (0.2 gives -2). A
// runner-up within log2(999) bits of the best is ambiguous. `records` is
// floored at kMinPriorRecords: a small index is not taken as a licence to
// link on thin evidence.
inline constexpr double kMinPriorRecords = 1000;
v1::Thresholds RecommendedThresholds(double records, double auto_link_probability = 0.999,
                                     double review_probability = 0.2);

}  // namespace liaison::matching

#endif  // LIAISON_BROKER_MATCHING_DECIDER_H_
