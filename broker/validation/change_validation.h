#ifndef LIAISON_BROKER_VALIDATION_CHANGE_VALIDATION_H_
#define LIAISON_BROKER_VALIDATION_CHANGE_VALIDATION_H_

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "liaison/v1/registry_service.pb.h"

namespace liaison::validation {

// The longest change_ref a Registry caller may send.
inline constexpr size_t kMaxChangeRefChars = 128;

// A Registry change_ref (registry_service.proto): empty (none), or 1-128
// characters from [A-Za-z0-9._:/-]. INVALID_ARGUMENT "change_ref: <reason>".
absl::Status ValidateChangeRef(absl::string_view change_ref);

// Validates a Registry.ApplyChange request except its change_ref (see
// ValidateChangeRef) and canonicalises it in place: `person` and an
// identifier change's replacement to their canonical forms, registration
// codes to upper case. INVALID_ARGUMENT "<field path>: <reason>" for the
// first problem found ("person", "occurred_at", "reason", "change",
// "custody.*", "registrations.*", "identifier.*"); values are never quoted.
absl::Status ValidateApplyChange(v1::ApplyChangeRequest* request, absl::Time now);

}  // namespace liaison::validation

#endif  // LIAISON_BROKER_VALIDATION_CHANGE_VALIDATION_H_
