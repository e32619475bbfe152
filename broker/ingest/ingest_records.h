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
#include "policy/policy.h"

namespace liaison::ingest {

// The actor recorded for the broker's own decisions.
inline constexpr char kBrokerActor[] = "broker";

// A new pending alert for one delivery of the decision.
v1::Alert MakeAlert(const v1::Notification& notification, const v1::MatchResult& match,
                    const policy::Decision& decision, const policy::Delivery& delivery, absl::Time now);

v1::AuditEntry AcceptedEntry(const v1::Notification& notification);
v1::AuditEntry MatchEntry(const v1::Notification& notification, const v1::MatchResult& match);
v1::AuditEntry UnmatchedEntry(const v1::Notification& notification, const v1::MatchResult& match);

// One ROUTING_DECIDED entry per alert (indexed by its recipient), or a
// single entry with no recipient and `problem` when nothing is shared.
// REQUIRES: alerts are parallel to decision.deliveries.
std::vector<v1::AuditEntry> RoutingEntries(const v1::Notification& notification, const v1::MatchResult& match,
                                           const policy::Decision& decision,
                                           const std::vector<v1::Alert>& alerts, absl::string_view problem);

}  // namespace liaison::ingest

#endif  // LIAISON_BROKER_INGEST_INGEST_RECORDS_H_
