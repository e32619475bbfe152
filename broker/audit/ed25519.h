#ifndef LIAISON_BROKER_AUDIT_ED25519_H_
#define LIAISON_BROKER_AUDIT_ED25519_H_

// Ed25519 keys for signing and checking audit checkpoints, through OpenSSL
// EVP (EVP_PKEY_ED25519; EVP_DigestSign with no digest). Both classes are
// immutable after creation and thread-safe.

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace liaison::audit {

inline constexpr size_t kEd25519PublicKeySize = 32;
inline constexpr size_t kEd25519SignatureSize = 64;

class Ed25519PublicKey {
 public:
  // From PEM text (SubjectPublicKeyInfo, `openssl pkey -pubout`).
  // INVALID_ARGUMENT when it is not an Ed25519 public key.
  static absl::StatusOr<Ed25519PublicKey> FromPem(absl::string_view pem);
  // From a PEM file; NOT_FOUND when unreadable, else as FromPem.
  static absl::StatusOr<Ed25519PublicKey> FromPemFile(const std::string& path);
  // From the 32 raw key bytes. INVALID_ARGUMENT for another length.
  static absl::StatusOr<Ed25519PublicKey> FromRaw(absl::string_view raw);

  // The 32 raw key bytes.
  const std::string& raw() const { return raw_; }
  // The key as PEM (SubjectPublicKeyInfo).
  std::string ToPem() const;
  // Whether `signature` is this key's signature of `message`.
  bool Verify(absl::string_view message, absl::string_view signature) const;

 private:
  explicit Ed25519PublicKey(std::string raw) : raw_(std::move(raw)) {}
  std::string raw_;
};

class Ed25519Signer {
 public:
  ~Ed25519Signer();
  Ed25519Signer(const Ed25519Signer&) = delete;
  Ed25519Signer& operator=(const Ed25519Signer&) = delete;

  // Loads a PEM private key (`openssl genpkey -algorithm ed25519`) from a
  // file that group and others can neither read nor write (mode 0600 or
  // stricter). Errors name `field` (e.g. "audit.signing_key_file") and the
  // reason, never the key: NOT_FOUND when the file cannot be read;
  // FAILED_PRECONDITION for a file with group or other permissions;
  // INVALID_ARGUMENT when it holds no Ed25519 private key.
  static absl::StatusOr<std::unique_ptr<Ed25519Signer>> FromPemFile(const std::string& path,
                                                                      absl::string_view field);
  // From PEM text, without the file checks (tests).
  static absl::StatusOr<std::unique_ptr<Ed25519Signer>> FromPem(absl::string_view pem);
  // A fresh random key (tests).
  static std::unique_ptr<Ed25519Signer> Generate();

  const Ed25519PublicKey& public_key() const { return public_key_; }
  // The 64-byte signature of `message`. INTERNAL when OpenSSL fails.
  absl::StatusOr<std::string> Sign(absl::string_view message) const;

 private:
  struct KeyHandle;
  Ed25519Signer(std::unique_ptr<KeyHandle> key, Ed25519PublicKey public_key);

  std::unique_ptr<KeyHandle> key_;
  Ed25519PublicKey public_key_;
};

}  // namespace liaison::audit

#endif  // LIAISON_BROKER_AUDIT_ED25519_H_
