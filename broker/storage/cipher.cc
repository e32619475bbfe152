#include "broker/storage/cipher.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <cstdlib>
#include <memory>

#include "absl/strings/str_cat.h"

namespace liaison::storage {
namespace {

struct CtxFree {
  void operator()(EVP_CIPHER_CTX* ctx) const { EVP_CIPHER_CTX_free(ctx); }
};
using CtxPtr = std::unique_ptr<EVP_CIPHER_CTX, CtxFree>;

struct CipherFree {
  void operator()(EVP_CIPHER* cipher) const { EVP_CIPHER_free(cipher); }
};

const unsigned char* Bytes(absl::string_view s) { return reinterpret_cast<const unsigned char*>(s.data()); }
unsigned char* Bytes(std::string& s) { return reinterpret_cast<unsigned char*>(s.data()); }

absl::Status KeySizeError(absl::string_view what, size_t want, size_t got) {
  return absl::InvalidArgumentError(absl::StrCat(what, " key must be ", want, " bytes, not ", got));
}

// AES-256-SIV comes from the default provider (no EVP_aes_256_siv()).
const EVP_CIPHER* Siv() {
  static EVP_CIPHER* cipher = EVP_CIPHER_fetch(nullptr, "AES-256-SIV", nullptr);
  return cipher;
}

}  // namespace

std::string RandomBytes(size_t n) {
  std::string out(n, '\0');
  if (n > 0 && RAND_bytes(Bytes(out), static_cast<int>(n)) != 1) std::abort();
  return out;
}

std::string HmacSha256(absl::string_view key, absl::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), Bytes(data), data.size(), digest, &length);
  return std::string(reinterpret_cast<const char*>(digest), length);
}

absl::StatusOr<std::string> GcmSeal(absl::string_view key, absl::string_view plaintext, absl::string_view aad) {
  if (key.size() != kGcmKeyBytes) return KeySizeError("AES-256-GCM", kGcmKeyBytes, key.size());
  std::string out = RandomBytes(kGcmNonceBytes);
  out.resize(kGcmNonceBytes + plaintext.size() + kGcmTagBytes);
  CtxPtr ctx(EVP_CIPHER_CTX_new());
  int length = 0;
  unsigned char* body = Bytes(out) + kGcmNonceBytes;
  bool ok = ctx != nullptr && EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, Bytes(key), Bytes(out)) == 1 &&
            EVP_EncryptUpdate(ctx.get(), nullptr, &length, Bytes(aad), static_cast<int>(aad.size())) == 1 &&
            EVP_EncryptUpdate(ctx.get(), body, &length, Bytes(plaintext), static_cast<int>(plaintext.size())) == 1 &&
            EVP_EncryptFinal_ex(ctx.get(), body + length, &length) == 1 &&
            EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, kGcmTagBytes, body + plaintext.size()) == 1;
  if (!ok) return absl::InternalError("AES-256-GCM encryption failed");
  return out;
}

absl::StatusOr<std::string> GcmOpen(absl::string_view key, absl::string_view sealed, absl::string_view aad) {
  if (key.size() != kGcmKeyBytes) return KeySizeError("AES-256-GCM", kGcmKeyBytes, key.size());
  if (sealed.size() < kGcmNonceBytes + kGcmTagBytes) return absl::DataLossError("encrypted record is truncated");
  const size_t body_size = sealed.size() - kGcmNonceBytes - kGcmTagBytes;
  std::string out(body_size, '\0');
  std::string tag(sealed.substr(sealed.size() - kGcmTagBytes));
  CtxPtr ctx(EVP_CIPHER_CTX_new());
  int length = 0;
  bool ok = ctx != nullptr &&
            EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, Bytes(key), Bytes(sealed)) == 1 &&
            EVP_DecryptUpdate(ctx.get(), nullptr, &length, Bytes(aad), static_cast<int>(aad.size())) == 1 &&
            EVP_DecryptUpdate(ctx.get(), Bytes(out), &length, Bytes(sealed) + kGcmNonceBytes,
                              static_cast<int>(body_size)) == 1 &&
            EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, kGcmTagBytes, Bytes(tag)) == 1;
  if (!ok) return absl::InternalError("AES-256-GCM decryption failed");
  if (EVP_DecryptFinal_ex(ctx.get(), Bytes(out) + length, &length) != 1) {
    return absl::DataLossError("encrypted record failed authentication (altered, moved or under another key)");
  }
  return out;
}

absl::StatusOr<std::string> SivSeal(absl::string_view key, absl::string_view plaintext, absl::string_view aad) {
  if (key.size() != kSivKeyBytes) return KeySizeError("AES-256-SIV", kSivKeyBytes, key.size());
  if (Siv() == nullptr) return absl::InternalError("AES-256-SIV is not available from OpenSSL");
  std::string out(kSivTagBytes + plaintext.size(), '\0');
  CtxPtr ctx(EVP_CIPHER_CTX_new());
  int length = 0;
  bool ok = ctx != nullptr && EVP_EncryptInit_ex(ctx.get(), Siv(), nullptr, Bytes(key), nullptr) == 1 &&
            EVP_EncryptUpdate(ctx.get(), nullptr, &length, Bytes(aad), static_cast<int>(aad.size())) == 1 &&
            EVP_EncryptUpdate(ctx.get(), Bytes(out) + kSivTagBytes, &length, Bytes(plaintext),
                              static_cast<int>(plaintext.size())) == 1 &&
            EVP_EncryptFinal_ex(ctx.get(), Bytes(out) + kSivTagBytes + length, &length) == 1 &&
            EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_AEAD_GET_TAG, kSivTagBytes, Bytes(out)) == 1;
  if (!ok) return absl::InternalError("AES-256-SIV encryption failed");
  return out;
}

absl::StatusOr<std::string> SivOpen(absl::string_view key, absl::string_view sealed, absl::string_view aad) {
  if (key.size() != kSivKeyBytes) return KeySizeError("AES-256-SIV", kSivKeyBytes, key.size());
  if (Siv() == nullptr) return absl::InternalError("AES-256-SIV is not available from OpenSSL");
  if (sealed.size() < kSivTagBytes) return absl::DataLossError("encrypted key part is truncated");
  std::string out(sealed.size() - kSivTagBytes, '\0');
  std::string tag(sealed.substr(0, kSivTagBytes));
  CtxPtr ctx(EVP_CIPHER_CTX_new());
  int length = 0;
  bool ok = ctx != nullptr && EVP_DecryptInit_ex(ctx.get(), Siv(), nullptr, Bytes(key), nullptr) == 1 &&
            EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_AEAD_SET_TAG, kSivTagBytes, Bytes(tag)) == 1 &&
            EVP_DecryptUpdate(ctx.get(), nullptr, &length, Bytes(aad), static_cast<int>(aad.size())) == 1;
  if (!ok) return absl::InternalError("AES-256-SIV decryption failed");
  // SIV checks the tag as it decrypts the (single) update.
  if (EVP_DecryptUpdate(ctx.get(), Bytes(out), &length, Bytes(sealed) + kSivTagBytes,
                        static_cast<int>(out.size())) != 1 ||
      EVP_DecryptFinal_ex(ctx.get(), Bytes(out) + length, &length) != 1) {
    return absl::DataLossError("encrypted key part failed authentication");
  }
  return out;
}

}  // namespace liaison::storage
