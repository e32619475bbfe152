#ifndef LIAISON_POLICY_BACKBONE_POLICY_H_
#define LIAISON_POLICY_BACKBONE_POLICY_H_

#include "policy/policy.h"

namespace liaison::policy {

// The placeholder policy of the backbone, until the policy engine replaces
// it (docs/policy.md):
//  - only LINKED notifications are shared;
//  - recipients: the responsible offender manager and, when different, the
//    co-worker; no offender manager allocated means nothing is shared;
//  - legal basis: Offender Management Act 2007 s.14 (disclosure for offender
//    management purposes);
//  - priority: IMMEDIATE for arrests and for callouts with children present,
//    SAME_DAY for other callouts, referrals and mail flags;
//  - children's identifying details (name, identifiers, date of birth,
//    addresses) are withheld from every recipient; the role and age remain;
//    so is the correspondent of a mail flag about contact with a child.
class BackbonePolicy : public Policy {
 public:
  static constexpr char kPolicyId[] = "backbone-placeholder@1";
  static constexpr char kLegalBasis[] = "Offender Management Act 2007 s.14";

  absl::StatusOr<Decision> Decide(const PolicyInput& input) const override;
};

// The notification with children's identifying details removed (related
// people in the CHILD role, and a mail flag's correspondent when the concern
// is contact with a child); appends the withheld paths to `withheld`.
v1::Notification WithoutChildDetails(const v1::Notification& notification,
                                     std::vector<std::string>* withheld);

}  // namespace liaison::policy

#endif  // LIAISON_POLICY_BACKBONE_POLICY_H_
