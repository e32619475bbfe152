#ifndef LIAISON_BROKER_AUDIT_TREE_RECOVERY_H_
#define LIAISON_BROKER_AUDIT_TREE_RECOVERY_H_

#include <cstdint>

#include "absl/status/statusor.h"
#include "broker/audit/merkle.h"
#include "broker/storage/kv_store.h"

namespace liaison::audit {

// Checks, on open, that the stored audit tree describes exactly the stored
// entries 1..head_sequence, and returns its compact range:
//  - no entries and no state: the empty tree;
//  - a state of head_sequence leaves: validated in O(log n) reads (the head
//    entry's leaf hash is the stored leaf, and the frontier is the stored
//    nodes) and returned;
//  - no state but entries (a log written before the Merkle tree): the tree
//    is rebuilt from the entries, nodes first in batches, the state last, so
//    a crash part way leaves no state and the rebuild starts again.
// DATA_LOSS naming the mismatch otherwise (e.g. a state of more leaves than
// there are entries: the log was truncated); store errors pass through.
absl::StatusOr<CompactRange> RecoverAuditTree(storage::KvStore* store, uint64_t head_sequence);

}  // namespace liaison::audit

#endif  // LIAISON_BROKER_AUDIT_TREE_RECOVERY_H_
