#ifndef LIAISON_BROKER_VALIDATION_NOTIFICATION_VALIDATION_H_
#define LIAISON_BROKER_VALIDATION_NOTIFICATION_VALIDATION_H_

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "broker/validation/field_checks.h"
#include "liaison/v1/notification.pb.h"

namespace liaison::validation {

inline constexpr size_t kMaxSourceRefChars = 128;
inline constexpr size_t kMaxSummaryChars = 4000;
inline constexpr int kMaxRelatedPeople = 50;

// Validates the agency-supplied fields of `notification` (output-only fields
// are the caller's business) and canonicalises every identifier in place,
// dropping placeholder values. INVALID_ARGUMENT "<field path>: <reason>" for
// the first problem found; the value itself is never quoted.
absl::Status ValidateNotification(v1::Notification* notification, absl::Time now);

}  // namespace liaison::validation

#endif  // LIAISON_BROKER_VALIDATION_NOTIFICATION_VALIDATION_H_
