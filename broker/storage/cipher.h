#ifndef LIAISON_BROKER_STORAGE_CIPHER_H_
#define LIAISON_BROKER_STORAGE_CIPHER_H_

#include <cstddef>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace liaison::storage {

// The primitives of encryption at rest, on OpenSSL EVP. Errors never carry
// the data.

inline constexpr size_t kGcmKeyBytes = 32;
inline constexpr size_t kGcmNonceBytes = 12;
inline constexpr size_t kGcmTagBytes = 16;
inline constexpr size_t kSivKeyBytes = 64;
inline constexpr size_t kSivTagBytes = 16;

// AES-256-GCM under a fresh random nonce: nonce || ciphertext || tag.
absl::StatusOr<std::string> GcmSeal(absl::string_view key, absl::string_view plaintext, absl::string_view aad);
// The plaintext of GcmSeal's output; DATA_LOSS when it is not authentic
// under `key` and `aad` (altered, truncated, another key or another aad).
absl::StatusOr<std::string> GcmOpen(absl::string_view key, absl::string_view sealed, absl::string_view aad);

// AES-256-SIV (RFC 5297), deterministic: the same key, plaintext and aad
// always give the same output, tag || ciphertext. For record keys that must
// be found again by their value.
absl::StatusOr<std::string> SivSeal(absl::string_view key, absl::string_view plaintext, absl::string_view aad);
absl::StatusOr<std::string> SivOpen(absl::string_view key, absl::string_view sealed, absl::string_view aad);

// HMAC-SHA-256 (32 bytes).
std::string HmacSha256(absl::string_view key, absl::string_view data);

// `n` bytes from the operating system's CSPRNG; aborts when there is none.
std::string RandomBytes(size_t n);

}  // namespace liaison::storage

#endif  // LIAISON_BROKER_STORAGE_CIPHER_H_
