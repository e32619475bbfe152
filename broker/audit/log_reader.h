#ifndef LIAISON_BROKER_AUDIT_LOG_READER_H_
#define LIAISON_BROKER_AUDIT_LOG_READER_H_

// What an auditor fetches to check the log: checkpoints, inclusion and
// consistency proofs, and the entries with their exact leaf bytes.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "broker/storage/kv_store.h"
#include "liaison/v1/audit_service.pb.h"

namespace liaison::audit {

struct CheckpointPage {
  // Signed notes, smallest tree first.
  std::vector<std::string> notes;
  // The last size returned when more may follow; 0 when done.
  uint64_t next_after_size = 0;
};

struct LeafPage {
  std::vector<v1::AuditLeaf> leaves;
  // The last sequence returned when more may follow; 0 when done.
  uint64_t next_after_sequence = 0;
};

// Read-only views of the stored log and tree; every proof costs O(log n)
// point reads. Thread-safe.
class LogReader {
 public:
  // Not owned; must outlive the reader.
  explicit LogReader(const storage::KvStore* store) : store_(store) {}

  // How many entries the committed tree holds.
  absl::StatusOr<uint64_t> TreeSize() const;

  // The stored checkpoint of `tree_size` leaves, or the latest for 0.
  // NOT_FOUND when there is none (FAILED_PRECONDITION for the latest when
  // none was ever issued).
  absl::StatusOr<std::string> Checkpoint(uint64_t tree_size) const;

  // Checkpoints of trees larger than `after_size`; page_size 0 means 100.
  // INVALID_ARGUMENT above 1000.
  absl::StatusOr<CheckpointPage> ListCheckpoints(uint64_t after_size, uint32_t page_size) const;

  // The proof that entry `sequence` is in the tree of `tree_size` leaves,
  // with the entry's bytes and both hashes filled in. INVALID_ARGUMENT
  // naming the field when sequence is 0 or above tree_size, or tree_size is
  // above the log's size.
  absl::StatusOr<v1::ProveInclusionResponse> ProveInclusion(uint64_t sequence, uint64_t tree_size) const;

  // The proof that the tree of `to` leaves extends the tree of `from`.
  // INVALID_ARGUMENT naming the field unless 0 < from <= to <= the log's
  // size.
  absl::StatusOr<v1::ProveConsistencyResponse> ProveConsistency(uint64_t from, uint64_t to) const;

  // Entries after `after_sequence` with their leaf bytes, the leaf hash the
  // tree recorded and the decoded entry. page_size 0 means 500;
  // INVALID_ARGUMENT above 1000. DATA_LOSS for an unreadable record.
  absl::StatusOr<LeafPage> Leaves(uint64_t after_sequence, uint32_t page_size) const;

 private:
  const storage::KvStore* store_;
};

}  // namespace liaison::audit

#endif  // LIAISON_BROKER_AUDIT_LOG_READER_H_
