#ifndef LIAISON_BROKER_BACKUP_BACKUP_H_
#define LIAISON_BROKER_BACKUP_BACKUP_H_

// Online backup and offline restore of a broker's data directory
// (docs/data-safety.md). A backup is a RocksDB checkpoint (every table at
// one instant) plus a manifest describing it; the data keys are never
// copied into it.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "broker/storage/keyring.h"
#include "broker/storage/rocksdb_kv_store.h"
#include "liaison/v1/admin_service.pb.h"

namespace liaison::backup {

// The manifest's file name inside a backup directory (a text-format
// liaison.v1.BackupResponse).
inline constexpr char kManifestFile[] = "LIAISON-BACKUP";

// Opens `dir` (a backup or a stopped broker's data directory) read-only,
// through `keys` when it is encrypted (null keys: it must not be), verifies
// its whole audit log and counts its records. FAILED_PRECONDITION when it is
// encrypted and no keys are given, or given keys it was not written under;
// DATA_LOSS when the audit log does not verify (naming the first bad
// sequence and the problem). Reads every table: O(size of the store).
absl::StatusOr<v1::BackupResponse> Describe(const std::string& dir, std::shared_ptr<const storage::Keyring> keys);

// Checkpoints `live` (the serving broker's store) into `destination`, then
// describes the copy (Describe) and writes the manifest into it. `keys` as
// for Describe. INVALID_ARGUMENT for an empty or relative destination;
// FAILED_PRECONDITION when it exists; the copy's DATA_LOSS. On failure the
// partial copy is removed.
absl::StatusOr<v1::BackupResponse> TakeBackup(storage::RocksKvStore* live, const std::string& destination,
                                              std::shared_ptr<const storage::Keyring> keys);

struct RestoreOptions {
  std::string backup_dir;
  std::string data_dir;
  // Replace a non-empty data directory (it is kept beside, renamed
  // DATA_DIR.replaced-<unix seconds>, never deleted).
  bool force = false;
  std::shared_ptr<const storage::Keyring> keys;
};

// Brings a backup back as `data_dir`: checks the backup (manifest present,
// Describe agrees with it), copies it to a temporary directory beside
// data_dir, syncs it, renames it into place, then describes the restored
// directory. FAILED_PRECONDITION when data_dir is in use by another process
// (a running broker), or is not empty and !force, or the backup has no
// manifest or disagrees with it; DATA_LOSS when its audit log does not verify.
absl::StatusOr<v1::BackupResponse> Restore(const RestoreOptions& options);

}  // namespace liaison::backup

#endif  // LIAISON_BROKER_BACKUP_BACKUP_H_
