#ifndef LIAISON_BROKER_STORAGE_ENCRYPTING_KV_STORE_H_
#define LIAISON_BROKER_STORAGE_ENCRYPTING_KV_STORE_H_

#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "broker/storage/key_codec.h"
#include "broker/storage/keyring.h"
#include "broker/storage/kv_store.h"

namespace liaison::storage {

// Encryption at rest over another KvStore (docs/security.md):
// - every non-empty value is sealed with AES-256-GCM under the active data
//   key: 0x01, key id (4 bytes, big-endian), nonce, ciphertext, tag. The
//   associated data is the header, the table and the stored key, so a
//   record moved to another key or table no longer opens. Empty values (the
//   index tables' "") stay empty; Table::kMeta (format markers) and counter
//   tables (kNameCounts: numbers the store adds) are not encrypted.
// - key parts that identify a person are rewritten (KeyCodec).
// Old data keys stay readable; Reencrypt moves records to the active key.
class EncryptingKvStore : public KvStore {
 public:
  // Wraps `base` (not owned; must outlive this). Records the index secret's
  // fingerprint in a new data directory; FAILED_PRECONDITION when the
  // directory was made under another index secret, or holds records but
  // was never encrypted.
  static absl::StatusOr<std::unique_ptr<EncryptingKvStore>> Open(KvStore* base,
                                                                  std::shared_ptr<const Keyring> keys);

  // FAILED_PRECONDITION when `base` was encrypted (it must not be opened
  // without keys).
  static absl::Status CheckNotEncrypted(const KvStore& base);

  // New keys (a rotated key file): later writes use its active key. The
  // index secret must be the same; FAILED_PRECONDITION else.
  absl::Status SetKeys(std::shared_ptr<const Keyring> keys);

  absl::StatusOr<std::optional<std::string>> Get(Table table, absl::string_view key) const override;
  absl::Status Scan(Table table, absl::string_view start, absl::string_view end, bool reverse,
                    const ScanVisitor& visit) const override;
  absl::Status ScanStoredKeys(Table table, absl::string_view start, absl::string_view end, bool reverse,
                              const ScanVisitor& visit) const override;
  absl::Status ScanStoredKeyRanges(Table table, const std::vector<KeyRange>& ranges,
                                   const RangeVisitor& visit) const override;
  absl::StatusOr<std::string> DecodeKey(Table table, absl::string_view stored) const override;
  absl::Status Write(const std::vector<KvWrite>& writes, bool sync) override;
  absl::Status Compact(Table table, const std::atomic<bool>* cancelled) override {
    return base_->Compact(table, cancelled);
  }

  // Encrypted values per data key id, over every table.
  absl::StatusOr<std::map<uint32_t, uint64_t>> KeyUsage() const;

  // Re-encrypts every value not under the active key, in batches of
  // `batch` records (each batch atomic). For a stopped broker: a record
  // written by someone else between read and rewrite would be overwritten.
  // Returns the number of records moved.
  absl::StatusOr<uint64_t> Reencrypt(size_t batch = 1000);

 private:
  EncryptingKvStore(KvStore* base, std::shared_ptr<const Keyring> keys) : base_(base), keys_(std::move(keys)) {}

  std::shared_ptr<const Keyring> keys() const;
  static bool Encrypts(Table table);
  absl::StatusOr<std::string> Seal(const Keyring& keys, Table table, absl::string_view stored_key,
                                   absl::string_view value) const;
  absl::StatusOr<std::string> Open(const Keyring& keys, Table table, absl::string_view stored_key,
                                   absl::string_view sealed) const;

  KvStore* base_;
  mutable absl::Mutex mu_;
  std::shared_ptr<const Keyring> keys_ ABSL_GUARDED_BY(mu_);
};

// The data key id of a stored (sealed) value; nullopt when not sealed.
std::optional<uint32_t> SealedKeyId(absl::string_view stored);

}  // namespace liaison::storage

#endif  // LIAISON_BROKER_STORAGE_ENCRYPTING_KV_STORE_H_
