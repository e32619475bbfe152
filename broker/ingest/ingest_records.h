#ifndef LIAISON_BROKER_INGEST_INGEST_RECORDS_H_
#define LIAISON_BROKER_INGEST_INGEST_RECORDS_H_

// The alerts and audit entries an accepted notification produces. Audit
// entries carry ids and decisions only, never notification content.

#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "liaison/v1/alert.pb.h"
#include "liaison/v1/audit.pb.h"
#include "liaison/v1/notification.pb.h"
#include "liaison/v1/review_service.pb.h"
#include "policy/policy.h"

namespace liaison::ingest {

// The actor recorded for the broker's own decisions.
inline constexpr char kBrokerActor[] = "broker";

// A new pending alert for one delivery of the decision (its recipient, the
// person it is about, the view, rules, legal basis, priority and deadline).
v1::Alert MakeAlert(const v1::Notification& notification, const policy::Decision& decision,
                    const policy::Delivery& delivery, absl::Time now);

v1::AuditEntry AcceptedEntry(const v1::Notification& notification);
v1::AuditEntry MatchEntry(const v1::Notification& notification, const v1::MatchResult& match);
v1::AuditEntry UnmatchedEntry(const v1::Notification& notification, const v1::MatchResult& match);
// REVIEW_OPENED: the match needs a person (decision, reason, weight).
v1::AuditEntry ReviewOpenedEntry(const v1::Notification& notification, const v1::MatchResult& match);
// REVIEW_RESOLVED by `actor`: the outcome as a match (LINKED with the CRN, or
// NO_MATCH), the CRNs offered and the reviewer's note.
v1::AuditEntry ReviewResolvedEntry(const v1::Notification& notification, const v1::MatchResult& match,
                                   absl::string_view actor, const v1::ReviewItem& item);
// REMATCHED: a retained notification matched again after `trigger_crn`'s
// record changed.
v1::AuditEntry RematchedEntry(const v1::Notification& notification, const v1::MatchResult& match,
                              absl::string_view trigger_crn);

// One ROUTING_DECIDED entry per alert (indexed by its recipient and the
// person it is about, with the rules, legal basis and priority of that
// share), or a single entry with no recipient and `problem` when nothing is
// shared. Every entry names the policy version that decided.
// REQUIRES: alerts are parallel to decision.deliveries.
std::vector<v1::AuditEntry> RoutingEntries(const v1::Notification& notification, const v1::MatchResult& match,
                                           const policy::Decision& decision,
                                           const std::vector<v1::Alert>& alerts, absl::string_view problem);

}  // namespace liaison::ingest

#endif  // LIAISON_BROKER_INGEST_INGEST_RECORDS_H_
