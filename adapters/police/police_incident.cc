#include "adapters/police/police_incident.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "adapters/police/person_fields.h"
#include "broker/common/proto_time.h"
#include "broker/common/status_macros.h"

namespace liaison::adapters::police {
namespace {

constexpr size_t kMaxForceCodeChars = 10;
constexpr size_t kMaxIncidentNumberChars = 40;

// The times: occurred_at is when the incident was opened, or attended when
// no opening time was recorded.
absl::Status SetTimes(std::optional<absl::Time> opened, std::optional<absl::Time> attended,
                      absl::string_view opened_path, Incident* incident) {
  if (!opened.has_value() && !attended.has_value()) return JsonFieldError(opened_path, "is required");
  incident->occurred_at = opened.has_value() ? *opened : *attended;
  incident->attended_at = attended;
  return absl::OkStatus();
}

absl::Status SetType(const std::vector<std::string>& codes, std::optional<bool> domestic, absl::string_view codes_path,
                     Incident* incident) {
  incident->type = MostSeriousIncidentType(codes, domestic.value_or(false));
  if (incident->type == liaison::v1::CALLOUT_INCIDENT_TYPE_UNSPECIFIED)
    return JsonFieldError(codes_path, "is required");
  return absl::OkStatus();
}

absl::StatusOr<IncidentPerson> ReadJsonPerson(const JsonObject& object, absl::Time occurred_at, absl::Time now) {
  IncidentPerson person;
  ASSIGN_OR_RETURN(std::string role, object.RequiredString("role"));
  std::optional<RoleMapping> mapping = RoleFromCode(role);
  if (!mapping.has_value()) return JsonFieldError(object.PathOf("role"), "is not a known role");
  person.role = *mapping;
  ASSIGN_OR_RETURN(person.ref, records::ReadJsonPersonRef(object));
  ASSIGN_OR_RETURN(person.person, records::ReadJsonPerson(object, now));
  ASSIGN_OR_RETURN(std::optional<int> age, records::ReadJsonAge(object));
  if (person.role.related_role == liaison::v1::RELATED_ROLE_CHILD) {
    person.age = records::AgeAt(age, person.person.date_of_birth(), occurred_at);
  }
  return person;
}

liaison::v1::RelatedPerson Related(const IncidentPerson& person, liaison::v1::RelatedRole role) {
  liaison::v1::RelatedPerson related;
  related.set_role(role);
  *related.mutable_person() = person.person;
  if (person.age.has_value()) related.set_age(*person.age);
  return related;
}

// The callout notification for `incident.people[subject]`.
liaison::v1::Notification CalloutFor(const Incident& incident, size_t subject) {
  liaison::v1::Notification n;
  records::ApplyHandling(incident.handling, incident.occurred_at, &n);
  *n.mutable_subject() = incident.people[subject].person;
  bool any_child = false;
  for (size_t i = 0; i < incident.people.size(); ++i) {
    const IncidentPerson& person = incident.people[i];
    if (i == subject || person.role.role == IncidentRole::kNotShared) continue;
    if (person.role.role == IncidentRole::kSuspect) {
      *n.add_related_people() = Related(person, liaison::v1::RELATED_ROLE_CO_ACCUSED);
    } else {
      *n.add_related_people() = Related(person, person.role.related_role);
      any_child = any_child || person.role.related_role == liaison::v1::RELATED_ROLE_CHILD;
    }
  }
  liaison::v1::PoliceCallout* callout = n.mutable_police_callout();
  callout->set_incident_type(incident.type);
  callout->set_police_reference(incident.incident_number);
  if (incident.location.has_value()) *callout->mutable_location() = *incident.location;
  if (incident.attended_at.has_value()) *callout->mutable_attended_at() = ToProtoTime(*incident.attended_at);
  callout->set_children_present(incident.children_present.value_or(any_child));
  callout->set_summary(incident.summary);
  return n;
}

}  // namespace

absl::StatusOr<Incident> ReadJsonIncident(const JsonObject& record, absl::Time now) {
  Incident incident;
  ASSIGN_OR_RETURN(incident.force_code, record.RequiredString("forceCode"));
  RETURN_IF_ERROR(records::CheckReference(record.PathOf("forceCode"), incident.force_code, kMaxForceCodeChars));
  ASSIGN_OR_RETURN(incident.incident_number, record.RequiredString("incidentNumber"));
  RETURN_IF_ERROR(
      records::CheckReference(record.PathOf("incidentNumber"), incident.incident_number, kMaxIncidentNumberChars));
  ASSIGN_OR_RETURN(auto codes, record.StringArray("incidentTypes"));
  ASSIGN_OR_RETURN(auto domestic, record.OptionalBool("domestic"));
  RETURN_IF_ERROR(SetType(codes, domestic, record.PathOf("incidentTypes"), &incident));
  ASSIGN_OR_RETURN(auto opened, record.OptionalTime("openedAt"));
  ASSIGN_OR_RETURN(auto attended, record.OptionalTime("attendedAt"));
  RETURN_IF_ERROR(SetTimes(opened, attended, record.PathOf("openedAt"), &incident));
  ASSIGN_OR_RETURN(auto location, record.OptionalObject("location"));
  if (location.has_value()) {
    ASSIGN_OR_RETURN(incident.location, records::ReadJsonAddress(*location));
  }
  ASSIGN_OR_RETURN(incident.children_present, record.OptionalBool("childrenPresent"));
  ASSIGN_OR_RETURN(auto summary, record.OptionalString("summary"));
  incident.summary = summary.value_or("");
  ASSIGN_OR_RETURN(incident.handling,
                   records::ReadJsonHandling(record, "officer", liaison::v1::CLASSIFICATION_OFFICIAL_SENSITIVE));
  ASSIGN_OR_RETURN(auto people, record.ObjectArray("people"));
  if (people.size() > static_cast<size_t>(records::kMaxPeople)) {
    return JsonFieldError(record.PathOf("people"), "more than 50 people");
  }
  for (const JsonObject& object : people) {
    ASSIGN_OR_RETURN(IncidentPerson person, ReadJsonPerson(object, incident.occurred_at, now));
    incident.people.push_back(std::move(person));
  }
  return incident;
}

absl::StatusOr<Incident> ReadCsvIncident(const CsvFields& row, absl::Time now) {
  Incident incident;
  ASSIGN_OR_RETURN(incident.force_code, row.Required("force_code"));
  RETURN_IF_ERROR(records::CheckReference(CsvFields::PathOf("force_code"), incident.force_code, kMaxForceCodeChars));
  ASSIGN_OR_RETURN(incident.incident_number, row.Required("incident_number"));
  RETURN_IF_ERROR(
      records::CheckReference(CsvFields::PathOf("incident_number"), incident.incident_number, kMaxIncidentNumberChars));
  ASSIGN_OR_RETURN(auto domestic, row.OptionalBool("domestic"));
  RETURN_IF_ERROR(SetType(row.List("incident_types"), domestic, CsvFields::PathOf("incident_types"), &incident));
  ASSIGN_OR_RETURN(auto opened, row.OptionalTime("opened_at"));
  ASSIGN_OR_RETURN(auto attended, row.OptionalTime("attended_at"));
  RETURN_IF_ERROR(SetTimes(opened, attended, CsvFields::PathOf("opened_at"), &incident));
  incident.location = records::ReadCsvAddress(row, "location");
  ASSIGN_OR_RETURN(incident.children_present, row.OptionalBool("children_present"));
  incident.summary = row.Optional("summary").value_or("");
  ASSIGN_OR_RETURN(incident.handling,
                   records::ReadCsvHandling(row, "officer", liaison::v1::CLASSIFICATION_OFFICIAL_SENSITIVE));

  // One row is one suspect's notification: the subject, a victim, children.
  ASSIGN_OR_RETURN(auto subject, records::ReadCsvPerson(row, "subject", now));
  if (!subject.has_value()) return incident;  // no suspect: nothing to share
  IncidentPerson suspect;
  suspect.role = {IncidentRole::kSuspect, liaison::v1::RELATED_ROLE_UNSPECIFIED};
  suspect.person = *std::move(subject);
  ASSIGN_OR_RETURN(suspect.ref, records::ReadCsvPersonRef(row, "subject"));
  incident.people.push_back(std::move(suspect));
  ASSIGN_OR_RETURN(auto victim, records::ReadCsvPerson(row, "victim", now));
  if (victim.has_value()) {
    RoleMapping role{IncidentRole::kRelated, liaison::v1::RELATED_ROLE_VICTIM};
    if (auto code = row.Optional("victim_role"); code.has_value()) {
      std::optional<RoleMapping> mapping = RoleFromCode(*code);
      if (!mapping.has_value() || (mapping->related_role != liaison::v1::RELATED_ROLE_VICTIM &&
                                   mapping->related_role != liaison::v1::RELATED_ROLE_PARTNER)) {
        return JsonFieldError(CsvFields::PathOf("victim_role"), "must be victim or partner");
      }
      role = *mapping;
    }
    IncidentPerson person;
    person.role = role;
    person.person = *std::move(victim);
    incident.people.push_back(std::move(person));
  }
  ASSIGN_OR_RETURN(auto children, records::ReadCsvChildren(row, incident.occurred_at, now));
  for (liaison::v1::RelatedPerson& child : children) {
    IncidentPerson person;
    person.role = {IncidentRole::kRelated, liaison::v1::RELATED_ROLE_CHILD};
    person.person = child.person();
    if (child.has_age()) person.age = child.age();
    incident.people.push_back(std::move(person));
  }
  return incident;
}

absl::StatusOr<std::vector<v1::Action>> BuildIncidentActions(const Incident& incident, absl::Time now) {
  std::vector<v1::Action> actions;
  int suspects = 0;
  for (size_t i = 0; i < incident.people.size(); ++i) {
    if (incident.people[i].role.role != IncidentRole::kSuspect) continue;
    ++suspects;
    const std::string person_key = incident.people[i].ref.value_or(absl::StrCat("s", suspects));
    const std::string prefix =
        absl::StrCat("inc:", incident.force_code, ":", incident.incident_number, ":", person_key);
    ASSIGN_OR_RETURN(v1::Action action, records::FinishSubmit(CalloutFor(incident, i), prefix, now));
    actions.push_back(std::move(action));
  }
  return actions;
}

}  // namespace liaison::adapters::police
