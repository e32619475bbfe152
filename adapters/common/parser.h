#ifndef LIAISON_ADAPTERS_COMMON_PARSER_H_
#define LIAISON_ADAPTERS_COMMON_PARSER_H_

// What each agency adapter supplies to the shared runtime: a parser turning
// one input record into the broker calls it stands for.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "liaison/adapters/v1/adapter.pb.h"

namespace liaison::adapters {

// A CSV record with the file's header: csv_header[i] names csv_fields[i].
struct CsvRow {
  const std::vector<std::string>& header;
  const std::vector<std::string>& fields;
};

class RecordParser {
 public:
  virtual ~RecordParser() = default;

  // Short name used in logs and file names, e.g. "police".
  virtual absl::string_view name() const = 0;

  // Parses one JSON Lines record. `now` bounds plausible dates. Returns the
  // actions in order (none for a valid record with nothing for the broker:
  // the ledger records NOT_RELEVANT), or INVALID_ARGUMENT "path: problem"
  // naming the field and never quoting a value (it may be personal data);
  // the runtime then quarantines the record with that reason.
  virtual absl::StatusOr<std::vector<v1::Action>> ParseJson(absl::string_view line, absl::Time now) const = 0;

  // Parses one CSV record. UNIMPLEMENTED when the agency has no CSV format.
  virtual absl::StatusOr<std::vector<v1::Action>> ParseCsv(const CsvRow& row, absl::Time now) const = 0;
};

// Parses `raw` with `parser` according to its format.
absl::StatusOr<std::vector<v1::Action>> ParseRaw(const RecordParser& parser, const v1::RawRecord& raw,
                                                 absl::Time now);

}  // namespace liaison::adapters

#endif  // LIAISON_ADAPTERS_COMMON_PARSER_H_
