#ifndef LIAISON_BROKER_SERVER_POLICY_EXPLANATION_H_
#define LIAISON_BROKER_SERVER_POLICY_EXPLANATION_H_

// policy::Explanation -> the API's PolicyExplanation (Policy.Explain).

#include <string>
#include <vector>

#include "liaison/v1/notification.pb.h"
#include "liaison/v1/policy_service.pb.h"
#include "policy/policy.h"

namespace liaison::server {

// The explanation as the API returns it: the decision, each delivery's
// recipient, role, basis, priority, deadline, escalation and the paths it
// would see and not see, and every rule's trace. The recipients' views are
// never copied: only paths, so nothing of the notification goes back to the
// caller but its field names.
v1::PolicyExplanation ToExplanationProto(const policy::Explanation& explanation);

// The paths of what `view` carries beyond the always-visible envelope, in
// the form withheld paths take: a set field of the notification
// ("originator_contact"), a set field one level down ("subject.name",
// "police_callout.summary"), or a related person's details
// ("related_people[1].person"). In field order.
std::vector<std::string> VisiblePaths(const v1::Notification& view);

}  // namespace liaison::server

#endif  // LIAISON_BROKER_SERVER_POLICY_EXPLANATION_H_
