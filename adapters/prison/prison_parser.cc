#include "adapters/prison/prison_parser.h"

#include <optional>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "adapters/common/csv_fields.h"
#include "adapters/common/hmpps_event.h"
#include "adapters/common/json_fields.h"
#include "adapters/prison/alert_events.h"
#include "adapters/prison/custody_events.h"
#include "adapters/prison/mail_flag.h"
#include "broker/common/status_macros.h"

namespace liaison::adapters::prison {
namespace {

constexpr absl::string_view kMailFlagRecord = "mail-flag";

std::string MailFlagRef(const MailFlagDraft& draft) {
  return absl::StrCat("mailflag:", draft.establishment, ":", draft.monitoring_reference);
}

absl::StatusOr<std::vector<v1::Action>> EventActions(const DomainEvent& event, absl::Time now) {
  RETURN_IF_ERROR(event.CheckOccurredAt(now));
  const std::string& type = event.event_type();
  if (type == kPrisonerReceived) return ReceivedActions(event);
  if (type == kPrisonerReleased) return ReleasedActions(event);
  if (type == kPrisonerMerged) return MergedActions(event);
  if (type == kAlertCreated || type == kAlertUpdated) return AlertActions(event, now);
  // A withdrawn alert does not withdraw a flag already shared; the broker has
  // no retraction, so there is nothing to send.
  if (type == kAlertDeleted || type == kAlertInactive) return std::vector<v1::Action>();
  // The raw record (kept in quarantine) shows the type; the reason names
  // no input value.
  return JsonFieldError("eventType", "not handled by the prison adapter");
}

// A mail-flag JSON record: the shared flag fields plus prisonerNoms,
// prisoner {givenNames, familyName, dateOfBirth}; establishment, direction,
// concern, monitoringReference and flaggedAt are required.
absl::StatusOr<std::vector<v1::Action>> MailFlagRecordActions(const JsonObject& record, absl::Time now) {
  ASSIGN_OR_RETURN(MailFlagDraft draft, ReadMailFlagJson(record));
  ASSIGN_OR_RETURN(draft.prisoner_noms, record.RequiredString("prisonerNoms"));
  ASSIGN_OR_RETURN(std::optional<JsonObject> prisoner, record.OptionalObject("prisoner"));
  if (prisoner.has_value()) {
    ASSIGN_OR_RETURN(draft.prisoner, ReadPersonJson(*prisoner));
  }
  if (draft.establishment.empty()) return JsonFieldError("establishment", "is required");
  if (draft.direction == api::MAIL_DIRECTION_UNSPECIFIED) return JsonFieldError("direction", "is required");
  if (draft.concern == api::MAIL_CONCERN_UNSPECIFIED) return JsonFieldError("concern", "is required");
  if (draft.monitoring_reference.empty()) return JsonFieldError("monitoringReference", "is required");
  if (!draft.flagged_at.has_value()) return JsonFieldError("flaggedAt", "is required");
  ASSIGN_OR_RETURN(v1::Action action, BuildMailFlagAction(draft, MailFlagRef(draft), *draft.flagged_at, now));
  std::vector<v1::Action> actions;
  actions.push_back(std::move(action));
  return actions;
}

}  // namespace

absl::StatusOr<std::vector<v1::Action>> PrisonParser::ParseJson(absl::string_view line, absl::Time now) const {
  return ParseEventOrRecord(line, now, kMailFlagRecord, EventActions, MailFlagRecordActions);
}

absl::StatusOr<std::vector<v1::Action>> PrisonParser::ParseCsv(const CsvRow& row, absl::Time now) const {
  RETURN_IF_ERROR(CheckCsvUtf8(row));
  const CsvFields fields(row);
  ASSIGN_OR_RETURN(MailFlagDraft draft, ReadMailFlagCsv(fields));
  ASSIGN_OR_RETURN(v1::Action action, BuildMailFlagAction(draft, MailFlagRef(draft), *draft.flagged_at, now));
  std::vector<v1::Action> actions;
  actions.push_back(std::move(action));
  return actions;
}

}  // namespace liaison::adapters::prison
