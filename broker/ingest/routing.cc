#include "broker/ingest/routing.h"

#include "absl/strings/str_cat.h"
#include "broker/common/log.h"
#include "broker/common/proto_time.h"
#include "broker/ingest/ingest_records.h"
#include "broker/storage/keys.h"

namespace liaison::ingest {

using storage::Table;

int AddRouting(const policy::Policy& policy, const v1::Notification& n, const v1::MatchResult& match,
               const v1::OffenderRecord* offender, absl::Time now, store::v1::StoredNotification* stored,
               commit::Mutation* mutation) {
  policy::PolicyInput input{&n, &match, offender, now};
  absl::StatusOr<policy::Decision> decision = policy.Decide(input);
  std::string problem;
  if (!decision.ok()) {
    // Fail closed: share nothing, and say why in the audit trail.
    problem = absl::StrCat("policy error: ", decision.status().message());
    Log(LogLevel::kError, "policy_error", {{"notification_id", n.notification_id()}});
    decision = policy::Decision{};
  }
  std::vector<v1::Alert> alerts;
  for (const policy::Delivery& delivery : decision->deliveries) {
    alerts.push_back(MakeAlert(n, match, *decision, delivery, now));
    stored->add_alert_ids(alerts.back().alert_id());
  }
  for (v1::AuditEntry& entry : RoutingEntries(n, match, *decision, alerts, problem)) {
    mutation->audit.push_back(std::move(entry));
  }
  const int count = static_cast<int>(alerts.size());
  for (v1::Alert& alert : alerts) mutation->new_alerts.push_back(std::move(alert));
  return count;
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
