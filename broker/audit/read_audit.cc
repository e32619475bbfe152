#include "broker/audit/read_audit.h"

#include <utility>

#include "broker/common/proto_time.h"

namespace liaison::audit {

absl::Status ReadAudit::Record(v1::AuditEntry entry) {
  commit::Mutation mutation;
  mutation.audit.push_back(std::move(entry));
  return committer_->Commit(std::move(mutation)).status();
}

absl::Status ReadAudit::AlertsListed(const std::string& actor, const std::string& recipient_id,
                                     uint64_t after_sequence, bool include_acknowledged,
                                     const std::vector<v1::Alert>& alerts) {
  v1::AuditEntry entry;
  entry.set_action(v1::AUDIT_ACTION_ALERTS_LISTED);
  entry.set_actor(actor);
  entry.set_recipient_id(recipient_id);
  v1::AuditRead* read = entry.mutable_read();
  for (const v1::Alert& alert : alerts) read->add_alert_ids(alert.alert_id());
  read->set_count(static_cast<uint32_t>(alerts.size()));
  read->set_after_sequence(after_sequence);
  read->set_include_acknowledged(include_acknowledged);
  return Record(std::move(entry));
}

absl::Status ReadAudit::AlertViewed(const std::string& actor, const v1::Alert& alert) {
  v1::AuditEntry entry;
  entry.set_action(v1::AUDIT_ACTION_ALERT_VIEWED);
  entry.set_actor(actor);
  entry.set_notification_id(alert.notification_id());
  entry.set_crn(alert.crn());
  entry.set_recipient_id(alert.recipient_id());
  entry.set_alert_id(alert.alert_id());
  entry.mutable_read()->set_count(1);
  return Record(std::move(entry));
}

absl::Status ReadAudit::AuditQueried(const std::string& actor, const AuditFilter& filter, uint32_t count) {
  v1::AuditEntry entry;
  entry.set_action(v1::AUDIT_ACTION_AUDIT_QUERIED);
  entry.set_actor(actor);
  // The filters go in the id fields, so "who looked this person up" is
  // itself a query by that person.
  entry.set_crn(filter.crn);
  entry.set_person(filter.person);
  entry.set_recipient_id(filter.recipient_id);
  entry.set_source(filter.source);
  entry.set_notification_id(filter.notification_id);
  v1::AuditRead* read = entry.mutable_read();
  read->set_count(count);
  read->set_after_sequence(filter.after_sequence);
  if (filter.since != absl::InfinitePast()) *read->mutable_since() = ToProtoTime(filter.since);
  if (filter.until != absl::InfiniteFuture()) *read->mutable_until() = ToProtoTime(filter.until);
  return Record(std::move(entry));
}

absl::Status ReadAudit::AuditExported(const std::string& actor, uint64_t after_sequence, uint32_t count) {
  v1::AuditEntry entry;
  entry.set_action(v1::AUDIT_ACTION_AUDIT_EXPORTED);
  entry.set_actor(actor);
  entry.mutable_read()->set_count(count);
  entry.mutable_read()->set_after_sequence(after_sequence);
  return Record(std::move(entry));
}

}  // namespace liaison::audit
