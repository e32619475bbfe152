#include "broker/audit/ed25519.h"

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <sys/stat.h>

#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace liaison::audit {
namespace {

struct PkeyFree {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
struct BioFree {
  void operator()(BIO* bio) const { BIO_free(bio); }
};
struct MdCtxFree {
  void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
};
using PkeyPtr = std::unique_ptr<EVP_PKEY, PkeyFree>;

std::unique_ptr<BIO, BioFree> MemoryBio(absl::string_view text) {
  return std::unique_ptr<BIO, BioFree>(BIO_new_mem_buf(text.data(), static_cast<int>(text.size())));
}

absl::StatusOr<std::string> RawPublicKey(EVP_PKEY* key) {
  std::string raw(kEd25519PublicKeySize, '\0');
  size_t length = raw.size();
  if (EVP_PKEY_get_raw_public_key(key, reinterpret_cast<unsigned char*>(raw.data()), &length) != 1 ||
      length != kEd25519PublicKeySize) {
    return absl::InternalError("OpenSSL could not export the Ed25519 public key");
  }
  return raw;
}

absl::StatusOr<std::string> ReadFile(const std::string& path, absl::string_view field) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat(field, ": cannot read ", path));
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

struct Ed25519Signer::KeyHandle {
  PkeyPtr key;
};

absl::StatusOr<Ed25519PublicKey> Ed25519PublicKey::FromPem(absl::string_view pem) {
  auto bio = MemoryBio(pem);
  PkeyPtr key(PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr));
  if (key == nullptr || EVP_PKEY_get_id(key.get()) != EVP_PKEY_ED25519) {
    return absl::InvalidArgumentError("not an Ed25519 public key in PEM (openssl pkey -pubout)");
  }
  absl::StatusOr<std::string> raw = RawPublicKey(key.get());
  if (!raw.ok()) return raw.status();
  return Ed25519PublicKey(*std::move(raw));
}

absl::StatusOr<Ed25519PublicKey> Ed25519PublicKey::FromPemFile(const std::string& path) {
  absl::StatusOr<std::string> pem = ReadFile(path, "public key");
  if (!pem.ok()) return pem.status();
  absl::StatusOr<Ed25519PublicKey> key = FromPem(*pem);
  if (!key.ok()) return absl::InvalidArgumentError(absl::StrCat(path, ": ", key.status().message()));
  return key;
}

absl::StatusOr<Ed25519PublicKey> Ed25519PublicKey::FromRaw(absl::string_view raw) {
  if (raw.size() != kEd25519PublicKeySize) {
    return absl::InvalidArgumentError(absl::StrCat("an Ed25519 public key has 32 bytes, not ", raw.size()));
  }
  return Ed25519PublicKey(std::string(raw));
}

std::string Ed25519PublicKey::ToPem() const {
  PkeyPtr key(EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr,
                                          reinterpret_cast<const unsigned char*>(raw_.data()), raw_.size()));
  std::unique_ptr<BIO, BioFree> bio(BIO_new(BIO_s_mem()));
  if (key == nullptr || bio == nullptr || PEM_write_bio_PUBKEY(bio.get(), key.get()) != 1) return "";
  char* data = nullptr;
  const long length = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<size_t>(length));
}

bool Ed25519PublicKey::Verify(absl::string_view message, absl::string_view signature) const {
  if (signature.size() != kEd25519SignatureSize) return false;
  PkeyPtr key(EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr,
                                          reinterpret_cast<const unsigned char*>(raw_.data()), raw_.size()));
  std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx(EVP_MD_CTX_new());
  if (key == nullptr || ctx == nullptr) return false;
  if (EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, key.get()) != 1) return false;
  return EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(signature.data()), signature.size(),
                          reinterpret_cast<const unsigned char*>(message.data()), message.size()) == 1;
}

Ed25519Signer::Ed25519Signer(std::unique_ptr<KeyHandle> key, Ed25519PublicKey public_key)
    : key_(std::move(key)), public_key_(std::move(public_key)) {}

Ed25519Signer::~Ed25519Signer() = default;

absl::StatusOr<std::unique_ptr<Ed25519Signer>> Ed25519Signer::FromPem(absl::string_view pem) {
  auto bio = MemoryBio(pem);
  PkeyPtr key(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
  if (key == nullptr || EVP_PKEY_get_id(key.get()) != EVP_PKEY_ED25519) {
    return absl::InvalidArgumentError(
        "not an Ed25519 private key in PEM (make one with: openssl genpkey -algorithm ed25519)");
  }
  absl::StatusOr<std::string> raw = RawPublicKey(key.get());
  if (!raw.ok()) return raw.status();
  auto handle = std::make_unique<KeyHandle>();
  handle->key = std::move(key);
  absl::StatusOr<Ed25519PublicKey> public_key = Ed25519PublicKey::FromRaw(*raw);
  if (!public_key.ok()) return public_key.status();
  return std::unique_ptr<Ed25519Signer>(new Ed25519Signer(std::move(handle), *std::move(public_key)));
}

absl::StatusOr<std::unique_ptr<Ed25519Signer>> Ed25519Signer::FromPemFile(const std::string& path,
                                                                           absl::string_view field) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) return absl::NotFoundError(absl::StrCat(field, ": cannot read ", path));
  if (!S_ISREG(info.st_mode)) {
    return absl::FailedPreconditionError(absl::StrCat(field, ": ", path, " is not a regular file"));
  }
  if ((info.st_mode & 077) != 0) {
    return absl::FailedPreconditionError(absl::StrFormat(
        "%s: %s has mode %04o; a signing key must not be readable or writable by group or others "
        "(chmod 600 it)",
        field, path, info.st_mode & 07777));
  }
  absl::StatusOr<std::string> pem = ReadFile(path, field);
  if (!pem.ok()) return pem.status();
  absl::StatusOr<std::unique_ptr<Ed25519Signer>> signer = FromPem(*pem);
  if (!signer.ok()) return absl::InvalidArgumentError(absl::StrCat(field, ": ", path, ": ", signer.status().message()));
  return signer;
}

std::unique_ptr<Ed25519Signer> Ed25519Signer::Generate() {
  PkeyPtr key(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"));
  auto handle = std::make_unique<KeyHandle>();
  Ed25519PublicKey public_key = Ed25519PublicKey::FromRaw(RawPublicKey(key.get()).value()).value();
  handle->key = std::move(key);
  return std::unique_ptr<Ed25519Signer>(new Ed25519Signer(std::move(handle), std::move(public_key)));
}

absl::StatusOr<std::string> Ed25519Signer::Sign(absl::string_view message) const {
  std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx(EVP_MD_CTX_new());
  std::string signature(kEd25519SignatureSize, '\0');
  size_t length = signature.size();
  if (ctx == nullptr || EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, key_->key.get()) != 1 ||
      EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(signature.data()), &length,
                     reinterpret_cast<const unsigned char*>(message.data()), message.size()) != 1 ||
      length != kEd25519SignatureSize) {
    return absl::InternalError("OpenSSL could not sign with the Ed25519 key");
  }
  return signature;
}

}  // namespace liaison::audit
