#ifndef LIAISON_ADAPTERS_SOCIAL_CARE_SOCIAL_CARE_CODES_H_
#define LIAISON_ADAPTERS_SOCIAL_CARE_SOCIAL_CARE_CODES_H_

// Children's social care codes and what they map to (tables in
// docs/adapters/social_care.md). Codes compare case-insensitively, ignoring
// spaces and punctuation (records::NormaliseCode). Pure functions;
// thread-safe.

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "liaison/v1/notification.pb.h"

namespace liaison::adapters::social_care {

// Each code's reason in order, duplicates dropped; a code not in the table
// (including "MUL", multiple) is REFERRAL_REASON_OTHER.
std::vector<liaison::v1::ReferralReason> ReasonsFromCodes(const std::vector<std::string>& codes);

// nullopt for a stage not in the table.
std::optional<liaison::v1::ChildProtectionStage> StageFromCode(absl::string_view code);

// The stage's short name in a source_ref: "referral", "strategy", "s47",
// "conference", "plan".
absl::string_view StageRefName(liaison::v1::ChildProtectionStage stage);

// How an adult in the record is involved.
enum class Involvement {
  kConcern,  // the person of concern: the subject of a notification
  kPartner,  // partner of a person of concern: RELATED_ROLE_PARTNER
  kOther,    // parents, relatives, carers not of concern: not shared
};
// nullopt for a code not in the table.
std::optional<Involvement> InvolvementFromCode(absl::string_view code);

}  // namespace liaison::adapters::social_care

#endif  // LIAISON_ADAPTERS_SOCIAL_CARE_SOCIAL_CARE_CODES_H_
