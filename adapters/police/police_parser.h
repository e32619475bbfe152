#ifndef LIAISON_ADAPTERS_POLICE_POLICE_PARSER_H_
#define LIAISON_ADAPTERS_POLICE_POLICE_PARSER_H_

// The police adapter's parser: command-and-control incident records become
// callout notifications (one per suspect) and custody records become arrest
// notifications, from JSON Lines (a "recordType" of "incident" or
// "custody") or CSV (a record_type column). The formats, code tables and
// source_ref rules are in docs/adapters/police.md.
//
// Stateless and thread-safe.

#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "adapters/common/parser.h"

namespace liaison::adapters::police {

class PoliceParser : public RecordParser {
 public:
  absl::string_view name() const override { return "police"; }

  // One action per suspect for an incident (none when it names no suspect:
  // the record is not relevant), one for a custody record. INVALID_ARGUMENT
  // "path: problem" for an unknown record type, a missing or malformed
  // field, or a notification the broker's validation would refuse.
  absl::StatusOr<std::vector<v1::Action>> ParseJson(absl::string_view line, absl::Time now) const override;

  // As ParseJson, for one CSV row (one suspect's worth of an incident, or
  // one custody record).
  absl::StatusOr<std::vector<v1::Action>> ParseCsv(const CsvRow& row, absl::Time now) const override;
};

}  // namespace liaison::adapters::police

#endif  // LIAISON_ADAPTERS_POLICE_POLICE_PARSER_H_
