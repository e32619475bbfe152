#include "broker/server/revocation.h"

#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <fstream>
#include <memory>
#include <sstream>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"

namespace liaison::server {
namespace {

struct BioFree {
  void operator()(BIO* b) const { BIO_free(b); }
};
struct X509Free {
  void operator()(X509* x) const { X509_free(x); }
};
struct CrlFree {
  void operator()(X509_CRL* c) const { X509_CRL_free(c); }
};
using BioPtr = std::unique_ptr<BIO, BioFree>;
using X509Ptr = std::unique_ptr<X509, X509Free>;
using CrlPtr = std::unique_ptr<X509_CRL, CrlFree>;

BioPtr MemBio(absl::string_view text) { return BioPtr(BIO_new_mem_buf(text.data(), static_cast<int>(text.size()))); }


// Normalised as the deny-list's entries are (BN_bn2hex pads to whole bytes).
std::string SerialHex(const ASN1_INTEGER* serial) {
  BIGNUM* bn = ASN1_INTEGER_to_BN(serial, nullptr);
  if (bn == nullptr) return "";
  char* hex = BN_bn2hex(bn);
  std::string out = hex == nullptr ? "" : NormalizeHex(hex, /*strip_leading_zeros=*/true);
  OPENSSL_free(hex);
  BN_free(bn);
  return out;
}

// The DER encoding of a distinguished name, hex: an exact key for issuers.
std::string NameKey(const X509_NAME* name) {
  unsigned char* der = nullptr;
  const int length = i2d_X509_NAME(name, &der);
  if (length <= 0) return "";
  std::string out = absl::BytesToHexString(absl::string_view(reinterpret_cast<char*>(der), length));
  OPENSSL_free(der);
  return out;
}

std::vector<X509Ptr> ReadCertificates(absl::string_view pem) {
  std::vector<X509Ptr> certs;
  BioPtr bio = MemBio(pem);
  while (X509* cert = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr)) certs.emplace_back(cert);
  return certs;
}

absl::Status Invalid(absl::string_view field, absl::string_view reason) {
  return absl::InvalidArgumentError(absl::StrCat("revocation.", field, ": ", reason));
}

}  // namespace

std::string NormalizeHex(absl::string_view hex, bool strip_leading_zeros) {
  std::string out;
  for (char c : hex) {
    if (c == ':') continue;
    if (!absl::ascii_isxdigit(static_cast<unsigned char>(c))) return "";
    out.push_back(absl::ascii_toupper(static_cast<unsigned char>(c)));
  }
  if (strip_leading_zeros) {
    const size_t first = out.find_first_not_of('0');
    out = first == std::string::npos ? (out.empty() ? "" : "0") : out.substr(first);
  }
  return out;
}

absl::StatusOr<RevocationList> RevocationList::Load(const config::v1::Revocation& revocation,
                                                    absl::string_view trusted_ca_pem) {
  RevocationList list;
  for (int i = 0; i < revocation.serials_size(); ++i) {
    std::string serial = NormalizeHex(revocation.serials(i), /*strip_leading_zeros=*/true);
    if (serial.empty()) return Invalid(absl::StrCat("serials[", i, "]"), "is not a hexadecimal serial number");
    list.serials_.insert(std::move(serial));
  }
  for (int i = 0; i < revocation.sha256_fingerprints_size(); ++i) {
    std::string fingerprint = NormalizeHex(revocation.sha256_fingerprints(i), /*strip_leading_zeros=*/false);
    if (fingerprint.size() != 64) {
      return Invalid(absl::StrCat("sha256_fingerprints[", i, "]"), "is not a SHA-256 fingerprint (64 hex digits)");
    }
    list.fingerprints_.insert(std::move(fingerprint));
  }
  if (revocation.crl_file().empty()) return list;

  std::ifstream in(revocation.crl_file());
  if (!in) return Invalid("crl_file", absl::StrCat("cannot read ", revocation.crl_file()));
  std::stringstream text;
  text << in.rdbuf();
  const std::vector<X509Ptr> cas = ReadCertificates(trusted_ca_pem);
  const std::string crl_text = text.str();
  BioPtr bio = MemBio(crl_text);
  int crls = 0;
  while (X509_CRL* raw = PEM_read_bio_X509_CRL(bio.get(), nullptr, nullptr, nullptr)) {
    CrlPtr crl(raw);
    ++crls;
    const X509_NAME* issuer = X509_CRL_get_issuer(crl.get());
    bool signed_by_trusted_ca = false;
    for (const X509Ptr& ca : cas) {
      if (X509_NAME_cmp(X509_get_subject_name(ca.get()), issuer) == 0 &&
          X509_CRL_verify(crl.get(), X509_get0_pubkey(ca.get())) == 1) {
        signed_by_trusted_ca = true;
        break;
      }
    }
    if (!signed_by_trusted_ca) {
      return Invalid("crl_file", absl::StrCat("CRL ", crls, " in ", revocation.crl_file(),
                                              " is not signed by a CA in the client CA bundle"));
    }
    const std::string issuer_key = NameKey(issuer);
    STACK_OF(X509_REVOKED)* revoked = X509_CRL_get_REVOKED(crl.get());
    for (int i = 0; i < sk_X509_REVOKED_num(revoked); ++i) {
      const ASN1_INTEGER* serial = X509_REVOKED_get0_serialNumber(sk_X509_REVOKED_value(revoked, i));
      list.issuer_serials_.insert(absl::StrCat(issuer_key, "/", SerialHex(serial)));
    }
  }
  if (crls == 0) return Invalid("crl_file", absl::StrCat(revocation.crl_file(), " holds no PEM CRL"));
  return list;
}

absl::Status RevocationList::Check(absl::string_view cert_pem) const {
  std::vector<X509Ptr> certs = ReadCertificates(cert_pem);
  if (certs.empty()) return absl::UnauthenticatedError("the client certificate cannot be read");
  X509* cert = certs.front().get();
  const std::string serial = SerialHex(X509_get0_serialNumber(cert));
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int digest_length = 0;
  if (X509_digest(cert, EVP_sha256(), digest, &digest_length) != 1) {
    return absl::UnauthenticatedError("the client certificate cannot be read");
  }
  const std::string fingerprint = absl::AsciiStrToUpper(
      absl::BytesToHexString(absl::string_view(reinterpret_cast<char*>(digest), digest_length)));
  if (serials_.contains(serial) || fingerprints_.contains(fingerprint) ||
      issuer_serials_.contains(absl::StrCat(NameKey(X509_get_issuer_name(cert)), "/", serial))) {
    return absl::UnauthenticatedError("the client certificate has been revoked");
  }
  return absl::OkStatus();
}

}  // namespace liaison::server
