#ifndef LIAISON_POLICY_POLICY_H_
#define LIAISON_POLICY_POLICY_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "liaison/policy/v1/policy.pb.h"
#include "liaison/v1/alert.pb.h"
#include "liaison/v1/notification.pb.h"
#include "liaison/v1/offender.pb.h"

namespace liaison::policy {

// The public API's messages (liaison.v1); `v1` here is the policy schema's.
namespace api = ::liaison::v1;

// A related person of the notification (by index in related_people) linked
// to an offender record.
struct RelatedLink {
  int related_index = -1;
  api::MatchResult match;
  api::OffenderRecord offender;
};

// What the policy is asked about: an accepted notification and who it was
// linked to.
struct PolicyInput {
  const api::Notification* notification = nullptr;
  // The subject's match.
  const api::MatchResult* match = nullptr;
  // The subject's offender record; null unless match->decision is LINKED.
  const api::OffenderRecord* offender = nullptr;
  absl::Time now;
  // Related people linked to offender records (LINKED only).
  std::vector<RelatedLink> related;
};

// Who is told next when an alert passes its deadline unacknowledged.
struct EscalationTarget {
  std::string recipient_id;
  api::RecipientRole role = api::RECIPIENT_ROLE_UNSPECIFIED;
};

// One recipient's share about one linked person: who, in what role, what
// they may see, why and how urgently.
struct Delivery {
  std::string recipient_id;
  api::RecipientRole role = api::RECIPIENT_ROLE_UNSPECIFIED;
  // The linked person the share is about.
  std::string crn;
  // The notification as this recipient may see it.
  api::Notification view;
  // Paths of what was removed from the view, e.g. "related_people[1].person".
  std::vector<std::string> withheld;
  // The permits naming this recipient and any forbid that narrowed it,
  // sorted.
  std::vector<std::string> rule_ids;
  // The legal bases of those permits, sorted, joined with "; ".
  std::string legal_basis;
  // The most urgent of those permits'.
  api::Priority priority = api::PRIORITY_ROUTINE;
  // Zero: no deadline, no escalation.
  absl::Duration ack_deadline = absl::ZeroDuration();
  std::vector<EscalationTarget> escalation;
  // Not for onward disclosure: reduced to a summary and the originator's
  // contact.
  bool summary_only = false;
};

struct Decision {
  // "<policy id>@<content hash>".
  std::string policy;
  // Every rule that fired (permits and forbids), sorted.
  std::vector<std::string> rule_ids;
  // The legal bases of the deliveries, sorted, joined with "; ".
  std::string legal_basis;
  // The most urgent delivery's.
  api::Priority priority = api::PRIORITY_ROUTINE;
  // Sorted by (crn, recipient_id). Empty: nothing is shared.
  std::vector<Delivery> deliveries;
  // Why nothing is shared when deliveries is empty, and recipients a permit
  // named that could not be resolved; no personal data.
  std::string reason;
};

// Why one rule fired or not, for one linked person.
struct RuleTrace {
  std::string rule_id;
  policy::v1::Effect effect = policy::v1::EFFECT_UNSPECIFIED;
  std::string crn;
  policy::v1::Link link = policy::v1::LINK_UNSPECIFIED;
  bool fired = false;
  // Fired: the conditions that held; otherwise the first that did not.
  std::string why;
};

struct Explanation {
  Decision decision;
  std::vector<RuleTrace> traces;
};

// Decides who is told what about a notification, and on which legal basis.
// Implementations are immutable after construction and thread-safe.
class Policy {
 public:
  virtual ~Policy() = default;
  // An error means the policy could not decide; callers fail closed (share
  // nothing) and audit the error.
  virtual absl::StatusOr<Decision> Decide(const PolicyInput& input) const = 0;
  // The decision with the reasons for it.
  virtual absl::StatusOr<Explanation> Explain(const PolicyInput& input) const = 0;
  // "<policy id>@<content hash>".
  virtual const std::string& version() const = 0;
  // How long an unmatched notification of this kind stays eligible for
  // retroactive matching; `fallback` when the policy does not say.
  virtual absl::Duration UnmatchedRetention(policy::v1::NotificationKind kind, absl::Duration fallback) const = 0;
  // How long a routed notification of this kind and its alerts are kept
  // (Retention.delivered_days); nullopt when the policy does not say: kept
  // indefinitely.
  virtual std::optional<absl::Duration> DeliveredRetention(policy::v1::NotificationKind kind) const = 0;
  // How far back a newly allocated offender manager receives history.
  virtual absl::Duration AllocationHistory() const = 0;
};

// The kind of a notification (UNSPECIFIED when no event is set).
policy::v1::NotificationKind KindOf(const api::Notification& notification);

}  // namespace liaison::policy

#endif  // LIAISON_POLICY_POLICY_H_
