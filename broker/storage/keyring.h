#ifndef LIAISON_BROKER_STORAGE_KEYRING_H_
#define LIAISON_BROKER_STORAGE_KEYRING_H_

#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "broker/storage/cipher.h"
#include "liaison/config/v1/keys.pb.h"

namespace liaison::storage {

// The keys of encryption at rest, validated and expanded: data keys by id
// (AES-256-GCM), the active one, and the index keys derived from the index
// secret (HMAC-SHA-256 for keyed hashes, deterministic encryption for
// record-key tokens). Immutable; thread-safe.
class Keyring {
 public:
  // INVALID_ARGUMENT naming the field for a malformed key file message.
  static absl::StatusOr<std::shared_ptr<const Keyring>> FromProto(const config::v1::KeyFile& file);

  uint32_t active_id() const { return active_id_; }
  // nullptr when there is no data key `id`.
  const GcmKey* DataKey(uint32_t id) const;
  const GcmKey& active_key() const { return *DataKey(active_id_); }
  // Keyed hashes of searchable values.
  const HmacKey& hasher() const { return *hasher_; }
  // Deterministic tokens of record keys.
  const DetKey& tokens() const { return *tokens_; }
  // How the audit log names a person: "psn_" + 32 hex digits of a keyed
  // hash of the CRN (its own key, so it matches no stored index key).
  std::string PersonRef(absl::string_view crn) const;
  // 16 hex digits identifying the index secret (a keyed hash of a
  // constant), recorded in the data directory; reveals nothing of it.
  const std::string& index_fingerprint() const { return index_fingerprint_; }
  size_t data_key_count() const { return data_keys_.size(); }

 private:
  Keyring() = default;
  std::map<uint32_t, std::unique_ptr<GcmKey>> data_keys_;
  uint32_t active_id_ = 0;
  std::unique_ptr<HmacKey> hasher_;
  std::unique_ptr<DetKey> tokens_;
  std::unique_ptr<HmacKey> person_refs_;
  std::string index_fingerprint_;
};

// Where keys come from. A file today; a KMS client would implement the same
// interface (fetching and unwrapping the data keys) without other changes.
class KeyProvider {
 public:
  virtual ~KeyProvider() = default;
  // The current keys (read again on each call, for rotation).
  virtual absl::StatusOr<std::shared_ptr<const Keyring>> Load() const = 0;
};

// Reads a KeyFile textproto. FAILED_PRECONDITION when the file is readable
// by anyone but its owner (it must be mode 0600 or stricter) or missing;
// INVALID_ARGUMENT with file:line and the field when malformed.
class FileKeyProvider : public KeyProvider {
 public:
  explicit FileKeyProvider(std::string path) : path_(std::move(path)) {}
  absl::StatusOr<std::shared_ptr<const Keyring>> Load() const override;

 private:
  std::string path_;
};

// A new key file's contents: a fresh index secret and data key 1, active.
config::v1::KeyFile NewKeyFile(absl::Time now);
// Adds data key (highest id + 1), makes it active and returns its id.
uint32_t AddDataKey(config::v1::KeyFile* file, absl::Time now);

// Reads / writes a key file (write: mode 0600, atomically by rename; the
// file must not be readable by others at any moment).
absl::StatusOr<config::v1::KeyFile> ReadKeyFile(const std::string& path);
absl::Status WriteKeyFile(const std::string& path, const config::v1::KeyFile& file);

}  // namespace liaison::storage

#endif  // LIAISON_BROKER_STORAGE_KEYRING_H_
