#include "adapters/probation/probation_parser.h"

#include <string>

#include "adapters/common/csv_fields.h"
#include "adapters/common/hmpps_event.h"
#include "adapters/common/json_fields.h"
#include "adapters/probation/case_events.h"
#include "adapters/probation/case_records.h"
#include "broker/common/status_macros.h"

namespace liaison::adapters::probation {
namespace {

constexpr absl::string_view kCaseRecord = "case";

absl::StatusOr<std::vector<v1::Action>> EventActions(const DomainEvent& event, absl::Time now) {
  RETURN_IF_ERROR(event.CheckOccurredAt(now));
  const std::string& type = event.event_type();
  if (type == kRegistrationAdded || type == kRegistrationUpdated) return RegistrationActions(event, false);
  if (type == kRegistrationDeleted) return RegistrationActions(event, true);
  if (type == kManagerAllocated) return AllocationActions(event);
  if (type == kMergeCompleted) return MergeActions(event);
  if (type == kUnmergeCompleted) return UnmergeActions(event);
  // The raw record (kept in quarantine) shows the type; the reason names
  // no input value.
  return JsonFieldError("eventType", "not handled by the probation adapter");
}

}  // namespace

absl::StatusOr<std::vector<v1::Action>> ProbationParser::ParseJson(absl::string_view line, absl::Time now) const {
  return ParseEventOrRecord(line, now, kCaseRecord, EventActions, CaseRecordActions);
}

absl::StatusOr<std::vector<v1::Action>> ProbationParser::ParseCsv(const CsvRow& row, absl::Time now) const {
  RETURN_IF_ERROR(CheckCsvUtf8(row));
  return CaseRowActions(row, now);
}

}  // namespace liaison::adapters::probation
