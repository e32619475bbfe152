#include "broker/ctl/key_commands.h"

#include <unistd.h>

#include <map>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "broker/common/status_macros.h"
#include "broker/storage/encrypting_kv_store.h"
#include "broker/storage/keyring.h"
#include "broker/storage/rocksdb_kv_store.h"

namespace liaison::ctl {
namespace {

absl::Status PrintUsage(const storage::EncryptingKvStore& store, const Output& output) {
  using Usage = std::map<uint32_t, uint64_t>;
  ASSIGN_OR_RETURN(Usage usage, store.KeyUsage());
  if (usage.empty()) output.out << "no encrypted records\n";
  for (const auto& [id, records] : usage) output.out << "data key " << id << ": " << records << " records\n";
  return absl::OkStatus();
}

// Opens the directory (writable: it takes the broker's lock) through its keys.
absl::Status WithStore(const StoreOptions& options,
                       const std::function<absl::Status(storage::EncryptingKvStore&)>& run) {
  if (options.data_dir.empty()) return absl::InvalidArgumentError("--data-dir is required");
  if (options.key_file.empty()) return absl::InvalidArgumentError("--data-key-file is required");
  ASSIGN_OR_RETURN(std::shared_ptr<const storage::Keyring> keys, storage::FileKeyProvider(options.key_file).Load());
  if (access(options.data_dir.c_str(), F_OK) != 0) {
    return absl::NotFoundError(absl::StrCat(options.data_dir, ": no such data directory"));
  }
  ASSIGN_OR_RETURN(std::unique_ptr<storage::RocksKvStore> raw, storage::RocksKvStore::Open({.path = options.data_dir}));
  ASSIGN_OR_RETURN(std::unique_ptr<storage::EncryptingKvStore> store, storage::EncryptingKvStore::Open(raw.get(), keys));
  return run(*store);
}

}  // namespace

absl::Status KeysGenerate(const std::string& file, const Output& output) {
  if (access(file.c_str(), F_OK) == 0) {
    return absl::AlreadyExistsError(absl::StrCat(file, ": exists; refusing to overwrite a key file"));
  }
  RETURN_IF_ERROR(storage::WriteKeyFile(file, storage::NewKeyFile(absl::Now())));
  output.out << file << ": new key file (mode 0600), data key 1 active\n";
  return absl::OkStatus();
}

absl::Status KeysRotate(const std::string& file, const Output& output) {
  ASSIGN_OR_RETURN(config::v1::KeyFile keys, storage::ReadKeyFile(file));
  RETURN_IF_ERROR(storage::Keyring::FromProto(keys).status());
  const uint32_t id = storage::AddDataKey(&keys, absl::Now());
  RETURN_IF_ERROR(storage::WriteKeyFile(file, keys));
  output.out << file << ": data key " << id
             << " added and active; send the broker SIGHUP, then `liaisonctl store reencrypt` (broker "
                "stopped) moves older records to it\n";
  return absl::OkStatus();
}

absl::Status StoreKeyUsage(const StoreOptions& options, const Output& output) {
  return WithStore(options, [&](storage::EncryptingKvStore& store) { return PrintUsage(store, output); });
}

absl::Status StoreReencrypt(const StoreOptions& options, const Output& output) {
  return WithStore(options, [&](storage::EncryptingKvStore& store) -> absl::Status {
    ASSIGN_OR_RETURN(uint64_t moved, store.Reencrypt());
    output.out << "re-encrypted " << moved << " records under the active data key\n";
    return PrintUsage(store, output);
  });
}

}  // namespace liaison::ctl
