#ifndef LIAISON_BROKER_DEMO_STAFF_H_
#define LIAISON_BROKER_DEMO_STAFF_H_

// The invented probation staff of demo area N07: the story staff named in
// the brief (Alex Morgan, Sam Patel, Chris Lee, Riley Shah and their manager
// Jo Evans, all in team N07T01) and a pool of offender managers in teams
// N07T01-N07T04 who hold the other cases. Fixed whatever the seed.
// Thread-safe (immutable data).

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "liaison/v1/offender.pb.h"

namespace liaison::demo {

inline constexpr absl::string_view kAreaCode = "N07";

// The story staff.
liaison::v1::StaffMember AlexMorgan();  // N07P1001, offender manager (stories 1, 6)
liaison::v1::StaffMember SamPatel();    // N07P1002, co-worker (story 1)
liaison::v1::StaffMember ChrisLee();    // N07P1003, offender manager (story 2)
liaison::v1::StaffMember RileyShah();   // N07P1004, co-worker (story 6)
liaison::v1::StaffMember JoEvans();     // N07M0001, manager of team N07T01

// Offender managers N07P0001..N07P0020, spread over teams N07T01..N07T04.
const std::vector<liaison::v1::StaffMember>& OffenderManagerPool();

// The line manager of `team_code` (N07M0001..N07M0003); Jo Evans for an
// unknown team.
liaison::v1::StaffMember TeamManager(absl::string_view team_code);

}  // namespace liaison::demo

#endif  // LIAISON_BROKER_DEMO_STAFF_H_
