#ifndef LIAISON_POLICY_POLICY_H_
#define LIAISON_POLICY_POLICY_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "liaison/v1/alert.pb.h"
#include "liaison/v1/notification.pb.h"
#include "liaison/v1/offender.pb.h"

namespace liaison::policy {

// What the policy is asked about: an accepted notification and who it was
// matched to.
struct PolicyInput {
  const v1::Notification* notification = nullptr;
  const v1::MatchResult* match = nullptr;
  // The linked offender's record; null unless match->decision is LINKED.
  const v1::OffenderRecord* offender = nullptr;
  absl::Time now;
};

// One recipient's share: who, in what role, and what they may see.
struct Delivery {
  std::string recipient_id;
  v1::RecipientRole role = v1::RECIPIENT_ROLE_UNSPECIFIED;
  // The notification as this recipient may see it.
  v1::Notification view;
  // Paths of what was removed from the view, e.g. "related_people[1].person".
  std::vector<std::string> withheld;
};

struct Decision {
  // "<policy id>@<version>".
  std::string policy;
  std::vector<std::string> rule_ids;
  // Required whenever deliveries is non-empty.
  std::string legal_basis;
  v1::Priority priority = v1::PRIORITY_ROUTINE;
  // Empty: nothing is shared (unmatched, or no rule permits it).
  std::vector<Delivery> deliveries;
  // Why nothing is shared, when deliveries is empty; no personal data.
  std::string reason;
};

// Decides who is told what about a notification, and on which legal basis.
// Implementations are immutable after construction and thread-safe.
class Policy {
 public:
  virtual ~Policy() = default;
  // An error means the policy could not decide; callers fail closed (share
  // nothing) and audit the error.
  virtual absl::StatusOr<Decision> Decide(const PolicyInput& input) const = 0;
};

}  // namespace liaison::policy

#endif  // LIAISON_POLICY_POLICY_H_
