#include "tests/support/stopped_store.h"

#include "broker/storage/keyring.h"

namespace liaison::testing {

absl::StatusOr<std::unique_ptr<StoppedStore>> StoppedStore::Open(const std::string& data_dir) {
  auto keys = storage::FileKeyProvider(data_dir + ".keys").Load();
  if (!keys.ok()) return keys.status();
  auto raw = storage::RocksKvStore::Open({.path = data_dir, .read_only = true});
  if (!raw.ok()) return raw.status();
  auto view = storage::EncryptingKvStore::Open(raw->get(), *keys);
  if (!view.ok()) return view.status();
  auto stopped = std::unique_ptr<StoppedStore>(new StoppedStore());
  stopped->raw_ = std::move(*raw);
  stopped->view_ = std::move(*view);
  return stopped;
}

}  // namespace liaison::testing
