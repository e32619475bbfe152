#include "broker/ingest/escalator.h"

#include <algorithm>
#include <optional>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "broker/common/crypto.h"
#include "broker/common/log.h"
#include "broker/common/proto_time.h"
#include "broker/common/proto_util.h"
#include "broker/common/status_macros.h"
#include "broker/ingest/ingest_records.h"
#include "broker/ingest/routing.h"
#include "broker/storage/keys.h"
#include "liaison/store/v1/records.pb.h"

namespace liaison::ingest {
namespace {

using storage::Table;

}  // namespace

absl::StatusOr<absl::Time> Escalator::NextDue() const {
  std::optional<uint64_t> first;
  RETURN_IF_ERROR(deps_.store->Scan(Table::kEscalations, "", "", false, [&](absl::string_view key, absl::string_view) {
    first = storage::DecodeU64(key.substr(0, 8));
    return false;
  }));
  if (!first.has_value()) return absl::InfiniteFuture();
  return absl::FromUnixMicros(static_cast<int64_t>(*first));
}

absl::StatusOr<int> Escalator::RunDue() {
  absl::MutexLock run(&run_mu_);
  const absl::Time now = deps_.clock->Now();
  std::vector<std::pair<std::string, std::string>> due;
  const std::string end = storage::EncodeU64(static_cast<uint64_t>(ToUnixMicrosClamped(now)) + 1);
  RETURN_IF_ERROR(deps_.store->Scan(Table::kEscalations, "", end, false,
                                    [&](absl::string_view key, absl::string_view value) {
                                      due.emplace_back(std::string(key), std::string(value));
                                      return due.size() < 1000;
                                    }));
  int created = 0;
  for (const auto& [key, value] : due) {
    ASSIGN_OR_RETURN(bool escalated, Escalate(key, value, now));
    created += escalated ? 1 : 0;
  }
  return created;
}

absl::StatusOr<bool> Escalator::Escalate(const std::string& key, const std::string& value, absl::Time now) {
  ASSIGN_OR_RETURN(auto timer, ParseStored<store::v1::EscalationTimer>(value, "escalation timer"));
  commit::Mutation mutation;
  mutation.writes.push_back({Table::kEscalations, key, std::nullopt});
  // Acknowledging the alert or any escalation of it ends the chain.
  std::optional<v1::Alert> original;
  bool acknowledged = false;
  for (const std::string& id : timer.chain_alert_ids()) {
    ASSIGN_OR_RETURN(std::optional<std::string> bytes, deps_.store->Get(Table::kAlerts, id));
    if (!bytes.has_value()) continue;
    ASSIGN_OR_RETURN(auto alert, ParseStored<v1::Alert>(*bytes, "alert"));
    acknowledged |= alert.state() == v1::ALERT_STATE_ACKNOWLEDGED;
    if (id == timer.alert_id()) original = std::move(alert);
  }
  if (acknowledged || !original.has_value() || timer.step() >= static_cast<uint32_t>(timer.targets_size())) {
    RETURN_IF_ERROR(deps_.committer->Commit(std::move(mutation)).status());
    return false;
  }
  const store::v1::EscalationTarget& target = timer.targets(timer.step());
  const absl::Duration deadline = absl::Microseconds(timer.deadline_micros());

  // The escalation carries what the original recipient was permitted to see.
  v1::Alert alert = *original;
  alert.set_alert_id(NewRandomId("alr_"));
  alert.set_recipient_id(target.recipient_id());
  alert.set_recipient_role(target.role());
  alert.set_sequence(0);
  *alert.mutable_created_at() = ToProtoTime(now);
  alert.set_state(v1::ALERT_STATE_PENDING);
  alert.set_delivery_attempt(0);
  alert.clear_last_delivered_at();
  alert.clear_acknowledged_at();
  alert.clear_acknowledged_by();
  *alert.mutable_ack_due_at() = ToProtoTime(now + deadline);
  alert.set_escalates_alert_id(timer.alert_id());
  alert.set_escalation_step(timer.step() + 1);

  v1::AuditEntry entry;
  entry.set_action(v1::AUDIT_ACTION_ALERT_ESCALATED);
  entry.set_actor(kBrokerActor);
  entry.set_notification_id(alert.notification_id());
  entry.set_source(alert.notification().source().principal());
  entry.set_source_ref(alert.notification().source_ref());
  entry.set_crn(alert.crn());
  entry.set_recipient_id(alert.recipient_id());
  entry.set_alert_id(alert.alert_id());
  v1::AuditEscalation* detail = entry.mutable_escalation();
  detail->set_escalated_alert_id(timer.alert_id());
  detail->set_step(timer.step() + 1);
  detail->set_role(target.role());
  mutation.audit.push_back(std::move(entry));

  if (timer.step() + 1 < static_cast<uint32_t>(timer.targets_size())) {
    store::v1::EscalationTimer next = timer;
    next.set_step(timer.step() + 1);
    next.add_chain_alert_ids(alert.alert_id());
    mutation.writes.push_back(
        {Table::kEscalations, EscalationKey(now + deadline, timer.alert_id()), next.SerializeAsString()});
  }
  mutation.new_alerts.push_back(std::move(alert));
  RETURN_IF_ERROR(deps_.committer->Commit(std::move(mutation)).status());
  if (deps_.metrics != nullptr) deps_.metrics->Escalated();
  Log(LogLevel::kInfo, "alert_escalated", {{"alert_id", timer.alert_id()}, {"step", static_cast<int>(timer.step()) + 1}});
  return true;
}

Escalator::Escalator(Deps deps) : deps_(deps), worker_(deps.clock, [this] { return Round(); }) {}

void Escalator::Start(absl::Duration poll) { worker_.Start(poll); }

void Escalator::Stop() { worker_.Stop(); }

absl::Time Escalator::Round() {
  absl::StatusOr<int> ran = RunDue();
  if (!ran.ok()) Log(LogLevel::kError, "escalation_failed", {{"code", absl::StatusCodeToString(ran.status().code())}});
  absl::StatusOr<absl::Time> next = NextDue();
  return next.ok() ? *next : absl::InfiniteFuture();
}

}  // namespace liaison::ingest
