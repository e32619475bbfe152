#ifndef LIAISON_BROKER_STORAGE_CIPHER_H_
#define LIAISON_BROKER_STORAGE_CIPHER_H_

#include <cstddef>
#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace liaison::storage {

// The primitives of encryption at rest, on OpenSSL EVP. Each key object
// sets its OpenSSL context up once per thread (a key schedule costs more
// than sealing a record), so they are cheap on the matcher's hot path.
// Thread-safe; immutable. Errors never carry the data.

inline constexpr size_t kKeyBytes = 32;
inline constexpr size_t kGcmNonceBytes = 12;
inline constexpr size_t kGcmTagBytes = 16;
inline constexpr size_t kDetIvBytes = 16;

// HMAC-SHA-256 under one key (RFC 2104).
class HmacKey {
 public:
  explicit HmacKey(absl::string_view key);
  ~HmacKey();
  HmacKey(const HmacKey&) = delete;
  HmacKey& operator=(const HmacKey&) = delete;
  // The 32-byte MAC of the concatenation of `parts`.
  std::string Mac(std::initializer_list<absl::string_view> parts) const;

 private:
  struct State;
  State* state_;
};

// AES-256-GCM under one key: Seal gives nonce || ciphertext || tag, with a
// fresh random 96-bit nonce each time.
class GcmKey {
 public:
  // INVALID_ARGUMENT unless `key` is 32 bytes.
  static absl::StatusOr<std::unique_ptr<GcmKey>> Create(absl::string_view key);
  absl::StatusOr<std::string> Seal(absl::string_view plaintext, absl::string_view aad) const;
  // DATA_LOSS when `sealed` is not authentic under this key and `aad`
  // (altered, truncated, another key or another aad).
  absl::StatusOr<std::string> Open(absl::string_view sealed, absl::string_view aad) const;

 private:
  explicit GcmKey(absl::string_view key);
  const std::string key_;
  const uint64_t id_;
};

// Deterministic authenticated encryption (the SIV construction of Rogaway
// and Shrimpton with HMAC-SHA-256 as its PRF and AES-256-CTR): iv =
// HMAC(mac key, aad || 0 || plaintext)[0..16], output iv || AES-CTR(enc key,
// iv, plaintext). The same plaintext and aad always give the same output
// (so a record key can be looked up by its value); Open recomputes the iv
// and refuses any change.
class DetKey {
 public:
  // Both keys 32 bytes.
  static absl::StatusOr<std::unique_ptr<DetKey>> Create(absl::string_view mac_key, absl::string_view enc_key);
  std::string Seal(absl::string_view plaintext, absl::string_view aad) const;
  absl::StatusOr<std::string> Open(absl::string_view sealed, absl::string_view aad) const;

 private:
  DetKey(absl::string_view mac_key, absl::string_view enc_key);
  std::string Ctr(absl::string_view iv, absl::string_view in) const;
  HmacKey mac_;
  const std::string enc_key_;
  const uint64_t id_;
};

// `n` bytes from the operating system's CSPRNG; aborts when there is none.
std::string RandomBytes(size_t n);

}  // namespace liaison::storage

#endif  // LIAISON_BROKER_STORAGE_CIPHER_H_
