#include "broker/synth/agency.h"

#include <utility>

#include "absl/strings/str_cat.h"

namespace liaison::synth {

absl::string_view AgencyName(Agency agency) {
  switch (agency) {
    case Agency::kPolice:
      return "police";
    case Agency::kSocialCare:
      return "social_care";
    case Agency::kPrison:
      return "prison";
  }
  return "unknown";
}

AgencyProfile DefaultProfile(Agency agency) {
  switch (agency) {
    case Agency::kPolice:
      return {.pnc = 0.6, .cro = 0.3, .noms = 0.05, .crn = 0, .aliases = 0.4, .dob_missing = 0.05};
    case Agency::kSocialCare:
      return {.aliases = 0.05, .dob_missing = 0.10};
    case Agency::kPrison:
      return {.pnc = 0.4, .cro = 0.2, .noms = 0.9, .crn = 0, .aliases = 0.3, .dob_missing = 0.01};
  }
  return {};
}

const AgencyProfile& AgencyProfiles::For(Agency agency) const {
  switch (agency) {
    case Agency::kPolice:
      return police;
    case Agency::kSocialCare:
      return social_care;
    case Agency::kPrison:
      return prison;
  }
  return police;
}

absl::Status AgencyProfiles::Validate() const {
  for (Agency agency : kAgencies) {
    const AgencyProfile& p = For(agency);
    const std::pair<const char*, double> fields[] = {
        {"pnc", p.pnc}, {"cro", p.cro},         {"noms", p.noms},
        {"crn", p.crn}, {"aliases", p.aliases}, {"dob_missing", p.dob_missing},
    };
    for (const auto& [name, value] : fields) {
      if (!(value >= 0 && value <= 1)) {
        return absl::InvalidArgumentError(
            absl::StrCat("profiles.", AgencyName(agency), ".", name, ": a probability must be in [0, 1]"));
      }
    }
  }
  return absl::OkStatus();
}

}  // namespace liaison::synth
