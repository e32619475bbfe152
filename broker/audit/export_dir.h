#ifndef LIAISON_BROKER_AUDIT_EXPORT_DIR_H_
#define LIAISON_BROKER_AUDIT_EXPORT_DIR_H_

// An export of the audit log, for checking offline with only the log's
// public key (docs/audit.md, "Exports"):
//   DIR/entries.jsonl                   one liaison.v1.AuditLeaf in proto
//                                       JSON per line, in log order
//   DIR/checkpoints/<size, 20 digits>.txt   each signed checkpoint note,
//                                       byte for byte as issued

#include <cstdint>
#include <fstream>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "broker/audit/ed25519.h"
#include "broker/audit/log_verifier.h"
#include "liaison/v1/audit_service.pb.h"

namespace liaison::audit {

inline constexpr char kExportEntriesFile[] = "entries.jsonl";
inline constexpr char kExportCheckpointsDir[] = "checkpoints";

// Writes an export. Not thread-safe.
class ExportWriter {
 public:
  // Creates `dir` (and its checkpoints/). FAILED_PRECONDITION when `dir`
  // exists and is not empty, or cannot be created.
  static absl::StatusOr<std::unique_ptr<ExportWriter>> Create(const std::string& dir);

  // Appends one entry line. UNAVAILABLE when the file cannot be written.
  absl::Status AddLeaf(const v1::AuditLeaf& leaf);
  // Writes one checkpoint note (its size taken from the note).
  // INVALID_ARGUMENT for a note that does not parse; UNAVAILABLE on I/O.
  absl::Status AddCheckpoint(const std::string& note);
  // Flushes and closes. UNAVAILABLE when the data did not reach the file.
  absl::Status Close();

 private:
  explicit ExportWriter(std::string dir) : dir_(std::move(dir)) {}
  std::string dir_;
  std::ofstream entries_;
};

// Verifies an export with LogVerifier: every leaf recomputed from its bytes
// (and its decoded entry checked against them), every checkpoint's
// signature by `key` under `origin` (empty: the origin of the first
// checkpoint), root and consistency with the one before, and checkpoints
// beyond the entries (truncation). NOT_FOUND when the export cannot be
// read; otherwise the result says where it first fails.
absl::StatusOr<LogVerification> VerifyExport(const std::string& dir, const Ed25519PublicKey& key,
                                             std::string origin);

}  // namespace liaison::audit

#endif  // LIAISON_BROKER_AUDIT_EXPORT_DIR_H_
