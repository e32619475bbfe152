#ifndef LIAISON_BROKER_STORAGE_FORMAT_UPGRADE_H_
#define LIAISON_BROKER_STORAGE_FORMAT_UPGRADE_H_

// Upgrades a data directory written in an older on-disk format
// (format_version.h) to this build's, step by step. Each step's writes are
// idempotent and the new version is recorded last, in the step's final
// synced batch: a step interrupted by a crash runs again from the start at
// the next open.

#include <cstdint>

#include "absl/status/statusor.h"
#include "broker/storage/kv_store.h"

namespace liaison::storage {

struct UpgradeReport {
  int from_version = 0;
  int to_version = 0;
  // Records the steps wrote (index entries built, ...).
  uint64_t records_written = 0;
};

// Upgrades `store` (opened through its keys: the steps read records) from
// `from_version` to kSchemaVersion; a no-op when it is already current.
// REQUIRES: nothing else writes to `store` meanwhile (run it before the
// broker serves). FAILED_PRECONDITION for a version outside
// [kOldestSchemaVersion, kSchemaVersion]; DATA_LOSS for an unreadable record;
// the store's errors otherwise.
absl::StatusOr<UpgradeReport> UpgradeFormat(KvStore* store, int from_version);

// The stored format version (Table::kMeta). DATA_LOSS when missing or
// unreadable.
absl::StatusOr<int> StoredFormatVersion(const KvStore& store);

}  // namespace liaison::storage

#endif  // LIAISON_BROKER_STORAGE_FORMAT_UPGRADE_H_
