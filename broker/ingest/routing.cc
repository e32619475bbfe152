#include "broker/ingest/routing.h"

#include <set>

#include "absl/strings/str_cat.h"
#include "broker/common/log.h"
#include "broker/common/proto_time.h"
#include "broker/ingest/ingest_records.h"
#include "broker/storage/keys.h"

namespace liaison::ingest {

using storage::Table;

int AddRouting(const policy::Policy& policy, const v1::Notification& n, const v1::MatchResult& match,
               const v1::OffenderRecord* offender, const std::vector<policy::RelatedLink>& related, absl::Time now,
               store::v1::StoredNotification* stored, commit::Mutation* mutation) {
  policy::PolicyInput input{&n, &match, offender, now, related};
  absl::StatusOr<policy::Decision> decision = policy.Decide(input);
  std::string problem;
  if (!decision.ok()) {
    // Fail closed: share nothing, and say why in the audit trail.
    problem = absl::StrCat("policy error: ", decision.status().message());
    Log(LogLevel::kError, "policy_error", {{"notification_id", n.notification_id()}});
    policy::Decision failed;
    failed.policy = policy.version();
    decision = std::move(failed);
  }
  std::vector<v1::Alert> alerts;
  for (const policy::Delivery& delivery : decision->deliveries) {
    alerts.push_back(MakeAlert(n, *decision, delivery, now));
    stored->add_alert_ids(alerts.back().alert_id());
    if (delivery.ack_deadline > absl::ZeroDuration() && !delivery.escalation.empty()) {
      AddEscalationTimer(alerts.back(), delivery.escalation, delivery.ack_deadline, now, mutation);
    }
  }
  // The people the shares are about, for the history a newly allocated
  // offender manager receives (story 7).
  std::set<std::string> crns;
  if (match.decision() == v1::MATCH_DECISION_LINKED && !match.crn().empty()) crns.insert(match.crn());
  for (const policy::RelatedLink& link : related) crns.insert(link.offender.crn());
  for (const std::string& crn : crns) {
    mutation->writes.push_back({Table::kPersonNotifications, PersonNotificationKey(crn, n), ""});
  }
  for (v1::AuditEntry& entry : RoutingEntries(n, match, *decision, alerts, problem)) {
    mutation->audit.push_back(std::move(entry));
  }
  const int count = static_cast<int>(alerts.size());
  for (v1::Alert& alert : alerts) mutation->new_alerts.push_back(std::move(alert));
  return count;
}

std::string PersonNotificationKey(const std::string& crn, const v1::Notification& n) {
  return storage::JoinKey({crn, absl::StrCat(storage::EncodeU64(ToUnixMicrosClamped(FromProtoTime(n.received_at()))),
                                             n.notification_id())});
}

std::string EscalationKey(absl::Time due, const std::string& alert_id) {
  return absl::StrCat(storage::EncodeU64(ToUnixMicrosClamped(due)), alert_id);
}

void AddEscalationTimer(const v1::Alert& alert, const std::vector<policy::EscalationTarget>& chain,
                        absl::Duration deadline, absl::Time now, commit::Mutation* mutation) {
  store::v1::EscalationTimer timer;
  timer.set_alert_id(alert.alert_id());
  timer.add_chain_alert_ids(alert.alert_id());
  timer.set_step(0);
  for (const policy::EscalationTarget& t : chain) {
    store::v1::EscalationTarget* target = timer.add_targets();
    target->set_recipient_id(t.recipient_id);
    target->set_role(t.role);
  }
  timer.set_deadline_micros(absl::ToInt64Microseconds(deadline));
  mutation->writes.push_back({Table::kEscalations, EscalationKey(now + deadline, alert.alert_id()),
                              timer.SerializeAsString()});
}

std::string UnmatchedKey(const v1::Notification& n) {
  const absl::Time received = FromProtoTime(n.received_at());
  return absl::StrCat(storage::EncodeU64(ToUnixMicrosClamped(received)), n.notification_id());
}

void AddRetained(const v1::Notification& n, const matching::MatchOutcome& outcome,
                 store::v1::StoredNotification* stored, commit::Mutation* mutation) {
  mutation->audit.push_back(UnmatchedEntry(n, outcome.result));
  mutation->writes.push_back({Table::kUnmatched, UnmatchedKey(n), ""});
  stored->clear_retention_keys();
  for (const std::string& key : outcome.retention_keys) {
    mutation->writes.push_back({Table::kUnmatchedKeys, storage::JoinKey({key, n.notification_id()}), ""});
    stored->add_retention_keys(key);
  }
}

void RemoveRetained(store::v1::StoredNotification* stored, commit::Mutation* mutation) {
  const v1::Notification& n = stored->notification();
  mutation->writes.push_back({Table::kUnmatched, UnmatchedKey(n), std::nullopt});
  for (const std::string& key : stored->retention_keys()) {
    mutation->writes.push_back(
        {Table::kUnmatchedKeys, storage::JoinKey({key, n.notification_id()}), std::nullopt});
  }
  stored->clear_retention_keys();
}

bool NeedsReview(v1::MatchDecision decision) {
  return decision == v1::MATCH_DECISION_REVIEW || decision == v1::MATCH_DECISION_SUSPICIOUS ||
         decision == v1::MATCH_DECISION_CONFLICT;
}

void AddReviewOpened(const v1::Notification& n, const matching::MatchOutcome& outcome,
                     const std::string& model_version, absl::Time now, commit::Mutation* mutation) {
  v1::ReviewItem item;
  item.set_notification_id(n.notification_id());
  item.set_decision(outcome.result.decision());
  item.set_reason(outcome.result.reason());
  for (const v1::ReviewCandidate& c : outcome.candidates) *item.add_candidates() = c;
  item.set_model_version(model_version);
  *item.mutable_opened_at() = ToProtoTime(now);
  item.set_state(v1::REVIEW_STATE_OPEN);
  mutation->writes.push_back({Table::kReviews, n.notification_id(), item.SerializeAsString()});
  mutation->writes.push_back(
      {Table::kReviewQueue, absl::StrCat(storage::EncodeU64(ToUnixMicrosClamped(now)), n.notification_id()), ""});
  mutation->audit.push_back(ReviewOpenedEntry(n, outcome.result));
}

}  // namespace liaison::ingest
