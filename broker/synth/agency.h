#ifndef LIAISON_BROKER_SYNTH_AGENCY_H_
#define LIAISON_BROKER_SYNTH_AGENCY_H_

// The agencies that send notifications, and what each typically records
// about a person. Plain values; thread-safe.

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace liaison::synth {

enum class Agency { kPolice, kSocialCare, kPrison };

inline constexpr Agency kAgencies[] = {Agency::kPolice, Agency::kSocialCare, Agency::kPrison};

// "police", "social_care", "prison".
absl::string_view AgencyName(Agency agency);

// What an agency's notification carries, given what the person has.
struct AgencyProfile {
  // Probability that each identifier the person holds is included.
  double pnc = 0;
  double cro = 0;
  double noms = 0;
  double crn = 0;
  // Probability that the person's aliases (when they have any) are included.
  double aliases = 0;
  // Probability that the date of birth is missing.
  double dob_missing = 0;
};

// Police: PNC 60%, CRO 30%, NOMS 5%, never the CRN, aliases 40%, DOB
// missing 5%. Children's social care: no strong identifiers, aliases 5%, DOB
// missing 10%. Prison: NOMS 90%, PNC 40%, CRO 20%, aliases 30%, DOB missing
// 1%.
AgencyProfile DefaultProfile(Agency agency);

struct AgencyProfiles {
  AgencyProfile police = DefaultProfile(Agency::kPolice);
  AgencyProfile social_care = DefaultProfile(Agency::kSocialCare);
  AgencyProfile prison = DefaultProfile(Agency::kPrison);

  const AgencyProfile& For(Agency agency) const;

  // INVALID_ARGUMENT naming the profile and field when a probability is
  // outside [0, 1].
  absl::Status Validate() const;
};

}  // namespace liaison::synth

#endif  // LIAISON_BROKER_SYNTH_AGENCY_H_
