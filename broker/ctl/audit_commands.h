#ifndef LIAISON_BROKER_CTL_AUDIT_COMMANDS_H_
#define LIAISON_BROKER_CTL_AUDIT_COMMANDS_H_

// liaisonctl audit query|verify: the Audit service.

#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "broker/ctl/connection.h"
#include "broker/ctl/output.h"

namespace liaison::ctl {

struct AuditQueryOptions {
  // Filters; empty or unset means any.
  std::string crn;
  std::string recipient_id;
  std::string source;
  std::string notification_id;
  std::optional<absl::Time> since;
  std::optional<absl::Time> until;
  // Print at most this many entries; 0 = all.
  uint64_t limit = 0;
};

// An RFC 3339 time given for `flag_name` (e.g. "since"). INVALID_ARGUMENT
// naming --flag_name, the expected form and the parser's complaint.
absl::StatusOr<absl::Time> ParseTimeFlag(absl::string_view flag_name, absl::string_view value);

// Audit.Query, following next_page_token until the last page (or `limit`);
// prints each entry (text: "no entries" when there are none). INTERNAL when
// the broker repeats a page token.
absl::Status AuditQuery(const Connection& connection, const AuditQueryOptions& options,
                        const Output& output);

// Audit.VerifyChain (the broker recomputes its Merkle log); prints the
// result (text: "ok", entries, checkpoints, root; or the first bad sequence
// or checkpoint and the problem). DATA_LOSS when the log does not verify.
absl::Status AuditVerify(const Connection& connection, const Output& output);

}  // namespace liaison::ctl

#endif  // LIAISON_BROKER_CTL_AUDIT_COMMANDS_H_
