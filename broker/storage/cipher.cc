#include "broker/storage/cipher.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <array>
#include <atomic>
#include <cstdlib>
#include <memory>

#include "absl/strings/str_cat.h"

namespace liaison::storage {
namespace {

const unsigned char* Bytes(absl::string_view s) { return reinterpret_cast<const unsigned char*>(s.data()); }
unsigned char* Bytes(std::string& s) { return reinterpret_cast<unsigned char*>(s.data()); }

uint64_t NextKeyId() {
  static std::atomic<uint64_t> next{1};
  return next.fetch_add(1);
}

// A thread's OpenSSL cipher contexts, each already keyed for one key object
// (by its process-unique id). A few slots: a thread uses the active data
// key, the token key and now and then an older data key.
class ContextCache {
 public:
  ~ContextCache() {
    for (Slot& slot : slots_) EVP_CIPHER_CTX_free(slot.ctx);
  }
  EVP_CIPHER_CTX* Get(uint64_t id, const EVP_CIPHER* cipher, absl::string_view key) {
    for (Slot& slot : slots_) {
      if (slot.id == id && slot.ctx != nullptr) return slot.ctx;
    }
    Slot& slot = slots_[next_++ % slots_.size()];
    if (slot.ctx == nullptr) slot.ctx = EVP_CIPHER_CTX_new();
    slot.id = 0;
    if (slot.ctx == nullptr || EVP_EncryptInit_ex(slot.ctx, cipher, nullptr, Bytes(key), nullptr) != 1) return nullptr;
    slot.id = id;
    return slot.ctx;
  }

 private:
  struct Slot {
    uint64_t id = 0;
    EVP_CIPHER_CTX* ctx = nullptr;
  };
  std::array<Slot, 8> slots_;
  size_t next_ = 0;
};

EVP_CIPHER_CTX* ThreadContext(uint64_t id, const EVP_CIPHER* cipher, absl::string_view key) {
  thread_local ContextCache cache;
  return cache.Get(id, cipher, key);
}

}  // namespace

std::string RandomBytes(size_t n) {
  std::string out(n, '\0');
  if (n > 0 && RAND_bytes(Bytes(out), static_cast<int>(n)) != 1) std::abort();
  return out;
}

// The digest states after the key's inner and outer pads: each MAC copies
// them instead of hashing the pads again.
struct HmacKey::State {
  EVP_MD_CTX* inner = EVP_MD_CTX_new();
  EVP_MD_CTX* outer = EVP_MD_CTX_new();
};

HmacKey::HmacKey(absl::string_view key) : state_(new State()) {
  unsigned char block[64] = {0};
  if (key.size() > sizeof(block)) {
    unsigned int length = 0;
    EVP_Digest(key.data(), key.size(), block, &length, EVP_sha256(), nullptr);
  } else {
    std::copy(key.begin(), key.end(), block);
  }
  unsigned char ipad[64], opad[64];
  for (size_t i = 0; i < sizeof(block); ++i) {
    ipad[i] = block[i] ^ 0x36;
    opad[i] = block[i] ^ 0x5c;
  }
  if (EVP_DigestInit_ex(state_->inner, EVP_sha256(), nullptr) != 1 || EVP_DigestUpdate(state_->inner, ipad, 64) != 1 ||
      EVP_DigestInit_ex(state_->outer, EVP_sha256(), nullptr) != 1 || EVP_DigestUpdate(state_->outer, opad, 64) != 1) {
    std::abort();  // SHA-256 is always available; without it nothing can be stored safely
  }
  OPENSSL_cleanse(block, sizeof(block));
  OPENSSL_cleanse(ipad, sizeof(ipad));
  OPENSSL_cleanse(opad, sizeof(opad));
}

HmacKey::~HmacKey() {
  EVP_MD_CTX_free(state_->inner);
  EVP_MD_CTX_free(state_->outer);
  delete state_;
}

std::string HmacKey::Mac(std::initializer_list<absl::string_view> parts) const {
  thread_local std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> work(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  unsigned char inner[32];
  std::string out(32, '\0');
  unsigned int length = 0;
  bool ok = EVP_MD_CTX_copy_ex(work.get(), state_->inner) == 1;
  for (absl::string_view part : parts) ok = ok && EVP_DigestUpdate(work.get(), part.data(), part.size()) == 1;
  ok = ok && EVP_DigestFinal_ex(work.get(), inner, &length) == 1 && EVP_MD_CTX_copy_ex(work.get(), state_->outer) == 1 &&
       EVP_DigestUpdate(work.get(), inner, sizeof(inner)) == 1 && EVP_DigestFinal_ex(work.get(), Bytes(out), &length) == 1;
  if (!ok) std::abort();
  return out;
}

GcmKey::GcmKey(absl::string_view key) : key_(key), id_(NextKeyId()) {}

absl::StatusOr<std::unique_ptr<GcmKey>> GcmKey::Create(absl::string_view key) {
  if (key.size() != kKeyBytes) {
    return absl::InvalidArgumentError(absl::StrCat("AES-256-GCM key must be 32 bytes, not ", key.size()));
  }
  return std::unique_ptr<GcmKey>(new GcmKey(key));
}

absl::StatusOr<std::string> GcmKey::Seal(absl::string_view plaintext, absl::string_view aad) const {
  std::string out = RandomBytes(kGcmNonceBytes);
  out.resize(kGcmNonceBytes + plaintext.size() + kGcmTagBytes);
  EVP_CIPHER_CTX* ctx = ThreadContext(id_, EVP_aes_256_gcm(), key_);
  int length = 0;
  unsigned char* body = Bytes(out) + kGcmNonceBytes;
  bool ok = ctx != nullptr && EVP_EncryptInit_ex(ctx, nullptr, nullptr, nullptr, Bytes(out)) == 1 &&
            EVP_EncryptUpdate(ctx, nullptr, &length, Bytes(aad), static_cast<int>(aad.size())) == 1 &&
            EVP_EncryptUpdate(ctx, body, &length, Bytes(plaintext), static_cast<int>(plaintext.size())) == 1 &&
            EVP_EncryptFinal_ex(ctx, body + length, &length) == 1 &&
            EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, kGcmTagBytes, body + plaintext.size()) == 1;
  if (!ok) return absl::InternalError("AES-256-GCM encryption failed");
  return out;
}

absl::StatusOr<std::string> GcmKey::Open(absl::string_view sealed, absl::string_view aad) const {
  if (sealed.size() < kGcmNonceBytes + kGcmTagBytes) return absl::DataLossError("encrypted record is truncated");
  const size_t body_size = sealed.size() - kGcmNonceBytes - kGcmTagBytes;
  std::string out(body_size, '\0');
  std::string tag(sealed.substr(sealed.size() - kGcmTagBytes));
  EVP_CIPHER_CTX* ctx = ThreadContext(id_, EVP_aes_256_gcm(), key_);
  int length = 0;
  bool ok = ctx != nullptr && EVP_DecryptInit_ex(ctx, nullptr, nullptr, nullptr, Bytes(sealed)) == 1 &&
            EVP_DecryptUpdate(ctx, nullptr, &length, Bytes(aad), static_cast<int>(aad.size())) == 1 &&
            EVP_DecryptUpdate(ctx, Bytes(out), &length, Bytes(sealed) + kGcmNonceBytes, static_cast<int>(body_size)) == 1 &&
            EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_TAG, kGcmTagBytes, Bytes(tag)) == 1;
  if (!ok) return absl::InternalError("AES-256-GCM decryption failed");
  if (EVP_DecryptFinal_ex(ctx, Bytes(out) + length, &length) != 1) {
    return absl::DataLossError("encrypted record failed authentication (altered, moved or under another key)");
  }
  return out;
}

