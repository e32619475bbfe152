#ifndef LIAISON_TESTS_SUPPORT_CONSISTENCY_H_
#define LIAISON_TESTS_SUPPORT_CONSISTENCY_H_

#include <cstdint>
#include <set>
#include <string>

#include "absl/status/statusor.h"
#include "broker/storage/kv_store.h"

namespace liaison::testing {

struct StoreCensus {
  uint64_t notifications = 0;
  uint64_t alerts = 0;
  uint64_t audit_entries = 0;
  std::set<std::string> notification_ids;
};

// Checks every cross-record invariant of a broker's store, the ones a torn
// write would break:
//  - each notification has its idempotency record, its received-time index
//    entry, its ACCEPTED and MATCH_DECIDED audit entries, every alert it
//    lists, and no RETENTION_DELETED entry;
//  - each alert has its notification, its inbox entry, and a pending entry
//    exactly when unacknowledged; inbox sequences have no gaps but those
//    of alerts a RETENTION_DELETED entry names (so do digests' lists);
//  - the audit log (entries, Merkle tree, state) verifies from the first
//    entry to the head.
// FAILED_PRECONDITION describing the first violation.
absl::StatusOr<StoreCensus> CheckConsistency(const storage::KvStore& store);

}  // namespace liaison::testing

#endif  // LIAISON_TESTS_SUPPORT_CONSISTENCY_H_
