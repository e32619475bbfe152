#ifndef LIAISON_BROKER_CTL_RENDER_POLICY_H_
#define LIAISON_BROKER_CTL_RENDER_POLICY_H_

// The readable text of a policy explanation (liaisonctl policy explain).

#include <string>

#include "liaison/v1/policy_service.pb.h"

namespace liaison::ctl {

// A block with the version, the rules that fired, the legal basis, the
// priority and (when set) the reason; then "rules:" with one line per rule,
// "  <id> (permit|forbid): fired[ (<conditions that held>)]" or
// "  <id> (...): did not fire: <first condition that failed>"; then one
// block per recipient (recipient and role, person, priority, legal basis,
// rules, deadline, escalation, visible and withheld paths, summary only),
// or "recipients: none". Blocks are separated by blank lines.
std::string RenderExplanation(const v1::PolicyExplanation& explanation);

}  // namespace liaison::ctl

#endif  // LIAISON_BROKER_CTL_RENDER_POLICY_H_