DetKey::DetKey(absl::string_view mac_key, absl::string_view enc_key) : mac_(mac_key), enc_key_(enc_key), id_(NextKeyId()) {}

absl::StatusOr<std::unique_ptr<DetKey>> DetKey::Create(absl::string_view mac_key, absl::string_view enc_key) {
  if (mac_key.size() != kKeyBytes || enc_key.size() != kKeyBytes) {
    return absl::InvalidArgumentError("deterministic encryption keys must be 32 bytes each");
  }
  return std::unique_ptr<DetKey>(new DetKey(mac_key, enc_key));
}

std::string DetKey::Ctr(absl::string_view iv, absl::string_view in) const {
  std::string out(in.size(), '\0');
  EVP_CIPHER_CTX* ctx = ThreadContext(id_, EVP_aes_256_ctr(), enc_key_);
  int length = 0;
  if (ctx == nullptr || EVP_EncryptInit_ex(ctx, nullptr, nullptr, nullptr, Bytes(iv)) != 1 ||
      EVP_EncryptUpdate(ctx, Bytes(out), &length, Bytes(in), static_cast<int>(in.size())) != 1) {
    std::abort();  // AES-CTR with a valid key cannot fail
  }
  return out;
}

std::string DetKey::Seal(absl::string_view plaintext, absl::string_view aad) const {
  const std::string iv = mac_.Mac({aad, absl::string_view("\0", 1), plaintext}).substr(0, kDetIvBytes);
  return absl::StrCat(iv, Ctr(iv, plaintext));
}

absl::StatusOr<std::string> DetKey::Open(absl::string_view sealed, absl::string_view aad) const {
  if (sealed.size() < kDetIvBytes) return absl::DataLossError("encrypted key part is truncated");
  const absl::string_view iv = sealed.substr(0, kDetIvBytes);
  std::string plaintext = Ctr(iv, sealed.substr(kDetIvBytes));
  const std::string expected = mac_.Mac({aad, absl::string_view("\0", 1), plaintext});
  if (CRYPTO_memcmp(expected.data(), iv.data(), kDetIvBytes) != 0) {
    return absl::DataLossError("encrypted key part failed authentication");
  }
  return plaintext;
}

}  // namespace liaison::storage
