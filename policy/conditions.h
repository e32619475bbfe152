#ifndef LIAISON_POLICY_CONDITIONS_H_
#define LIAISON_POLICY_CONDITIONS_H_

// A rule's conditions as sets, the facts of one (notification, linked
// person) they are tested against, and the comparisons validation needs
// (can a rule ever fire; is one rule's condition at least as general as
// another's).

#include <optional>
#include <set>
#include <string>

#include "absl/time/time.h"
#include "liaison/policy/v1/policy.pb.h"
#include "liaison/v1/alert.pb.h"
#include "liaison/v1/notification.pb.h"
#include "liaison/v1/offender.pb.h"

namespace liaison::policy {

namespace api = ::liaison::v1;

// Empty set: holds always (except `links`, which is never empty: a rule that
// names no link applies to the subject).
struct NormalisedConditions {
  std::set<int> kinds;
  std::set<int> incident_types;
  std::set<int> referral_reasons;
  std::set<int> stages;
  std::set<int> mail_concerns;
  std::set<int> arrest_outcomes;
  std::optional<bool> children_present;
  std::set<int> agency_kinds;
  std::set<std::string> organisations;
  std::set<int> classifications;
  std::set<int> caveats_any;
  std::set<int> caveats_none;
  std::optional<uint32_t> within_hours;
  std::optional<uint32_t> older_than_hours;
  std::set<int> links;
  std::set<int> bases;
  std::set<int> rosh_levels;
  std::set<int> mappa_categories;
  std::set<int> mappa_levels;
  std::set<std::string> registrations;  // upper case
  std::set<int> statuses;
  std::optional<bool> has_licence_conditions;
  std::set<std::string> licence_conditions;  // lower case
};

// Sub-type conditions imply their kind: a rule on callout incident types is
// a rule on callouts.
NormalisedConditions Normalise(const policy::v1::Conditions& conditions);

// The facts one rule is tested against: a notification and one linked person.
struct Facts {
  const api::Notification* notification = nullptr;
  policy::v1::Link link = policy::v1::LINK_SUBJECT;
  policy::v1::MatchBasis basis = policy::v1::MATCH_BASIS_AUTO_LINKED;
  const api::OffenderRecord* offender = nullptr;
  // now - occurred_at.
  absl::Duration event_age = absl::ZeroDuration();
};

// Nullopt when every condition holds; otherwise the first that does not,
// e.g. "kinds: is NOTIFICATION_KIND_ARREST, wants one of
// NOTIFICATION_KIND_POLICE_CALLOUT". Never personal data (only enum names,
// codes the policy itself names and hours).
std::optional<std::string> FirstFailure(const NormalisedConditions& c, const Facts& facts);

// The conditions that hold, for explanations: e.g. "kinds, rosh_levels".
std::string Summary(const NormalisedConditions& c);

// Why no notification could ever satisfy `c`, or nullopt.
std::optional<std::string> NeverHolds(const NormalisedConditions& c);

// Every (notification, person) satisfying `b` also satisfies `a`.
bool AtLeastAsGeneral(const NormalisedConditions& a, const NormalisedConditions& b);

}  // namespace liaison::policy

#endif  // LIAISON_POLICY_CONDITIONS_H_
