#include "broker/ingest/ingest_records.h"

#include "broker/common/crypto.h"
#include "absl/strings/str_cat.h"
#include "broker/common/proto_time.h"

namespace liaison::ingest {
namespace {

v1::AuditEntry Base(const v1::Notification& notification, v1::AuditAction action, absl::string_view actor) {
  v1::AuditEntry entry;
  entry.set_action(action);
  entry.set_actor(std::string(actor));
  entry.set_notification_id(notification.notification_id());
  entry.set_source(notification.source().principal());
  entry.set_source_ref(notification.source_ref());
  return entry;
}

}  // namespace

v1::Alert MakeAlert(const v1::Notification& notification, const policy::Decision& decision,
                    const policy::Delivery& delivery, absl::Time now) {
  v1::Alert alert;
  alert.set_alert_id(NewRandomId("alr_"));
  alert.set_recipient_id(delivery.recipient_id);
  alert.set_recipient_role(delivery.role);
  alert.set_notification_id(notification.notification_id());
  alert.set_crn(delivery.crn);
  alert.set_priority(delivery.priority);
  alert.set_legal_basis(delivery.legal_basis);
  alert.set_policy(decision.policy);
  for (const std::string& rule : delivery.rule_ids) alert.add_rule_ids(rule);
  *alert.mutable_created_at() = ToProtoTime(now);
  alert.set_state(v1::ALERT_STATE_PENDING);
  *alert.mutable_notification() = delivery.view;
  for (const std::string& path : delivery.withheld) alert.add_withheld(path);
  if (delivery.ack_deadline > absl::ZeroDuration()) *alert.mutable_ack_due_at() = ToProtoTime(now + delivery.ack_deadline);
  alert.set_summary_only(delivery.summary_only);
  return alert;
}

v1::AuditEntry AcceptedEntry(const v1::Notification& notification) {
  return Base(notification, v1::AUDIT_ACTION_NOTIFICATION_ACCEPTED, notification.source().principal());
}

v1::AuditEntry MatchEntry(const v1::Notification& notification, const v1::MatchResult& match) {
  v1::AuditEntry entry = Base(notification, v1::AUDIT_ACTION_MATCH_DECIDED, kBrokerActor);
  entry.set_crn(match.crn());
  v1::AuditMatch* detail = entry.mutable_match();
  detail->set_decision(match.decision());
  detail->set_method(match.method());
  *detail->mutable_identifiers_used() = match.identifiers_used();
  detail->set_reason(match.reason());
  detail->set_weight(match.weight());
  *detail->mutable_comparisons() = match.comparisons();
  detail->set_model_version(match.model_version());
  detail->set_candidates(match.candidates());
  return entry;
}

v1::AuditEntry ReviewOpenedEntry(const v1::Notification& notification, const v1::MatchResult& match) {
  v1::AuditEntry entry = Base(notification, v1::AUDIT_ACTION_REVIEW_OPENED, kBrokerActor);
  entry.set_crn(match.crn());
  v1::AuditMatch* detail = entry.mutable_match();
  detail->set_decision(match.decision());
  detail->set_method(match.method());
  detail->set_reason(match.reason());
  detail->set_weight(match.weight());
  detail->set_model_version(match.model_version());
  return entry;
}

v1::AuditEntry ReviewResolvedEntry(const v1::Notification& notification, const v1::MatchResult& match,
                                   absl::string_view actor, const v1::ReviewItem& item) {
  v1::AuditEntry entry = Base(notification, v1::AUDIT_ACTION_REVIEW_RESOLVED, actor);
  entry.set_crn(match.crn());
  v1::AuditMatch* detail = entry.mutable_match();
  detail->set_decision(match.decision());
  detail->set_method(v1::MATCH_METHOD_HUMAN_REVIEW);
  detail->set_reason(match.reason());
  for (const v1::ReviewCandidate& c : item.candidates()) detail->add_candidate_crns(c.crn());
  detail->set_note(item.note());
  return entry;
}

v1::AuditEntry RematchedEntry(const v1::Notification& notification, const v1::MatchResult& match,
                              absl::string_view trigger_crn) {
  v1::AuditEntry entry = MatchEntry(notification, match);
  entry.set_action(v1::AUDIT_ACTION_REMATCHED);
  entry.mutable_match()->set_note(absl::StrCat("offender index changed: ", trigger_crn));
  return entry;
}

v1::AuditEntry UnmatchedEntry(const v1::Notification& notification, const v1::MatchResult& match) {
  v1::AuditEntry entry = Base(notification, v1::AUDIT_ACTION_UNMATCHED_RETAINED, kBrokerActor);
  entry.set_crn(match.crn());
  return entry;
}

std::vector<v1::AuditEntry> RoutingEntries(const v1::Notification& notification, const v1::MatchResult& match,
                                           const policy::Decision& decision,
                                           const std::vector<v1::Alert>& alerts, absl::string_view problem) {
  auto routing_entry = [&]() {
    v1::AuditEntry entry = Base(notification, v1::AUDIT_ACTION_ROUTING_DECIDED, kBrokerActor);
    entry.set_crn(match.crn());
    v1::AuditRouting* routing = entry.mutable_routing();
    routing->set_policy(decision.policy);
    for (const std::string& rule : decision.rule_ids) routing->add_rule_ids(rule);
    routing->set_legal_basis(decision.legal_basis);
    routing->set_priority(decision.priority);
    return entry;
  };
  std::vector<v1::AuditEntry> entries;
  for (const v1::Alert& alert : alerts) {
    v1::AuditEntry entry = routing_entry();
    entry.set_crn(alert.crn());
    v1::AuditRouting* per_alert = entry.mutable_routing();
    per_alert->clear_rule_ids();
    for (const std::string& rule : alert.rule_ids()) per_alert->add_rule_ids(rule);
    per_alert->set_legal_basis(alert.legal_basis());
    per_alert->set_priority(alert.priority());
    if (!decision.reason.empty()) per_alert->set_problem(decision.reason);
    entry.set_recipient_id(alert.recipient_id());
    entry.set_alert_id(alert.alert_id());
    v1::AuditRecipient* recipient = entry.mutable_routing()->add_recipients();
    recipient->set_recipient_id(alert.recipient_id());
    recipient->set_role(alert.recipient_role());
    recipient->set_alert_id(alert.alert_id());
    *recipient->mutable_withheld() = alert.withheld();
    entries.push_back(std::move(entry));
  }
  if (entries.empty()) {
    v1::AuditEntry entry = routing_entry();
    entry.mutable_routing()->set_problem(std::string(problem.empty() ? decision.reason : problem));
    entries.push_back(std::move(entry));
  }
  return entries;
}

}  // namespace liaison::ingest
