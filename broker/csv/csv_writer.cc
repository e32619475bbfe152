#include "broker/csv/csv_writer.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"

namespace liaison::csv {

std::string CsvField(absl::string_view field) {
  if (field.find_first_of(",\"\r\n") == absl::string_view::npos) return std::string(field);
  return absl::StrCat("\"", absl::StrReplaceAll(field, {{"\"", "\"\""}}), "\"");
}

std::string CsvRow(const std::vector<std::string>& fields) {
  return absl::StrCat(absl::StrJoin(fields, ",",
                                    [](std::string* out, const std::string& field) {
                                      out->append(CsvField(field));
                                    }),
                      "\n");
}

}  // namespace liaison::csv
