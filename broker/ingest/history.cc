#include "broker/ingest/history.h"

#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "broker/common/crypto.h"
#include "broker/common/proto_time.h"
#include "broker/common/proto_util.h"
#include "broker/common/status_macros.h"
#include "broker/ingest/ingest_records.h"
#include "broker/storage/keys.h"
#include "liaison/store/v1/records.pb.h"

namespace liaison::ingest {
namespace {

using storage::Table;

// The notification ids linked to `crn` received at or after `since`.
absl::StatusOr<std::vector<std::string>> LinkedSince(const storage::KvStore& store, const std::string& crn,
                                                     absl::Time since) {
  const std::string prefix = storage::JoinKey({crn, ""});
  const std::string start = absl::StrCat(prefix, storage::EncodeU64(static_cast<uint64_t>(ToUnixMicrosClamped(since))));
  std::vector<std::string> ids;
  RETURN_IF_ERROR(store.Scan(Table::kPersonNotifications, start, storage::PrefixEnd(prefix), false,
                             [&](absl::string_view key, absl::string_view) {
                               ids.emplace_back(key.substr(prefix.size() + 8));
                               return true;
                             }));
  return ids;
}

// Whether `recipient` already has an alert for the notification.
absl::StatusOr<bool> AlreadyTold(const storage::KvStore& store, const store::v1::StoredNotification& stored,
                                 const std::string& recipient) {
  for (const std::string& id : stored.alert_ids()) {
    ASSIGN_OR_RETURN(std::optional<std::string> bytes, store.Get(Table::kAlerts, id));
    if (!bytes.has_value()) continue;
    ASSIGN_OR_RETURN(auto alert, ParseStored<v1::Alert>(*bytes, "alert"));
    if (alert.recipient_id() == recipient) return true;
  }
  return false;
}

}  // namespace

absl::StatusOr<int> AddAllocationHistory(const storage::KvStore& store, const policy::Policy& policy,
                                         const v1::OffenderRecord& record, absl::Time now,
                                         commit::Mutation* mutation) {
  const std::string& om = record.offender_manager().staff_code();
  if (om.empty() || !record.merged_into().empty()) return 0;
  ASSIGN_OR_RETURN(std::vector<std::string> ids, LinkedSince(store, record.crn(), now - policy.AllocationHistory()));
  std::vector<v1::Alert> items;
  std::vector<v1::AuditEntry> entries;
  std::set<std::string> bases;
  std::set<std::string> rules;
  v1::Priority priority = v1::PRIORITY_ROUTINE;
  for (const std::string& id : ids) {
    ASSIGN_OR_RETURN(std::optional<std::string> bytes, store.Get(Table::kNotifications, id));
    if (!bytes.has_value()) continue;
    ASSIGN_OR_RETURN(auto stored, ParseStored<store::v1::StoredNotification>(*bytes, "notification"));
    ASSIGN_OR_RETURN(bool told, AlreadyTold(store, stored, om));
    if (told) continue;
    const v1::Notification& n = stored.notification();
    // The person as the subject, or as the related person they were linked as.
    v1::MatchResult match;
    policy::PolicyInput input{&n, &match, nullptr, now, {}};
    if (stored.match().decision() == v1::MATCH_DECISION_LINKED && stored.match().crn() == record.crn()) {
      match = stored.match();
      input.offender = &record;
    } else {
      match.set_decision(v1::MATCH_DECISION_NO_MATCH);
      for (const store::v1::RelatedLinkRecord& link : stored.related_links()) {
        if (link.match().crn() == record.crn()) input.related.push_back({link.related_index(), link.match(), record});
      }
      if (input.related.empty()) continue;
    }
    absl::StatusOr<policy::Decision> decision = policy.Decide(input);
    if (!decision.ok()) continue;  // fail closed: nothing of this one is shared
    for (const policy::Delivery& delivery : decision->deliveries) {
      if (delivery.recipient_id != om || delivery.crn != record.crn()) continue;
      v1::Alert alert = MakeAlert(n, *decision, delivery, now);
      alert.clear_ack_due_at();
      for (v1::AuditEntry& e : RoutingEntries(n, match, *decision, {alert}, "")) entries.push_back(std::move(e));
      bases.insert(delivery.legal_basis);
      rules.insert(delivery.rule_ids.begin(), delivery.rule_ids.end());
      if (delivery.priority < priority) priority = delivery.priority;
      items.push_back(std::move(alert));
    }
  }
  if (items.empty()) return 0;

  v1::Alert digest;
  digest.set_alert_id(NewRandomId("alr_"));
  digest.set_recipient_id(om);
  digest.set_recipient_role(v1::RECIPIENT_ROLE_OFFENDER_MANAGER);
  digest.set_crn(record.crn());
  digest.set_priority(priority);
  digest.set_legal_basis(absl::StrJoin(bases, "; "));
  digest.set_policy(policy.version());
  for (const std::string& rule : rules) digest.add_rule_ids(rule);
  *digest.mutable_created_at() = ToProtoTime(now);
  digest.set_state(v1::ALERT_STATE_PENDING);
  v1::AlertDigest* d = digest.mutable_digest();
  d->set_reason(absl::StrCat("case allocated to you: ", items.size(),
                             " item(s) of retained inter-agency history the policy permits you to see"));
  v1::AuditEntry shared;
  shared.set_action(v1::AUDIT_ACTION_HISTORY_SHARED);
  shared.set_actor(kBrokerActor);
  shared.set_crn(record.crn());
  shared.set_recipient_id(om);
  shared.set_alert_id(digest.alert_id());
  v1::AuditHistory* history = shared.mutable_history();
  history->set_digest_alert_id(digest.alert_id());
  history->set_policy(policy.version());
  for (const v1::Alert& item : items) {
    d->add_alert_ids(item.alert_id());
    d->add_notification_ids(item.notification_id());
    history->add_alert_ids(item.alert_id());
    history->add_notification_ids(item.notification_id());
  }
  const int count = static_cast<int>(items.size());
  mutation->new_alerts.push_back(std::move(digest));
  for (v1::Alert& item : items) mutation->new_alerts.push_back(std::move(item));
  mutation->audit.push_back(std::move(shared));
  for (v1::AuditEntry& e : entries) mutation->audit.push_back(std::move(e));
  return count;
}

}  // namespace liaison::ingest
