#ifndef LIAISON_ADAPTERS_POLICE_PERSON_FIELDS_H_
#define LIAISON_ADAPTERS_POLICE_PERSON_FIELDS_H_

// Reading people and addresses from agency records, the same way from JSON
// and CSV, into liaison.v1 messages. Identifiers are validated and
// canonicalised here (so a bad one is reported at the input field's path)
// and placeholders (CRO 000000/00Z) dropped; placeholder dates of birth,
// postcodes and names are passed on as recorded, because the broker's
// matcher already ignores them.
//
// Field names, JSON: "forenames", "surname", "aliases" (strings, each
// "SURNAME, Forenames" or a surname alone), "dateOfBirth", "pnc", "cro",
// "addresses" (objects with "lines", "town", "postcode"). CSV, for a column
// prefix P: P_forenames, P_surname, P_aliases (';'-separated), P_dob, P_pnc,
// P_cro, P_address_line1..3, P_address_town, P_address_postcode.
// Errors are INVALID_ARGUMENT "path: problem", never quoting a value.
// Pure functions; thread-safe.

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "adapters/common/csv_fields.h"
#include "adapters/common/json_fields.h"
#include "liaison/v1/person.pb.h"

namespace liaison::adapters::records {

// At most this many numbered child column groups (child1_..child10_) in CSV.
inline constexpr int kMaxCsvChildren = 10;

// A person from JSON; `now` fixes the century of two-digit PNC years.
absl::StatusOr<liaison::v1::PersonDescriptor> ReadJsonPerson(const JsonObject& person, absl::Time now);

// A person from the CSV columns starting `prefix`_; nullopt when every one
// of them is blank.
absl::StatusOr<std::optional<liaison::v1::PersonDescriptor>> ReadCsvPerson(const CsvFields& row,
                                                                           absl::string_view prefix, absl::Time now);

// An address object ("lines", "town", "postcode").
absl::StatusOr<liaison::v1::Address> ReadJsonAddress(const JsonObject& address);

// The address in columns `prefix`_line1..3, _town, _postcode; nullopt when
// all are blank.
std::optional<liaison::v1::Address> ReadCsvAddress(const CsvFields& row, absl::string_view prefix);

// An optional "age" in years, 0 to 130.
absl::StatusOr<std::optional<int>> ReadJsonAge(const JsonObject& person);
absl::StatusOr<std::optional<int>> ReadCsvAge(const CsvFields& row, absl::string_view column);

// The age to report for a child: `given` when known, else the whole years
// from `date_of_birth` (YYYY-MM-DD; a day-month swap is read back) to `at`
// in UK time; nullopt without a usable date, for a placeholder date, or
// when the result is outside 0-130.
std::optional<int> AgeAt(std::optional<int> given, absl::string_view date_of_birth, absl::Time at);

// An optional person reference ("personRef" / P_ref), checked like
// CheckReference with at most 20 characters.
absl::StatusOr<std::optional<std::string>> ReadJsonPersonRef(const JsonObject& person);
absl::StatusOr<std::optional<std::string>> ReadCsvPersonRef(const CsvFields& row, absl::string_view prefix);

// Children in the numbered column groups child1_..child10_ (person columns
// and childN_age), each a RELATED_ROLE_CHILD with its age at `occurred_at`.
absl::StatusOr<std::vector<liaison::v1::RelatedPerson>> ReadCsvChildren(const CsvFields& row, absl::Time occurred_at,
                                                                        absl::Time now);

// A JSON child (person fields and "age") as RELATED_ROLE_CHILD.
absl::StatusOr<liaison::v1::RelatedPerson> ReadJsonChild(const JsonObject& child, absl::Time occurred_at,
                                                         absl::Time now);

}  // namespace liaison::adapters::records

#endif  // LIAISON_ADAPTERS_POLICE_PERSON_FIELDS_H_
