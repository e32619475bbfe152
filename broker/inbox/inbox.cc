#include "broker/inbox/inbox.h"

#include <algorithm>
#include <utility>

#include "broker/common/proto_time.h"
#include "broker/common/proto_util.h"
#include "broker/common/status_macros.h"
#include "broker/storage/keys.h"
#include "broker/validation/field_checks.h"
#include "liaison/store/v1/records.pb.h"

namespace liaison::inbox {
namespace {

using storage::Table;

v1::AuditEntry AlertEntry(v1::AuditAction action, const std::string& actor, const v1::Alert& alert) {
  v1::AuditEntry entry;
  entry.set_action(action);
  entry.set_actor(actor);
  entry.set_notification_id(alert.notification_id());
  entry.set_crn(alert.crn());
  entry.set_recipient_id(alert.recipient_id());
  entry.set_alert_id(alert.alert_id());
  return entry;
}

absl::Status CheckAlertId(const std::string& alert_id) { return validation::CheckId("alert_id", alert_id); }

}  // namespace

absl::StatusOr<v1::Alert> Inbox::Load(const std::string& alert_id) const {
  ASSIGN_OR_RETURN(auto stored, deps_.store->Get(Table::kAlerts, alert_id));
  if (!stored.has_value()) return absl::NotFoundError("alert_id: no such alert");
  return ParseStored<v1::Alert>(*stored, "alert");
}

absl::StatusOr<Inbox::ListResult> Inbox::List(const std::string& recipient_id, uint64_t after_sequence,
                                              uint32_t page_size, bool include_acknowledged) const {
  RETURN_IF_ERROR(validation::CheckId("recipient_id", recipient_id));
  if (page_size > 1000) return validation::FieldError("page_size", "must be at most 1000");
  if (page_size == 0) page_size = 100;
  // Pending alerts have their own index, so listing them skips acknowledged ones.
  const Table table = include_acknowledged ? Table::kInbox : Table::kPending;
  const std::string prefix = storage::InboxPrefix(recipient_id);
  std::vector<std::string> ids;
  bool more = false;
  absl::Status status;
  RETURN_IF_ERROR(deps_.store->Scan(table, storage::InboxKey(recipient_id, after_sequence + 1),
                                    storage::PrefixEnd(prefix), false,
                                    [&](absl::string_view, absl::string_view value) {
                                      if (ids.size() == page_size) {
                                        more = true;
                                        return false;
                                      }
                                      if (table == Table::kInbox) {
                                        ids.emplace_back(value);
                                        return true;
                                      }
                                      auto pending = ParseStored<store::v1::PendingRecord>(value, "pending");
                                      if (!pending.ok()) status = pending.status();
                                      if (pending.ok()) ids.push_back(pending->alert_id());
                                      return pending.ok();
                                    }));
  RETURN_IF_ERROR(status);
  ListResult result;
  for (const std::string& id : ids) {
    ASSIGN_OR_RETURN(v1::Alert alert, Load(id));
    result.alerts.push_back(std::move(alert));
  }
  if (more) result.next_after_sequence = result.alerts.back().sequence();
  return result;
}

absl::StatusOr<v1::Alert> Inbox::Get(const std::string& alert_id, const RecipientFilter& may_see) const {
  RETURN_IF_ERROR(CheckAlertId(alert_id));
  ASSIGN_OR_RETURN(v1::Alert alert, Load(alert_id));
  if (!may_see(alert.recipient_id())) return absl::NotFoundError("alert_id: no such alert");
  return alert;
}

absl::StatusOr<Inbox::AckResult> Inbox::Acknowledge(const std::string& alert_id, const std::string& actor,
                                                     const RecipientFilter& may_see) {
  RETURN_IF_ERROR(CheckAlertId(alert_id));
  KeyLocks::Guard guard = alert_locks_.Lock({alert_id});
  ASSIGN_OR_RETURN(v1::Alert alert, Load(alert_id));
  if (!may_see(alert.recipient_id())) return absl::NotFoundError("alert_id: no such alert");
  if (alert.state() == v1::ALERT_STATE_ACKNOWLEDGED) {
    return AckResult{true, FromProtoTime(alert.acknowledged_at())};
  }
  const absl::Time now = deps_.clock->Now();
  alert.set_state(v1::ALERT_STATE_ACKNOWLEDGED);
  *alert.mutable_acknowledged_at() = ToProtoTime(now);
  alert.set_acknowledged_by(actor);
  commit::Mutation mutation;
  mutation.writes.push_back({Table::kAlerts, alert.alert_id(), alert.SerializeAsString()});
  mutation.writes.push_back(
      {Table::kPending, storage::InboxKey(alert.recipient_id(), alert.sequence()), std::nullopt});
  mutation.audit.push_back(AlertEntry(v1::AUDIT_ACTION_ALERT_ACKNOWLEDGED, actor, alert));
  RETURN_IF_ERROR(deps_.committer->Commit(std::move(mutation)).status());
  if (deps_.metrics != nullptr) deps_.metrics->AlertAcknowledged(now - FromProtoTime(alert.created_at()));
  deps_.hub->Notify(alert.recipient_id());  // frees a place in the subscriber's window
  return AckResult{false, now};
}

absl::StatusOr<std::unique_ptr<Subscription>> Inbox::Subscribe(const std::string& recipient_id,
                                                               uint64_t after_sequence, uint32_t max_in_flight) {
  RETURN_IF_ERROR(validation::CheckId("recipient_id", recipient_id));
  if (max_in_flight > options_.max_in_flight_limit) {
    return validation::FieldError("max_in_flight", "is above the broker's limit");
  }
  if (max_in_flight == 0) max_in_flight = options_.default_max_in_flight;
  return std::make_unique<Subscription>(this, recipient_id, after_sequence, max_in_flight);
}

absl::StatusOr<Inbox::PendingScan> Inbox::ScanPending(const std::string& recipient_id, uint64_t cursor,
                                                      absl::Time now) const {
  PendingScan scan;
  absl::Status status;
  RETURN_IF_ERROR(deps_.store->Scan(Table::kPending, storage::InboxPrefix(recipient_id),
                                    storage::InboxKey(recipient_id, cursor + 1), false,
                                    [&](absl::string_view, absl::string_view value) {
                                      auto pending = ParseStored<store::v1::PendingRecord>(value, "pending");
                                      if (!pending.ok()) {
                                        status = pending.status();
                                        return false;
                                      }
                                      ++scan.in_flight;
                                      const absl::Time due =
                                          absl::FromUnixMicros(pending->since_micros()) + options_.ack_deadline;
                                      if (due <= now && !scan.overdue.has_value()) scan.overdue = pending->alert_id();
                                      scan.next_due = std::min(scan.next_due, due);
                                      return true;
                                    }));
  RETURN_IF_ERROR(status);
  return scan;
}

absl::StatusOr<std::vector<std::pair<uint64_t, std::string>>> Inbox::NextAfter(const std::string& recipient_id,
                                                                               uint64_t cursor, size_t limit) const {
  std::vector<std::pair<uint64_t, std::string>> next;
  if (limit == 0) return next;
  const std::string prefix = storage::InboxPrefix(recipient_id);
  RETURN_IF_ERROR(deps_.store->Scan(Table::kInbox, storage::InboxKey(recipient_id, cursor + 1),
                                    storage::PrefixEnd(prefix), false,
                                    [&](absl::string_view key, absl::string_view alert_id) {
                                      next.emplace_back(storage::InboxKeySequence(key).value_or(0), alert_id);
                                      return next.size() < limit;
                                    }));
  return next;
}

absl::StatusOr<std::vector<v1::Alert>> Inbox::RecordDeliveries(const std::string& recipient_id,
                                                               const std::vector<std::string>& alert_ids) {
  KeyLocks::Guard guard = alert_locks_.Lock(alert_ids);
  const absl::Time now = deps_.clock->Now();
  std::vector<v1::Alert> alerts;
  alerts.reserve(alert_ids.size());
  commit::Mutation mutation;
  // Losing a delivery record in a crash only means a redelivery counts one
  // attempt fewer; it need not wait for a sync of its own.
  mutation.durable = false;
  for (const std::string& alert_id : alert_ids) {
    absl::StatusOr<v1::Alert> loaded = Load(alert_id);
    if (absl::IsNotFound(loaded.status())) continue;  // deleted by retention since it was listed
    RETURN_IF_ERROR(loaded.status());
    v1::Alert& alert = alerts.emplace_back(*std::move(loaded));
    if (alert.recipient_id() != recipient_id) {
      return absl::InternalError("inbox: an alert filed under another recipient's inbox");
    }
    if (alert.state() == v1::ALERT_STATE_ACKNOWLEDGED) continue;
    alert.set_delivery_attempt(alert.delivery_attempt() + 1);
    *alert.mutable_last_delivered_at() = ToProtoTime(now);
    store::v1::PendingRecord pending;
    pending.set_alert_id(alert.alert_id());
    pending.set_since_micros(ToUnixMicrosClamped(now));
    mutation.writes.push_back({Table::kAlerts, alert.alert_id(), alert.SerializeAsString()});
    mutation.writes.push_back(
        {Table::kPending, storage::InboxKey(alert.recipient_id(), alert.sequence()), pending.SerializeAsString()});
    v1::AuditEntry entry = AlertEntry(v1::AUDIT_ACTION_ALERT_DELIVERED, "broker", alert);
    entry.mutable_delivery()->set_attempt(alert.delivery_attempt());
    entry.mutable_delivery()->set_inbox_sequence(alert.sequence());
    mutation.audit.push_back(std::move(entry));
  }
  if (mutation.writes.empty()) return alerts;
  RETURN_IF_ERROR(deps_.committer->Commit(std::move(mutation)).status());
  if (deps_.metrics != nullptr) {
    for (const v1::Alert& alert : alerts) {
      if (alert.state() == v1::ALERT_STATE_ACKNOWLEDGED) continue;
      deps_.metrics->AlertDelivered(now - FromProtoTime(alert.created_at()), alert.delivery_attempt());
    }
  }
  return alerts;
}

absl::StatusOr<std::optional<v1::Alert>> Subscription::Next(const std::function<bool()>& cancelled,
                                                            absl::Duration poll) {
  InboxHub& hub = *inbox_->deps_.hub;
  while (ready_.empty() && !cancelled() && !hub.ShutDown()) {
    const uint64_t version = hub.Version(recipient_id_);
    const absl::Time now = inbox_->deps_.clock->Now();
    if (known_in_flight_ >= max_in_flight_ || known_next_due_ <= now) {
      ASSIGN_OR_RETURN(Inbox::PendingScan scan, inbox_->ScanPending(recipient_id_, cursor_, now));
      known_in_flight_ = scan.in_flight;
      known_next_due_ = scan.next_due;
      if (scan.overdue.has_value()) {
        ASSIGN_OR_RETURN(std::vector<v1::Alert> sent, inbox_->RecordDeliveries(recipient_id_, {*scan.overdue}));
        // Its deadline moved: scan again next time rather than track it.
        known_next_due_ = absl::InfinitePast();
        if (!sent.empty() && sent.front().state() != v1::ALERT_STATE_ACKNOWLEDGED) {
          return std::optional<v1::Alert>(std::move(sent.front()));
        }
        continue;  // acknowledged (or deleted) meanwhile
      }
    }
    if (known_in_flight_ < max_in_flight_) {
      const size_t room = std::min<size_t>(max_in_flight_ - known_in_flight_, kMaxBatch);
      ASSIGN_OR_RETURN(auto next, inbox_->NextAfter(recipient_id_, cursor_, room));
      if (!next.empty()) {
        std::vector<std::string> ids;
        ids.reserve(next.size());
        for (auto& [sequence, alert_id] : next) ids.push_back(std::move(alert_id));
        ASSIGN_OR_RETURN(std::vector<v1::Alert> sent, inbox_->RecordDeliveries(recipient_id_, ids));
        cursor_ = next.back().first;
        // An alert already acknowledged (a subscriber resuming from an
        // earlier cursor) is sent as it is, outside the window.
        for (v1::Alert& alert : sent) {
          if (alert.state() != v1::ALERT_STATE_ACKNOWLEDGED) {
            ++known_in_flight_;
            known_next_due_ = std::min(known_next_due_, now + inbox_->options_.ack_deadline);
          }
          ready_.push_back(std::move(alert));
        }
        continue;
      }
    }
    hub.Wait(recipient_id_, version, known_next_due_, poll);
  }
  if (ready_.empty()) return std::optional<v1::Alert>();
  std::optional<v1::Alert> alert(std::move(ready_.front()));
  ready_.pop_front();
  handed_out_ = alert->sequence();
  return alert;
}

}  // namespace liaison::inbox
