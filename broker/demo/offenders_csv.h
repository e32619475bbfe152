#ifndef LIAISON_BROKER_DEMO_OFFENDERS_CSV_H_
#define LIAISON_BROKER_DEMO_OFFENDERS_CSV_H_

// offenders.csv: the demo caseload as one row per offender, for loading
// into the offender index. Columns are kOffendersCsvHeader; '|' separates
// the items of list columns (aliases, address_lines, registrations); each
// alias is "<given names> <family name>", the family name being the last
// word. Only the first address is written; licence conditions are not.
// Thread-safe (pure functions).

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "liaison/v1/offender.pb.h"

namespace liaison::demo {

inline constexpr absl::string_view kOffendersCsvHeader =
    "crn,pnc,cro,noms,given_names,family_name,aliases,date_of_birth,address_lines,town,postcode,"
    "om_staff_code,om_name,om_team,co_worker_staff_code,co_worker_name,manager_staff_code,"
    "manager_name,team_code,area_code,rosh_level,mappa_category,mappa_level,registrations,status,"
    "prison_code";

// The fields of `offender`'s row, in header order: enums without their
// prefix (MEDIUM, LICENCE), MAPPA category and level as a digit or "".
std::vector<std::string> OffenderCsvFields(const liaison::v1::OffenderRecord& offender);

// The header line then one RFC 4180 row per offender, each ending in "\n".
std::string OffendersCsv(const std::vector<liaison::v1::OffenderRecord>& offenders);

}  // namespace liaison::demo

#endif  // LIAISON_BROKER_DEMO_OFFENDERS_CSV_H_
