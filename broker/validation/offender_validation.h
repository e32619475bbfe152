#ifndef LIAISON_BROKER_VALIDATION_OFFENDER_VALIDATION_H_
#define LIAISON_BROKER_VALIDATION_OFFENDER_VALIDATION_H_

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "liaison/v1/offender.pb.h"

namespace liaison::validation {

// True for the nDelius registration codes the broker knows (domain.md).
bool IsKnownRegistration(absl::string_view code);

// Checks a staff member when present (a staff code makes it present).
absl::Status ValidateStaff(absl::string_view path, const v1::StaffMember& staff);

// Validates an offender record under `path` (e.g. "offender") and
// canonicalises its CRN, identifiers and registration codes (upper case) in
// place. INVALID_ARGUMENT
// "<path>.<field>: <reason>", never quoting a value.
absl::Status ValidateOffender(absl::string_view path, v1::OffenderRecord* record,
                              absl::CivilYear current_year);

}  // namespace liaison::validation

#endif  // LIAISON_BROKER_VALIDATION_OFFENDER_VALIDATION_H_
