#ifndef LIAISON_ADAPTERS_COMMON_CSV_FIELDS_H_
#define LIAISON_ADAPTERS_COMMON_CSV_FIELDS_H_

// Reading a CSV record's columns by header name for the adapters' parsers.
// Errors are INVALID_ARGUMENT "column NAME: problem" and never quote a
// value. Header names match case-insensitively, ignoring spaces and '_'
// ("Date of Birth" == "date_of_birth").

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "adapters/common/parser.h"

namespace liaison::adapters {

class CsvFields {
 public:
  explicit CsvFields(const CsvRow& row);

  // The path used in errors: "column NAME".
  static std::string PathOf(absl::string_view column);

  bool HasColumn(absl::string_view column) const;
  // Absent column or blank value read as nullopt.
  std::optional<std::string> Optional(absl::string_view column) const;
  absl::StatusOr<std::string> Required(absl::string_view column) const;
  absl::StatusOr<std::optional<int64_t>> OptionalInt(absl::string_view column) const;
  absl::StatusOr<std::optional<bool>> OptionalBool(absl::string_view column) const;
  absl::StatusOr<std::optional<absl::Time>> OptionalTime(absl::string_view column) const;
  absl::StatusOr<absl::Time> RequiredTime(absl::string_view column) const;
  absl::StatusOr<std::optional<std::string>> OptionalDate(absl::string_view column) const;
  // A list in one cell, separated by `separator` (e.g. "MAPP;RCPR").
  std::vector<std::string> List(absl::string_view column, char separator = ';') const;

 private:
  const CsvRow& row_;
  std::vector<std::string> keys_;  // normalised header names
};

// Every header name and cell of `row` is valid UTF-8, which protobuf
// requires of string fields; else INVALID_ARGUMENT naming the column by
// position ("column 3: is not valid UTF-8"). JSON input is checked by the
// JSON parser.
absl::Status CheckCsvUtf8(const CsvRow& row);

// The header name as compared: lower case, without spaces, '_' and '-'.
std::string NormaliseColumnName(absl::string_view name);

}  // namespace liaison::adapters

#endif  // LIAISON_ADAPTERS_COMMON_CSV_FIELDS_H_
