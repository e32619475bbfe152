#ifndef LIAISON_BROKER_CSV_CSV_WRITER_H_
#define LIAISON_BROKER_CSV_CSV_WRITER_H_

// Writing RFC 4180 CSV (read it back with CsvReader). Pure functions;
// thread-safe.

#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace liaison::csv {

// `field` as it appears in a CSV row: unchanged unless it holds a comma, a
// double quote, CR or LF, in which case it is wrapped in double quotes with
// each inner double quote doubled.
std::string CsvField(absl::string_view field);

// One record: the quoted fields joined by commas, terminated by "\n".
std::string CsvRow(const std::vector<std::string>& fields);

}  // namespace liaison::csv

#endif  // LIAISON_BROKER_CSV_CSV_WRITER_H_
