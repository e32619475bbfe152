#ifndef LIAISON_BROKER_DEMO_CSV_H_
#define LIAISON_BROKER_DEMO_CSV_H_

// RFC 4180 CSV: writing rows and reading them back. Pure functions;
// thread-safe.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace liaison::demo {

// `field` as it appears in a CSV row: unchanged unless it holds a comma, a
// double quote, CR or LF, in which case it is wrapped in double quotes with
// each inner double quote doubled.
std::string CsvField(absl::string_view field);

// One record: the quoted fields joined by commas, terminated by "\n".
std::string CsvRow(const std::vector<std::string>& fields);

// Parses CSV text into records of fields. Records end with "\n" or "\r\n";
// a final record without a terminator is accepted; blank lines are records
// with one empty field. INVALID_ARGUMENT for an unterminated quoted field or
// a quote inside an unquoted field (the message names the record number).
absl::StatusOr<std::vector<std::vector<std::string>>> ParseCsv(absl::string_view text);

}  // namespace liaison::demo

#endif  // LIAISON_BROKER_DEMO_CSV_H_
