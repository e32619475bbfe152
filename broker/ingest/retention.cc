#include "broker/ingest/retention.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "broker/common/log.h"
#include "broker/common/proto_time.h"
#include "broker/common/proto_util.h"
#include "broker/common/status_macros.h"
#include "broker/ingest/ingest_records.h"
#include "broker/ingest/routing.h"
#include "broker/storage/keys.h"
#include "liaison/store/v1/records.pb.h"
#include "liaison/v1/review_service.pb.h"

namespace liaison::ingest {
namespace {

using storage::Table;

// Retention is in whole days: nothing received within the last day can be
// due, so a round scans only what is older.
constexpr absl::Duration kShortestRetention = absl::Hours(24);
// Notifications examined per round; the rest wait for the next.
constexpr size_t kMaxPerRound = 5000;

struct Expiry {
  std::string period;
  absl::Duration retention;
};

bool Routed(const store::v1::StoredNotification& stored) {
  return stored.alert_ids_size() > 0 || stored.match().decision() == v1::MATCH_DECISION_LINKED;
}

// Which retention applies; nullopt: kept indefinitely.
std::optional<Expiry> RetentionOf(const store::v1::StoredNotification& stored, const policy::Policy& policy,
                                  absl::Duration fallback) {
  const policy::v1::NotificationKind kind = policy::KindOf(stored.notification());
  if (Routed(stored)) {
    std::optional<absl::Duration> delivered = policy.DeliveredRetention(kind);
    if (!delivered.has_value()) return std::nullopt;
    return Expiry{"delivered_days", *delivered};
  }
  const absl::Duration unmatched = policy.UnmatchedRetention(kind, absl::ZeroDuration());
  if (unmatched > absl::ZeroDuration()) return Expiry{"unmatched_days", unmatched};
  return Expiry{"default_unmatched_days", fallback};
}

// Every alert about each notification in `ids` (delivered, escalated,
// shared as history), from one scan of the alerts.
absl::StatusOr<absl::flat_hash_map<std::string, std::vector<v1::Alert>>> AlertsOf(
    const storage::KvStore& store, const std::map<std::string, std::string>& ids) {
  absl::flat_hash_map<std::string, std::vector<v1::Alert>> alerts;
  absl::Status failed;
  RETURN_IF_ERROR(store.Scan(Table::kAlerts, "", "", false, [&](absl::string_view, absl::string_view value) {
    auto alert = ParseStored<v1::Alert>(value, "alert");
    if (!alert.ok()) {
      failed = alert.status();
      return false;
    }
    if (ids.contains(alert->notification_id())) alerts[alert->notification_id()].push_back(*std::move(alert));
    return true;
  }));
  RETURN_IF_ERROR(failed);
  return alerts;
}

// The notification's own records and indexes.
absl::Status AddNotificationDeletes(const storage::KvStore& store, const store::v1::StoredNotification& stored,
                                    const std::string& received_key, commit::Mutation* mutation) {
  const v1::Notification& n = stored.notification();
  const std::string& id = n.notification_id();
  auto remove = [mutation](Table table, std::string key) { mutation->writes.push_back({table, std::move(key), std::nullopt}); };
  remove(Table::kNotifications, id);
  remove(Table::kReceived, received_key);
  const std::string idempotency_key = storage::IdempotencyKey(n.source().principal(), n.source_ref());
  ASSIGN_OR_RETURN(std::optional<std::string> idempotency, store.Get(Table::kIdempotency, idempotency_key));
  if (idempotency.has_value()) {
    ASSIGN_OR_RETURN(auto record, ParseStored<store::v1::IdempotencyRecord>(*idempotency, "idempotency"));
    if (record.notification_id() == id) remove(Table::kIdempotency, idempotency_key);
  }
  remove(Table::kUnmatched, UnmatchedKey(n));
  for (const std::string& key : stored.retention_keys()) remove(Table::kUnmatchedKeys, storage::JoinKey({key, id}));
  if (!stored.match().crn().empty()) remove(Table::kPersonNotifications, PersonNotificationKey(stored.match().crn(), n));
  for (const store::v1::RelatedLinkRecord& link : stored.related_links()) {
    if (!link.match().crn().empty()) remove(Table::kPersonNotifications, PersonNotificationKey(link.match().crn(), n));
  }
  ASSIGN_OR_RETURN(std::optional<std::string> review, store.Get(Table::kReviews, id));
  if (review.has_value()) {
    ASSIGN_OR_RETURN(auto item, ParseStored<v1::ReviewItem>(*review, "review"));
    remove(Table::kReviews, id);
    remove(Table::kReviewQueue,
           absl::StrCat(storage::EncodeU64(ToUnixMicrosClamped(FromProtoTime(item.opened_at()))), id));
  }
  return absl::OkStatus();
}

v1::AuditEntry DeletedEntry(const v1::Notification& n, const Expiry& expiry, const std::vector<v1::Alert>& alerts) {
  v1::AuditEntry entry;
  entry.set_action(v1::AUDIT_ACTION_RETENTION_DELETED);
  entry.set_actor(kBrokerActor);
  entry.set_notification_id(n.notification_id());
  entry.set_source(n.source().principal());
  entry.set_source_ref(n.source_ref());
  v1::AuditRetention* detail = entry.mutable_retention();
  detail->set_period(expiry.period);
  detail->set_days(static_cast<uint32_t>(expiry.retention / absl::Hours(24)));
  for (const v1::Alert& alert : alerts) {
    v1::AuditDeletedAlert* deleted = detail->add_alerts();
    deleted->set_alert_id(alert.alert_id());
    deleted->set_recipient_id(alert.recipient_id());
    deleted->set_inbox_sequence(alert.sequence());
  }
  return entry;
}

}  // namespace

RetentionJob::RetentionJob(Deps deps, Options options)
    : deps_(deps), options_(options), worker_(deps.clock, [this] { return Round(); }) {}

absl::Time RetentionJob::Round() {
  absl::StatusOr<Report> report = RunOnce();
  if (!report.ok()) {
    Log(LogLevel::kError, "retention_failed", {{"code", absl::StatusCodeToString(report.status().code())}});
  } else if (report->notifications_deleted > 0 || report->kept_unacknowledged > 0) {
    Log(LogLevel::kInfo, "retention_deleted",
        {{"notifications", report->notifications_deleted}, {"alerts", report->alerts_deleted},
         {"kept_unacknowledged", report->kept_unacknowledged}});
  }
  return deps_.clock->Now() + options_.every;
}

absl::StatusOr<RetentionJob::Report> RetentionJob::RunOnce() {
  absl::MutexLock run(&run_mu_);
  const absl::Time now = deps_.clock->Now();
  Report report;
  // Received key -> notification id, oldest first.
  std::map<std::string, std::string> candidates;
  const std::string end = storage::EncodeU64(static_cast<uint64_t>(ToUnixMicrosClamped(now - kShortestRetention)));
  RETURN_IF_ERROR(deps_.store->Scan(Table::kReceived, "", end, false, [&](absl::string_view key, absl::string_view) {
    if (key.size() > 8) candidates.emplace(std::string(key), std::string(key.substr(8)));
    return candidates.size() < kMaxPerRound;
  }));
  std::map<std::string, std::string> due;  // notification id -> received key
  for (const auto& [key, id] : candidates) {
    ++report.examined;
    ASSIGN_OR_RETURN(std::optional<std::string> bytes, deps_.store->Get(Table::kNotifications, id));
    if (!bytes.has_value()) continue;
    ASSIGN_OR_RETURN(auto stored, ParseStored<store::v1::StoredNotification>(*bytes, "notification"));
    std::optional<Expiry> expiry = RetentionOf(stored, *deps_.policy, options_.unmatched_fallback);
    if (expiry.has_value() && FromProtoTime(stored.notification().received_at()) + expiry->retention <= now) {
      due.emplace(id, key);
    }
  }
  if (due.empty()) return report;
  ASSIGN_OR_RETURN(auto alerts, AlertsOf(*deps_.store, due));
  for (const auto& [id, received_key] : due) {
    KeyLocks::Guard guard = deps_.notification_locks->Lock({id});
    ASSIGN_OR_RETURN(std::optional<std::string> bytes, deps_.store->Get(Table::kNotifications, id));
    if (!bytes.has_value()) continue;
    ASSIGN_OR_RETURN(auto stored, ParseStored<store::v1::StoredNotification>(*bytes, "notification"));
    std::optional<Expiry> expiry = RetentionOf(stored, *deps_.policy, options_.unmatched_fallback);
    if (!expiry.has_value()) continue;  // linked meanwhile, under a policy that keeps it
    const std::vector<v1::Alert>& its_alerts = alerts[id];
    bool unacknowledged = false;
    for (const v1::Alert& alert : its_alerts) unacknowledged |= alert.state() == v1::ALERT_STATE_PENDING;
    if (unacknowledged) {
      ++report.kept_unacknowledged;
      continue;
    }
    commit::Mutation mutation;
    RETURN_IF_ERROR(AddNotificationDeletes(*deps_.store, stored, received_key, &mutation));
    for (const v1::Alert& alert : its_alerts) {
      const std::string inbox_key = storage::InboxKey(alert.recipient_id(), alert.sequence());
      mutation.writes.push_back({Table::kAlerts, alert.alert_id(), std::nullopt});
      mutation.writes.push_back({Table::kInbox, inbox_key, std::nullopt});
      mutation.writes.push_back({Table::kPending, inbox_key, std::nullopt});
    }
    mutation.audit.push_back(DeletedEntry(stored.notification(), *expiry, its_alerts));
    RETURN_IF_ERROR(deps_.committer->Commit(std::move(mutation)).status());
    ++report.notifications_deleted;
    report.alerts_deleted += its_alerts.size();
  }
  if (report.notifications_deleted > 0) {
    for (Table table : {Table::kNotifications, Table::kAlerts, Table::kReceived, Table::kInbox, Table::kIdempotency,
                        Table::kPersonNotifications, Table::kUnmatched, Table::kUnmatchedKeys}) {
      RETURN_IF_ERROR(deps_.store->Compact(table, /*cancelled=*/nullptr));
    }
  }
  return report;
}

}  // namespace liaison::ingest
