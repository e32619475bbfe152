#ifndef LIAISON_BROKER_AUDIT_READ_AUDIT_H_
#define LIAISON_BROKER_AUDIT_READ_AUDIT_H_

// Audits reads: who listed or viewed which alerts, and who queried or
// exported the audit log (docs/audit.md, "What reads are audited"). One
// entry per call, holding the caller, the ids shown and counts, never
// content. The caller records the read before it returns the data: when the
// entry cannot be written the data is not returned (no unaudited reads).

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "broker/audit/audit_log.h"
#include "broker/commit/committer.h"
#include "liaison/v1/alert.pb.h"

namespace liaison::audit {

// Thread-safe.
class ReadAudit {
 public:
  // Not owned; must outlive this.
  explicit ReadAudit(commit::Committer* committer) : committer_(committer) {}

  // ALERTS_LISTED: `actor` was shown `alerts` of `recipient_id`'s inbox.
  // UNAVAILABLE when the entry could not be written.
  absl::Status AlertsListed(const std::string& actor, const std::string& recipient_id, uint64_t after_sequence,
                            bool include_acknowledged, const std::vector<v1::Alert>& alerts);
  // ALERT_VIEWED: `actor` was shown `alert`.
  absl::Status AlertViewed(const std::string& actor, const v1::Alert& alert);
  // AUDIT_QUERIED: `actor` queried with `filter` and was shown `count`
  // entries.
  absl::Status AuditQueried(const std::string& actor, const AuditFilter& filter, uint32_t count);
  // AUDIT_EXPORTED: `actor` was sent `count` entries after `after_sequence`.
  absl::Status AuditExported(const std::string& actor, uint64_t after_sequence, uint32_t count);

 private:
  absl::Status Record(v1::AuditEntry entry);

  commit::Committer* committer_;
};

}  // namespace liaison::audit

#endif  // LIAISON_BROKER_AUDIT_READ_AUDIT_H_
