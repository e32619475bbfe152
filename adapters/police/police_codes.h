#ifndef LIAISON_ADAPTERS_POLICE_POLICE_CODES_H_
#define LIAISON_ADAPTERS_POLICE_POLICE_CODES_H_

// The police systems' codes and what they map to (docs/adapters/police.md
// has the tables). Codes compare case-insensitively, ignoring spaces and
// punctuation (records::NormaliseCode). Pure functions; thread-safe.

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "liaison/v1/notification.pb.h"
#include "liaison/v1/person.pb.h"

namespace liaison::adapters::police {

// One incident type code; unknown codes are CALLOUT_INCIDENT_TYPE_OTHER.
liaison::v1::CalloutIncidentType IncidentTypeFromCode(absl::string_view code);

// The most serious type among `codes` (domestic abuse, sexual offence,
// child concern, violence, concern for welfare, public order, other), with
// `domestic_flag` forcing domestic abuse. Unspecified when `codes` is empty
// and the flag is not set.
liaison::v1::CalloutIncidentType MostSeriousIncidentType(const std::vector<std::string>& codes, bool domestic_flag);

// What a person's role in an incident means for the notifications.
enum class IncidentRole {
  kSuspect,    // the subject of a notification of their own
  kRelated,    // a related person with `related_role`
  kNotShared,  // witnesses and others: minimum necessary
};
struct RoleMapping {
  IncidentRole role = IncidentRole::kNotShared;
  liaison::v1::RelatedRole related_role = liaison::v1::RELATED_ROLE_UNSPECIFIED;
};
// nullopt for a code not in the table.
std::optional<RoleMapping> RoleFromCode(absl::string_view code);

// A custody outcome; nullopt for a code not in the table. A blank outcome
// is the caller's business (ARREST_OUTCOME_UNSPECIFIED: not decided yet).
std::optional<liaison::v1::ArrestOutcome> ArrestOutcomeFromCode(absl::string_view code);

// The outcome's short name in a source_ref: "custody", "rui", "bailed",
// "charged", "remanded", "nfa", or "pending" when unspecified.
absl::string_view OutcomeRefName(liaison::v1::ArrestOutcome outcome);

}  // namespace liaison::adapters::police

#endif  // LIAISON_ADAPTERS_POLICE_POLICE_CODES_H_
