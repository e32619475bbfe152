#ifndef LIAISON_BROKER_CTL_AUDIT_LOG_COMMANDS_H_
#define LIAISON_BROKER_CTL_AUDIT_LOG_COMMANDS_H_

// liaisonctl audit checkpoint|prove|consistency|export, and audit verify of
// an export (offline): the verifiable audit log (docs/audit.md). Every proof
// the broker sends is checked here, against the checkpoint's root, before
// it is printed as verified.

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "broker/ctl/connection.h"
#include "broker/ctl/output.h"

namespace liaison::ctl {

// A positional number argument (e.g. "SEQUENCE"). INVALID_ARGUMENT naming it.
absl::StatusOr<uint64_t> ParseNumberArg(absl::string_view name, absl::string_view value);

struct AuditCheckpointOptions {
  // 0: the latest.
  uint64_t tree_size = 0;
  // When set, the checkpoint's signature is checked with this PEM public key.
  std::string public_key_file;
};

// Audit.GetCheckpoint; prints the note as issued (JSON: the Checkpoint),
// then, with a public key, "signature: ok". INVALID_ARGUMENT when the
// signature does not verify.
absl::Status AuditCheckpoint(const Connection& connection, const AuditCheckpointOptions& options,
                             const Output& output);

struct AuditProveOptions {
  uint64_t sequence = 0;
  // The checkpoint to prove against; 0: the latest.
  uint64_t tree_size = 0;
  std::string public_key_file;
};

// The checkpoint, then Audit.ProveInclusion for it; checks the leaf hash is
// the hash of the entry bytes and the proof leads to the checkpoint's root.
// Prints the sequence, leaf index, tree size, leaf hash, proof and root
// (hex) and "verified: yes". DATA_LOSS when the proof does not verify.
absl::Status AuditProve(const Connection& connection, const AuditProveOptions& options, const Output& output);

struct AuditConsistencyOptions {
  uint64_t from_size = 0;
  // 0: the latest checkpoint.
  uint64_t to_size = 0;
  std::string public_key_file;
};

// Both checkpoints, then Audit.ProveConsistency between them, checked
// against their roots. DATA_LOSS when it does not verify.
absl::Status AuditConsistency(const Connection& connection, const AuditConsistencyOptions& options,
                              const Output& output);

// Audit.ListCheckpoints then Audit.ExportLog, page by page, into a new
// directory (audit::ExportWriter); prints what was written.
// FAILED_PRECONDITION when `dir` exists and is not empty.
absl::Status AuditExport(const Connection& connection, const std::string& dir, const Output& output);

struct AuditVerifyExportOptions {
  std::string dir;
  std::string public_key_file;
  // Empty: the origin of the export's first checkpoint.
  std::string origin;
};

// Verifies an export offline (audit::VerifyExport) with the public key
// alone. Prints "ok", entries, checkpoints, root; or the first bad sequence
// and the problem, and returns DATA_LOSS naming them.
absl::Status AuditVerifyExport(const AuditVerifyExportOptions& options, const Output& output);

}  // namespace liaison::ctl

#endif  // LIAISON_BROKER_CTL_AUDIT_LOG_COMMANDS_H_
