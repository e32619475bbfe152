#ifndef LIAISON_ADAPTERS_PRISON_PRISON_PARSER_H_
#define LIAISON_ADAPTERS_PRISON_PRISON_PARSER_H_

// The prison adapter's parser (docs/adapters/prison.md). JSON Lines carry
// either HMPPS domain events (they have "eventType") or mail-monitoring
// flag records ("recordType": "mail-flag"); CSV rows are mail-flag records.
//   prisoner.received / .released  -> Registry.ApplyChange custody
//   prisoner.merged                -> Registry.ApplyChange identifier
//   person.alert.created / .updated with a monitoring alert code,
//   mail-flag records              -> Ingest.Submit a PrisonMailFlag
// Stateless and thread-safe.

#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "adapters/common/parser.h"

namespace liaison::adapters::prison {

class PrisonParser : public RecordParser {
 public:
  absl::string_view name() const override { return "prison"; }

  // A domain event or a mail-flag record. An empty vector for a valid
  // record carrying nothing for the broker (a release that leaves the person
  // in custody, an alert code not shared, a deleted alert). INVALID_ARGUMENT
  // "path: problem" otherwise, including an eventType this adapter does not
  // handle; the broker's validation errors for the notification are passed
  // on unchanged.
  absl::StatusOr<std::vector<v1::Action>> ParseJson(absl::string_view line, absl::Time now) const override;

  // A mail-flag CSV row: one PrisonMailFlag notification.
  absl::StatusOr<std::vector<v1::Action>> ParseCsv(const CsvRow& row, absl::Time now) const override;
};

}  // namespace liaison::adapters::prison

#endif  // LIAISON_ADAPTERS_PRISON_PRISON_PARSER_H_
