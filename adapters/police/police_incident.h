#ifndef LIAISON_ADAPTERS_POLICE_POLICE_INCIDENT_H_
#define LIAISON_ADAPTERS_POLICE_POLICE_INCIDENT_H_

// Police incident (command-and-control callout) records: read from JSON or
// CSV into one Incident, then turned into one callout notification per
// suspect. Format: docs/adapters/police.md. Pure functions; thread-safe.

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "adapters/common/csv_fields.h"
#include "adapters/common/json_fields.h"
#include "adapters/police/police_codes.h"
#include "adapters/police/record_fields.h"
#include "liaison/adapters/v1/adapter.pb.h"

namespace liaison::adapters::police {

struct IncidentPerson {
  std::optional<std::string> ref;  // the force's person reference, if any
  RoleMapping role;
  liaison::v1::PersonDescriptor person;
  std::optional<int> age;  // children only
};

struct Incident {
  std::string force_code;
  std::string incident_number;
  liaison::v1::CalloutIncidentType type = liaison::v1::CALLOUT_INCIDENT_TYPE_UNSPECIFIED;
  absl::Time occurred_at;
  std::optional<absl::Time> attended_at;
  std::optional<liaison::v1::Address> location;
  std::optional<bool> children_present;
  std::string summary;
  records::Handling handling;
  std::vector<IncidentPerson> people;  // in record order
};

// The record's fields, or INVALID_ARGUMENT "path: problem".
absl::StatusOr<Incident> ReadJsonIncident(const JsonObject& record, absl::Time now);
absl::StatusOr<Incident> ReadCsvIncident(const CsvFields& row, absl::Time now);

// One submit action per suspect, in record order; none when the incident
// names no suspect. Source refs: "inc:FORCE:INCIDENT:PERSON:DIGEST" (PERSON
// is the suspect's ref, or "s" and their position among the suspects).
// INVALID_ARGUMENT when a notification fails the broker's validation.
absl::StatusOr<std::vector<v1::Action>> BuildIncidentActions(const Incident& incident, absl::Time now);

}  // namespace liaison::adapters::police

#endif  // LIAISON_ADAPTERS_POLICE_POLICE_INCIDENT_H_
