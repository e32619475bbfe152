#ifndef LIAISON_BROKER_VALIDATION_FIELD_CHECKS_H_
#define LIAISON_BROKER_VALIDATION_FIELD_CHECKS_H_

// Building blocks for input validation. Every error is INVALID_ARGUMENT with
// a message "<field path>: <reason>" and never contains the field's value.

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "google/protobuf/timestamp.pb.h"
#include "google/protobuf/repeated_ptr_field.h"
#include "liaison/v1/person.pb.h"

namespace liaison::validation {

// "<path>: <reason>" as INVALID_ARGUMENT.
absl::Status FieldError(absl::string_view path, absl::string_view reason);

// path + "[" + index + "]".
std::string Indexed(absl::string_view path, int index);
// path + "." + field (or field alone when path is empty).
std::string Child(absl::string_view path, absl::string_view field);

enum class TextKind { kLine, kMultiline };

// At most `max_chars` bytes of UTF-8 text with no control characters (tabs
// and newlines allowed in kMultiline). `required` rejects empty text.
absl::Status CheckText(absl::string_view path, absl::string_view value, size_t max_chars,
                       bool required, TextKind kind = TextKind::kLine);

// An id usable in storage keys: 1-64 characters from [A-Za-z0-9._:-].
absl::Status CheckId(absl::string_view path, absl::string_view value);

// How far in the future a reported time may be (clock skew between systems).
inline constexpr absl::Duration kMaxFutureSkew = absl::Hours(1);

// A reported time: unset (zero) is "is required" when `required`; otherwise
// nanos in range, not before 1900 and at most kMaxFutureSkew after `now`.
absl::Status CheckTimestamp(absl::string_view path, const google::protobuf::Timestamp& t, absl::Time now,
                            bool required);

// Empty, or YYYY-MM-DD (digits; month 01-12, day 01-31; the calendar is not
// checked, agencies mistype).
absl::Status CheckDateShape(absl::string_view path, absl::string_view value);

// Validates each identifier's type and value, replaces each value with its
// canonical form and drops recognised placeholders ("treat as absent").
absl::Status CanonicalizeIdentifiers(absl::string_view path,
                                     google::protobuf::RepeatedPtrField<v1::Identifier>* ids,
                                     absl::CivilYear current_year);

}  // namespace liaison::validation

#endif  // LIAISON_BROKER_VALIDATION_FIELD_CHECKS_H_
