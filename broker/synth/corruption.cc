#include "broker/synth/corruption.h"

#include <utility>

#include "absl/strings/str_cat.h"

namespace liaison::synth {
namespace {

constexpr absl::string_view kNames[] = {
    "given_name_typo",     "family_name_typo",  "nickname",        "diacritics_dropped", "name_swap",
    "middle_name_dropped", "middle_name_added", "title_added",     "case_noise",         "whitespace_noise",
    "hyphen_reduced",      "surname_changed",   "dob_missing",     "dob_day_month_swap", "dob_digit_typo",
    "address_missing",     "address_moved",     "postcode_typo",   "pnc_missing",        "cro_missing",
    "noms_missing",        "crn_missing",       "aliases_missing", "wrong_identifier",
};
static_assert(std::size(kNames) == static_cast<size_t>(Corruption::kCount));

// The rate of a corruption that CorruptionRates holds directly.
double FixedRate(Corruption c, const CorruptionRates& r) {
  const double rates[] = {
      r.given_name_typo,
      r.family_name_typo,
      r.nickname,
      r.diacritics_dropped,
      r.name_swap,
      r.middle_name_dropped,
      r.middle_name_added,
      r.title_added,
      r.case_noise,
      r.whitespace_noise,
      r.hyphen_reduced,
      r.surname_changed,
      0,
      r.dob_day_month_swap,
      r.dob_digit_typo,
      r.address_missing,
      r.address_moved,
      r.postcode_typo,
      0,
      0,
      0,
      0,
      0,
      r.wrong_identifier,
  };
  static_assert(std::size(rates) == static_cast<size_t>(Corruption::kCount));
  return rates[static_cast<int>(c)];
}

}  // namespace

absl::string_view CorruptionName(Corruption corruption) {
  const int i = static_cast<int>(corruption);
  return i >= 0 && i < static_cast<int>(Corruption::kCount) ? kNames[i] : "unknown";
}

double ConfiguredRate(Corruption corruption, const CorruptionRates& rates, const AgencyProfile& profile) {
  switch (corruption) {
    case Corruption::kDobMissing:
      return profile.dob_missing;
    case Corruption::kPncMissing:
      return 1 - profile.pnc;
    case Corruption::kCroMissing:
      return 1 - profile.cro;
    case Corruption::kNomsMissing:
      return 1 - profile.noms;
    case Corruption::kCrnMissing:
      return 1 - profile.crn;
    case Corruption::kAliasesMissing:
      return 1 - profile.aliases;
    default:
      return FixedRate(corruption, rates);
  }
}

absl::Status CorruptionRates::Validate() const {
  for (int i = 0; i < static_cast<int>(Corruption::kCount); ++i) {
    const double rate = FixedRate(static_cast<Corruption>(i), *this);
    if (!(rate >= 0 && rate <= 1)) {
      return absl::InvalidArgumentError(absl::StrCat("rates.", kNames[i], ": a rate must be in [0, 1]"));
    }
  }
  return absl::OkStatus();
}

bool Corrupter::Roll(Corruption c) {
  const uint32_t bit = uint32_t{1} << static_cast<int>(c);
  log_.eligible |= bit;
  if (!rng_.Chance(ConfiguredRate(c, rates_, profile_))) return false;
  log_.applied |= bit;
  return true;
}

}  // namespace liaison::synth
