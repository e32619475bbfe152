#ifndef LIAISON_BROKER_SYNTH_CORRUPTION_H_
#define LIAISON_BROKER_SYNTH_CORRUPTION_H_

// The ways a notification's description of a person departs from the
// truth, with configurable rates, and the log of which ones a query was
// eligible for and which were applied (so tests and benchmarks can measure
// each rate). Defaults and their reasoning: README.md. Not thread-safe (a
// Corrupter is used by one query's generation).

#include <cstdint>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "broker/synth/agency.h"
#include "broker/synth/synth_random.h"

namespace liaison::synth {

// Each rate is the probability of the corruption when the query is eligible
// for it (e.g. hyphen_reduced applies only to hyphenated surnames).
struct CorruptionRates {
  double given_name_typo = 0.08;  // one letter inserted/deleted/substituted/transposed
  double family_name_typo = 0.08;
  double nickname = 0.06;            // first forename -> a familiar form (Robert -> Bob)
  double diacritics_dropped = 0.5;   // names with accents written in plain ASCII
  double name_swap = 0.01;           // forenames and surname swapped
  double middle_name_dropped = 0.2;  // of people with a middle name
  double middle_name_added = 0.03;   // of people without one
  double title_added = 0.03;         // "Mr John"
  double case_noise = 0.05;          // upper or lower case throughout
  double whitespace_noise = 0.03;    // doubled, leading or trailing spaces
  double hyphen_reduced = 0.3;       // of hyphenated surnames: one part kept
  double surname_changed = 0.02;     // marriage, divorce, deed poll
  double dob_day_month_swap = 0.02;  // of dates whose day and month differ
  double dob_digit_typo = 0.03;      // may give an invalid date (1990-02-31), kept as typed
  double address_missing = 0.1;
  double address_moved = 0.2;  // a different address (often the previous one)
  double postcode_typo = 0.02;
  double wrong_identifier = 0.002;  // of queries with a PNC: an index person's other PNC

  // INVALID_ARGUMENT naming the field when a rate is outside [0, 1].
  absl::Status Validate() const;
};

enum class Corruption : int {
  kGivenNameTypo,
  kFamilyNameTypo,
  kNickname,
  kDiacriticsDropped,
  kNameSwap,
  kMiddleNameDropped,
  kMiddleNameAdded,
  kTitleAdded,
  kCaseNoise,
  kWhitespaceNoise,
  kHyphenReduced,
  kSurnameChanged,
  kDobMissing,
  kDobDayMonthSwap,
  kDobDigitTypo,
  kAddressMissing,
  kAddressMoved,
  kPostcodeTypo,
  // The agency's record lacks an identifier or the aliases the person has
  // (rate: 1 - the agency profile's probability of including it).
  kPncMissing,
  kCroMissing,
  kNomsMissing,
  kCrnMissing,
  kAliasesMissing,
  kWrongIdentifier,
  kCount,
};

// "given_name_typo", "pnc_missing", ...
absl::string_view CorruptionName(Corruption corruption);

// The configured probability of `corruption` for a query from an agency
// with `profile`.
double ConfiguredRate(Corruption corruption, const CorruptionRates& rates, const AgencyProfile& profile);

// Which corruptions a query was eligible for and which were applied.
struct CorruptionLog {
  uint32_t eligible = 0;
  uint32_t applied = 0;

  bool WasEligible(Corruption c) const { return (eligible >> static_cast<int>(c)) & 1; }
  bool WasApplied(Corruption c) const { return (applied >> static_cast<int>(c)) & 1; }
};
static_assert(static_cast<int>(Corruption::kCount) <= 32);

// Draws corruptions for one query and logs them.
class Corrupter {
 public:
  // All arguments must outlive the Corrupter.
  Corrupter(const CorruptionRates& rates, const AgencyProfile& profile, Rng& rng, CorruptionLog& log)
      : rates_(rates), profile_(profile), rng_(rng), log_(log) {}

  // Logs `c` as eligible and returns true (logging it as applied) with its
  // configured probability. Call only when the corruption can be applied.
  bool Roll(Corruption c);

  Rng& rng() { return rng_; }

 private:
  const CorruptionRates& rates_;
  const AgencyProfile& profile_;
  Rng& rng_;
  CorruptionLog& log_;
};

}  // namespace liaison::synth

#endif  // LIAISON_BROKER_SYNTH_CORRUPTION_H_
