#include "adapters/prison/alert_events.h"

#include <string>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "broker/common/status_macros.h"

namespace liaison::adapters::prison {
namespace {

// Other identifiers the event names for the prisoner go on the subject too.
void AddReferenceIdentifiers(const DomainEvent& event, api::PersonDescriptor* subject) {
  for (const EventIdentifier& id : event.identifiers()) {
    api::IdentifierType type = api::IDENTIFIER_TYPE_UNSPECIFIED;
    if (id.type == "CRN") type = api::IDENTIFIER_TYPE_CRN;
    if (id.type == "PNC") type = api::IDENTIFIER_TYPE_PNC;
    if (id.type == "CRO") type = api::IDENTIFIER_TYPE_CRO;
    if (type == api::IDENTIFIER_TYPE_UNSPECIFIED) continue;
    api::Identifier* added = subject->add_identifiers();
    added->set_type(type);
    added->set_value(id.value);
  }
}

}  // namespace

std::optional<MonitoringAlert> FindMonitoringAlert(absl::string_view code) {
  const std::string upper = absl::AsciiStrToUpper(absl::StripAsciiWhitespace(code));
  for (const MonitoringAlert& alert : kMonitoringAlerts) {
    if (upper == alert.code) return alert;
  }
  return std::nullopt;
}

absl::StatusOr<std::vector<v1::Action>> AlertActions(const DomainEvent& event, absl::Time now) {
  const JsonObject additional = event.additional_information();
  ASSIGN_OR_RETURN(std::string code, additional.RequiredString("alertCode"));
  const std::optional<MonitoringAlert> alert = FindMonitoringAlert(code);
  if (!alert.has_value()) return std::vector<v1::Action>();

  ASSIGN_OR_RETURN(JsonObject monitoring, additional.RequiredObject("monitoring"));
  ASSIGN_OR_RETURN(MailFlagDraft draft, ReadMailFlagJson(monitoring));
  draft.medium = alert->medium;
  ASSIGN_OR_RETURN(draft.prisoner_noms, event.PersonIdentifier(api::IDENTIFIER_TYPE_NOMS, "nomsNumber"));
  ASSIGN_OR_RETURN(std::optional<JsonObject> prisoner, additional.OptionalObject("prisoner"));
  if (prisoner.has_value()) {
    ASSIGN_OR_RETURN(draft.prisoner, ReadPersonJson(*prisoner));
  }
  AddReferenceIdentifiers(event, &draft.prisoner);
  if (draft.establishment.empty()) {
    ASSIGN_OR_RETURN(std::optional<std::string> prison, additional.OptionalString("prisonId"));
    if (!prison.has_value()) return JsonFieldError(monitoring.PathOf("establishment"), "is required");
    draft.establishment = absl::AsciiStrToUpper(*prison);
  }
  if (draft.direction == api::MAIL_DIRECTION_UNSPECIFIED) {
    return JsonFieldError(monitoring.PathOf("direction"), "is required");
  }
  if (draft.concern == api::MAIL_CONCERN_UNSPECIFIED) draft.concern = alert->default_concern;
  if (draft.concern == api::MAIL_CONCERN_UNSPECIFIED) {
    return JsonFieldError(monitoring.PathOf("concern"), "is required for this alert code");
  }
  const std::string source_ref = absl::StrCat(
      "alert:", event.Digest({"alertCode", "alertUuid", "nomsNumber", "prisonId", "monitoring", "prisoner"}));
  ASSIGN_OR_RETURN(v1::Action action,
                   BuildMailFlagAction(draft, source_ref, draft.flagged_at.value_or(event.occurred_at()), now));
  std::vector<v1::Action> actions;
  actions.push_back(std::move(action));
  return actions;
}

}  // namespace liaison::adapters::prison
