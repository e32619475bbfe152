#ifndef LIAISON_BROKER_SYNTH_STAFF_H_
#define LIAISON_BROKER_SYNTH_STAFF_H_

// Invented probation staff, so that synthetic offender records are
// routable: each region (ProbationAreaData()) has kTeamsPerArea teams of
// kOffenderManagersPerTeam offender managers. Pure; thread-safe.

#include <cstdint>
#include <string>

#include "broker/synth/synth_random.h"

namespace liaison::synth {

inline constexpr int kTeamsPerArea = 6;
inline constexpr int kOffenderManagersPerTeam = 12;

struct OffenderManager {
  std::string staff_code;  // "OM" and five digits: "OM03412"
  std::string name;        // "Karen Walsh"
  std::string team_code;   // area code, "T" and the team: "N56T4"
  std::string area_code;   // "N56"
};

// An offender manager in `region` (index into ProbationAreaData()), chosen
// with `rng`; the same staff code always has the same name and team.
// REQUIRES: 0 <= region < ProbationAreaData().size().
OffenderManager AssignOffenderManager(uint64_t seed, int region, Rng& rng);

}  // namespace liaison::synth

#endif  // LIAISON_BROKER_SYNTH_STAFF_H_
