#ifndef LIAISON_BROKER_AUDIT_AUDIT_LOG_H_
#define LIAISON_BROKER_AUDIT_AUDIT_LOG_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "broker/audit/ed25519.h"
#include "broker/audit/log_verifier.h"
#include "broker/storage/kv_store.h"
#include "liaison/v1/audit.pb.h"

namespace liaison::audit {

struct AuditFilter {
  // Empty strings match anything.
  std::string crn;
  // AuditEntry.person: a keyed hash of a CRN (BrokerCore::PersonRef).
  std::string person;
  std::string recipient_id;
  std::string source;
  std::string notification_id;
  absl::Time since = absl::InfinitePast();
  absl::Time until = absl::InfiniteFuture();
  // Entries with sequence > after_sequence (paging).
  uint64_t after_sequence = 0;
  // Default 100, at most 1000.
  uint32_t page_size = 100;
};

struct AuditPage {
  std::vector<v1::AuditEntry> entries;
  // The last sequence examined when more may follow; 0 when done.
  uint64_t next_after_sequence = 0;
};

// The key that signs the log's checkpoints, and the log's origin.
struct LogKey {
  Ed25519PublicKey key;
  std::string origin;
};

// Reads the audit trail the committer writes (read-only). Thread-safe.
class AuditLog {
 public:
  // `store` is not owned. With `key`, Verify also checks the stored
  // checkpoints.
  explicit AuditLog(const storage::KvStore* store, std::optional<LogKey> key = std::nullopt)
      : store_(store), key_(std::move(key)) {}

  // Entries matching every filter field, in log order. Uses a facet index
  // when a facet is given, else scans from the first entry at `since`.
  // INVALID_ARGUMENT for a page_size above 1000.
  absl::StatusOr<AuditPage> Query(const AuditFilter& filter) const;

  // Recomputes the log from the stored entries (LogVerifier): every leaf
  // against the stored tree, the tree's state, and every stored checkpoint
  // (signature, root, consistency with the one before) when there is a key.
  // The result says where the log first fails; errors only for a store
  // that cannot be read.
  absl::StatusOr<LogVerification> Verify() const;

  // One entry with its leaf hash filled in; NOT_FOUND when absent.
  absl::StatusOr<v1::AuditEntry> Read(uint64_t sequence) const;

 private:
  // The first sequence whose entry is at or after `since` (entry times never
  // decrease); 1 past the head when none.
  absl::StatusOr<uint64_t> FirstAtOrAfter(absl::Time since) const;
  absl::StatusOr<uint64_t> HeadSequence() const;

  const storage::KvStore* store_;
  std::optional<LogKey> key_;
};

// Decodes a stored audit record into an entry with its leaf hash.
absl::StatusOr<v1::AuditEntry> DecodeAuditRecord(absl::string_view value);

}  // namespace liaison::audit

#endif  // LIAISON_BROKER_AUDIT_AUDIT_LOG_H_
