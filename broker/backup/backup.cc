#include "broker/backup/backup.h"

#include <filesystem>
#include <fstream>
#include <map>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "broker/audit/audit_log.h"
#include "broker/common/proto_time.h"
#include "broker/common/status_macros.h"
#include "broker/storage/encrypting_kv_store.h"
#include "google/protobuf/text_format.h"

namespace liaison::backup {
namespace {

using storage::Table;

absl::StatusOr<uint64_t> CountRecords(const storage::KvStore& store, Table table) {
  uint64_t count = 0;
  RETURN_IF_ERROR(store.Scan(table, "", "", false, [&](absl::string_view, absl::string_view) {
    ++count;
    return true;
  }));
  return count;
}

absl::Status Fill(const storage::KvStore& store, v1::BackupResponse* described) {
  ASSIGN_OR_RETURN(audit::LogVerification verification, audit::AuditLog(&store).Verify());
  if (!verification.ok) {
    return absl::DataLossError(absl::StrCat("the audit log does not verify at sequence ",
                                            verification.first_bad_sequence, ": ", verification.problem));
  }
  described->set_audit_tree_size(verification.entries);
  described->set_audit_root(verification.root);
  ASSIGN_OR_RETURN(uint64_t notifications, CountRecords(store, Table::kNotifications));
  ASSIGN_OR_RETURN(uint64_t alerts, CountRecords(store, Table::kAlerts));
  described->set_notifications(notifications);
  described->set_alerts(alerts);
  return absl::OkStatus();
}

absl::Status WriteManifest(const std::string& dir, const v1::BackupResponse& manifest) {
  std::string text;
  google::protobuf::TextFormat::PrintToString(manifest, &text);
  const std::string path = absl::StrCat(dir, "/", kManifestFile);
  std::ofstream out(path, std::ios::trunc);
  out << "# A Liaison backup (docs/data-safety.md). Restore with `liaisonctl restore`.\n" << text;
  out.close();
  if (!out) return absl::UnavailableError(absl::StrCat(path, ": cannot write the backup manifest"));
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<v1::BackupResponse> Describe(const std::string& dir, std::shared_ptr<const storage::Keyring> keys) {
  ASSIGN_OR_RETURN(std::unique_ptr<storage::RocksKvStore> raw,
                   storage::RocksKvStore::Open({.path = dir, .read_only = true}));
  v1::BackupResponse described;
  described.set_path(dir);
  described.set_format_version(raw->schema_version());
  if (keys == nullptr) {
    absl::Status plain = storage::EncryptingKvStore::CheckNotEncrypted(*raw);
    if (!plain.ok()) {
      return absl::FailedPreconditionError(
          absl::StrCat(dir, " is encrypted: give the key file it was written under (--data-key-file)"));
    }
    RETURN_IF_ERROR(Fill(*raw, &described));
    return described;
  }
  ASSIGN_OR_RETURN(std::unique_ptr<storage::EncryptingKvStore> store,
                   storage::EncryptingKvStore::Open(raw.get(), std::move(keys)));
  RETURN_IF_ERROR(Fill(*store, &described));
  using KeyUsage = std::map<uint32_t, uint64_t>;
  ASSIGN_OR_RETURN(KeyUsage usage, store->KeyUsage());
  for (const auto& [id, records] : usage) described.add_data_key_ids(id);
  return described;
}

absl::StatusOr<v1::BackupResponse> TakeBackup(storage::RocksKvStore* live, const std::string& destination,
                                              std::shared_ptr<const storage::Keyring> keys) {
  if (destination.empty()) return absl::InvalidArgumentError("destination: is required");
  if (!std::filesystem::path(destination).is_absolute()) {
    return absl::InvalidArgumentError("destination: must be an absolute path on the broker's host");
  }
  const absl::Time taken = absl::Now();
  RETURN_IF_ERROR(live->Checkpoint(destination));
  absl::StatusOr<v1::BackupResponse> described = Describe(destination, std::move(keys));
  if (described.ok()) {
    *described->mutable_taken_at() = ToProtoTime(taken);
    absl::Status written = WriteManifest(destination, *described);
    if (!written.ok()) described = written;
  }
  if (!described.ok()) {
    std::error_code ignored;
    std::filesystem::remove_all(destination, ignored);
  }
  return described;
}

}  // namespace liaison::backup
