#include "tests/support/consistency.h"

#include <map>

#include "absl/strings/str_cat.h"
#include "broker/audit/audit_log.h"
#include "broker/common/proto_time.h"
#include "broker/common/proto_util.h"
#include "broker/common/status_macros.h"
#include "broker/storage/keys.h"
#include "liaison/store/v1/records.pb.h"

namespace liaison::testing {
namespace {

using storage::Table;

absl::Status Broken(absl::string_view what, absl::string_view id) {
  return absl::FailedPreconditionError(absl::StrCat(what, " (", id, ")"));
}

// What the retention job recorded deleting (RETENTION_DELETED entries):
// those alerts are gone, leaving gaps in their inboxes.
struct Deleted {
  std::set<std::string> alert_ids;
  std::set<std::pair<std::string, uint64_t>> inbox_slots;
};

// Audit actions recorded per notification id.
absl::StatusOr<std::map<std::string, std::set<int>>> AuditActions(const storage::KvStore& store, Deleted* deleted) {
  std::map<std::string, std::set<int>> actions;
  absl::Status status;
  RETURN_IF_ERROR(store.Scan(Table::kAudit, "", "", false, [&](absl::string_view, absl::string_view value) {
    auto entry = audit::DecodeAuditRecord(value);
    if (!entry.ok()) {
      status = entry.status();
      return false;
    }
    if (!entry->notification_id().empty()) actions[entry->notification_id()].insert(entry->action());
    for (const v1::AuditDeletedAlert& alert : entry->retention().alerts()) {
      deleted->alert_ids.insert(alert.alert_id());
      deleted->inbox_slots.emplace(alert.recipient_id(), alert.inbox_sequence());
    }
    return true;
  }));
  RETURN_IF_ERROR(status);
  return actions;
}

absl::Status CheckAlert(const storage::KvStore& store, const v1::Alert& alert, const Deleted& deleted,
                        StoreCensus* census) {
  if (alert.has_digest()) {
    // A digest (story 7) lists history alerts instead of one notification.
    for (const std::string& item : alert.digest().alert_ids()) {
      ASSIGN_OR_RETURN(auto listed, store.Get(Table::kAlerts, item));
      if (!listed.has_value() && !deleted.alert_ids.contains(item)) {
        return Broken("digest lists a missing alert", alert.alert_id());
      }
    }
  } else {
    ASSIGN_OR_RETURN(auto notification, store.Get(Table::kNotifications, alert.notification_id()));
    if (!notification.has_value()) return Broken("alert without its notification", alert.alert_id());
  }
  const std::string key = storage::InboxKey(alert.recipient_id(), alert.sequence());
  ASSIGN_OR_RETURN(auto inbox, store.Get(Table::kInbox, key));
  if (inbox != alert.alert_id()) return Broken("alert without its inbox entry", alert.alert_id());
  ASSIGN_OR_RETURN(auto pending, store.Get(Table::kPending, key));
  if (pending.has_value() != (alert.state() == v1::ALERT_STATE_PENDING)) {
    return Broken("pending index disagrees with the alert's state", alert.alert_id());
  }
  if (pending.has_value()) {
    ASSIGN_OR_RETURN(auto record, ParseStored<store::v1::PendingRecord>(*pending, "pending"));
    if (record.alert_id() != alert.alert_id()) return Broken("pending index names another alert", alert.alert_id());
  }
  ++census->alerts;
  return absl::OkStatus();
}

absl::Status CheckInboxSequences(const storage::KvStore& store, const Deleted& deleted) {
  std::string recipient;
  uint64_t expected = 0;
  absl::Status status;
  RETURN_IF_ERROR(store.Scan(Table::kInbox, "", "", false, [&](absl::string_view key, absl::string_view) {
    const std::string this_recipient(key.substr(0, key.size() - 9));
    if (this_recipient != recipient) {
      recipient = this_recipient;
      expected = 1;
    }
    while (deleted.inbox_slots.contains({recipient, expected})) ++expected;
    if (storage::InboxKeySequence(key) != expected++) {
      status = Broken("gap in an inbox's sequence numbers", recipient);
      return false;
    }
    return true;
  }));
  return status;
}

}  // namespace

absl::StatusOr<StoreCensus> CheckConsistency(const storage::KvStore& store) {
  StoreCensus census;
  Deleted deleted;
  ASSIGN_OR_RETURN(auto actions, AuditActions(store, &deleted));
  std::vector<store::v1::StoredNotification> notifications;
  absl::Status status;
  RETURN_IF_ERROR(store.Scan(Table::kNotifications, "", "", false, [&](absl::string_view, absl::string_view value) {
    auto stored = ParseStored<store::v1::StoredNotification>(value, "notification");
    if (!stored.ok()) {
      status = stored.status();
      return false;
    }
    notifications.push_back(*std::move(stored));
    return true;
  }));
  RETURN_IF_ERROR(status);
  auto seen_deleted = [&actions](const std::string& id) {
    auto it = actions.find(id);
    return it != actions.end() && it->second.contains(v1::AUDIT_ACTION_RETENTION_DELETED);
  };
  for (const auto& stored : notifications) {
    const v1::Notification& n = stored.notification();
    census.notification_ids.insert(n.notification_id());
    ++census.notifications;
    ASSIGN_OR_RETURN(auto idempotency,
                     store.Get(Table::kIdempotency, storage::IdempotencyKey(n.source().principal(), n.source_ref())));
    if (!idempotency.has_value()) return Broken("notification without its idempotency record", n.notification_id());
    ASSIGN_OR_RETURN(auto received,
                     store.Get(Table::kReceived,
                               storage::ReceivedKey(
                                   static_cast<uint64_t>(ToUnixMicrosClamped(FromProtoTime(n.received_at()))),
                                   n.notification_id())));
    if (!received.has_value()) return Broken("notification without its received-time index entry", n.notification_id());
    if (seen_deleted(n.notification_id())) return Broken("a notification recorded as deleted is present", n.notification_id());
    const auto& seen = actions[n.notification_id()];
    if (!seen.contains(v1::AUDIT_ACTION_NOTIFICATION_ACCEPTED) || !seen.contains(v1::AUDIT_ACTION_MATCH_DECIDED)) {
      return Broken("notification without its audit entries", n.notification_id());
    }
    for (const std::string& alert_id : stored.alert_ids()) {
      ASSIGN_OR_RETURN(auto alert, store.Get(Table::kAlerts, alert_id));
      if (!alert.has_value()) return Broken("notification lists a missing alert", alert_id);
    }
  }
  RETURN_IF_ERROR(store.Scan(Table::kAlerts, "", "", false, [&](absl::string_view, absl::string_view value) {
    auto alert = ParseStored<v1::Alert>(value, "alert");
    status = alert.ok() ? CheckAlert(store, *alert, deleted, &census) : alert.status();
    return status.ok();
  }));
  RETURN_IF_ERROR(status);
  RETURN_IF_ERROR(CheckInboxSequences(store, deleted));
  ASSIGN_OR_RETURN(auto verification, audit::AuditLog(&store).Verify());
  if (!verification.ok) {
    return Broken(absl::StrCat("audit log: ", verification.problem), absl::StrCat(verification.first_bad_sequence));
  }
  census.audit_entries = verification.entries;
  return census;
}

}  // namespace liaison::testing
