#include "adapters/common/parser.h"

#include <vector>

namespace liaison::adapters {

absl::StatusOr<std::vector<v1::Action>> ParseRaw(const RecordParser& parser, const v1::RawRecord& raw,
                                                 absl::Time now) {
  switch (raw.format()) {
    case v1::INPUT_FORMAT_JSON_LINES:
      return parser.ParseJson(raw.json(), now);
    case v1::INPUT_FORMAT_CSV: {
      std::vector<std::string> header(raw.csv_header().begin(), raw.csv_header().end());
      std::vector<std::string> fields(raw.csv_fields().begin(), raw.csv_fields().end());
      if (fields.size() != header.size()) {
        return absl::InvalidArgumentError("record: the number of fields differs from the header's columns");
      }
      return parser.ParseCsv(CsvRow{header, fields}, now);
    }
    default:
      return absl::InvalidArgumentError("record: unknown input format");
  }
}

}  // namespace liaison::adapters
