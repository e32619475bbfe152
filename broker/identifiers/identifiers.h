#ifndef LIAISON_BROKER_IDENTIFIERS_IDENTIFIERS_H_
#define LIAISON_BROKER_IDENTIFIERS_IDENTIFIERS_H_

// Validation and canonicalisation of the strong identifiers people carry
// (PNC ID, CRO number, NOMS number, CRN) and recognition of the placeholder
// values source systems emit for "unknown". Rules: docs/api.md and
// ../shared/data/identifiers/README.md. Pure functions; thread-safe.
//
// Error messages give the reason only, never the value (values are personal
// data): callers prefix the field path, e.g. "subject.identifiers[0].value: ".

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "liaison/v1/person.pb.h"

namespace liaison::identifiers {

// The check letter table shared by PNC IDs and CRO numbers.
inline constexpr absl::string_view kCheckLetters = "ZABCDEFGHJKLMNPQRTUVWXY";

// PNC ID -> "YYYY/NNNNNNNC". Accepts a 2- or 4-digit year, with or without
// the slash, a serial of 1-7 digits and a check letter in either case. A
// 2-digit year YY is 20YY when YY <= the last two digits of `current_year`,
// else 19YY. INVALID_ARGUMENT when malformed or the check letter is wrong.
absl::StatusOr<std::string> CanonicalPnc(absl::string_view input, absl::CivilYear current_year);

// CRO number -> "NNNNNN/YYC" (serial padded to 6 digits) or the SF form
// "SFYY/NNNNNNC" (serial padded to 6 digits). INVALID_ARGUMENT when malformed
// or the check letter is wrong. The placeholder "000000/00Z" is not valid
// here: see Canonicalize.
absl::StatusOr<std::string> CanonicalCro(absl::string_view input);

// NOMS number -> "A1234BC" (upper case). INVALID_ARGUMENT when malformed.
absl::StatusOr<std::string> CanonicalNoms(absl::string_view input);

// CRN -> "X123456" (upper case). INVALID_ARGUMENT when malformed.
absl::StatusOr<std::string> CanonicalCrn(absl::string_view input);

// Dispatches on `type`. Returns nullopt for a recognised placeholder value
// (treat the identifier as absent), the canonical form when valid, and
// INVALID_ARGUMENT otherwise (also for IDENTIFIER_TYPE_UNSPECIFIED).
absl::StatusOr<std::optional<std::string>> Canonicalize(liaison::v1::IdentifierType type,
                                                        absl::string_view input,
                                                        absl::CivilYear current_year);

// Builders for generators and tests: the canonical identifier with its
// correct check letter. REQUIRES: 0 <= serial <= 9999999 (PNC) or 999999 (CRO).
std::string FormatPnc(int year, int serial);
std::string FormatCro(int serial, int two_digit_year);

// Placeholder values that must never be matched on.
bool IsPlaceholderDateOfBirth(absl::string_view date);   // 1900-01-01, 1970-01-01
bool IsPlaceholderPostcode(absl::string_view postcode);  // NF1 1NF, NF1 1FA (any spacing/case)
bool IsPlaceholderName(absl::string_view name);          // MIG_ERROR_*, DUPLICATE_*, NO_SHOW_*

// The short name of a type, as used in storage keys and messages: "PNC",
// "CRO", "NOMS", "CRN"; "UNSPECIFIED" otherwise.
absl::string_view TypeName(liaison::v1::IdentifierType type);

}  // namespace liaison::identifiers

#endif  // LIAISON_BROKER_IDENTIFIERS_IDENTIFIERS_H_
