#ifndef LIAISON_POLICY_TESTING_H_
#define LIAISON_POLICY_TESTING_H_

// A small policy for tests of the broker's plumbing (not of the policy):
// every linked notification goes to the subject's offender manager and
// co-worker on the Offender Management Act 2007 s.14; arrests and callouts
// with children present are immediate, the rest same day; children's
// details (and a mail flag's correspondent when the concern is a child)
// are withheld. Needs no directory.

#include <memory>

#include "policy/rule_policy.h"

namespace liaison::policy {

inline constexpr char kTestPolicyLegalBasis[] = "Offender Management Act 2007 s.14";

std::shared_ptr<const RulePolicy> OffenderManagerTestPolicy();

}  // namespace liaison::policy

#endif  // LIAISON_POLICY_TESTING_H_
