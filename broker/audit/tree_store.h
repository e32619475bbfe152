#ifndef LIAISON_BROKER_AUDIT_TREE_STORE_H_
#define LIAISON_BROKER_AUDIT_TREE_STORE_H_

// The audit log's Merkle tree as stored beside its entries, in
// Table::kAuditTree (docs/audit.md, "Storage"):
//   level (1 byte) + index (8 bytes big-endian) -> the 32-byte hash of the
//       perfect subtree of 2^level leaves starting at leaf index << level
//       (level 0: the leaf hashes). Written once, when the subtree completes.
//   "\xff" "state" -> CompactRange::Serialize() of the whole tree.
// The committer writes the nodes an entry completes and the new state in the
// same atomic batch as the entry, so the stored state always matches the
// stored entries. Proofs then cost O(log n) point reads.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "broker/audit/merkle.h"
#include "broker/storage/kv_store.h"

namespace liaison::audit {

// The key of the tree state record.
inline constexpr absl::string_view kTreeStateKey("\xff" "state", 6);

// The key of node (level, index). REQUIRES: level < 64.
std::string TreeNodeKey(uint32_t level, uint64_t index);

// Serves the stored tree's nodes to the proof functions. Thread-safe.
class StoredTreeReader final : public HashReader {
 public:
  // Not owned; must outlive the reader.
  explicit StoredTreeReader(const storage::KvStore* store) : store_(store) {}

  absl::StatusOr<std::string> LeafHash(uint64_t index) const override { return NodeHash(0, index); }
  // NOT_FOUND when the node was never written (beyond the tree, or a store
  // that lost it); DATA_LOSS when it is not 32 bytes; store errors pass.
  absl::StatusOr<std::string> NodeHash(uint32_t level, uint64_t index) const override;

 private:
  const storage::KvStore* store_;
};

// The stored tree state; nullopt when none was ever written (an empty log,
// or one written before the Merkle tree existed). DATA_LOSS when malformed.
absl::StatusOr<std::optional<CompactRange>> LoadTreeState(const storage::KvStore& store);

// Appends the leaf with hash `leaf_hash` to `range` and appends to `writes`
// the nodes it completes: the leaf itself and every perfect subtree it
// closes (amortised two). INVALID_ARGUMENT / OUT_OF_RANGE as for
// CompactRange::Append; on error nothing changes.
absl::Status AppendToTree(absl::string_view leaf_hash, CompactRange* range, std::vector<storage::KvWrite>* writes);

// The write that records `range` as the tree's state.
storage::KvWrite TreeStateWrite(const CompactRange& range);

}  // namespace liaison::audit

#endif  // LIAISON_BROKER_AUDIT_TREE_STORE_H_
