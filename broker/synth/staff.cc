#include "broker/synth/staff.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "broker/synth/names.h"
#include "broker/synth/pool_data.h"

namespace liaison::synth {

OffenderManager AssignOffenderManager(uint64_t seed, int region, Rng& rng) {
  const int team = rng.Uniform(1, kTeamsPerArea);
  const int member = rng.Uniform(1, kOffenderManagersPerTeam);
  const absl::string_view area_code = ProbationAreaData()[region];
  OffenderManager om;
  om.staff_code = absl::StrFormat("OM%02d%d%02d", region, team, member);
  om.team_code = absl::StrCat(area_code, "T", team);
  om.area_code = std::string(area_code);
  const uint64_t staff_number = static_cast<uint64_t>((region * 10 + team) * 100 + member);
  Rng name_rng = StreamRng(seed, Stream::kStaffName, staff_number);
  const Sex sex = name_rng.Chance(0.6) ? Sex::kFemale : Sex::kMale;
  const NamePools& names = NamePools::Get();
  const absl::string_view forename = names.Forename(sex, name_rng);
  om.name = absl::StrCat(forename, " ", NamePools::SurnameForSex(names.Surname(name_rng), sex));
  return om;
}

}  // namespace liaison::synth
