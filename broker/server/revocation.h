#ifndef LIAISON_BROKER_SERVER_REVOCATION_H_
#define LIAISON_BROKER_SERVER_REVOCATION_H_

#include <string>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "liaison/config/v1/config.pb.h"

namespace liaison::server {

// The client certificates the broker refuses: serials and fingerprints from
// the config's deny-list, and the entries of CRLs signed by a trusted CA.
// Immutable once built; thread-safe.
class RevocationList {
 public:
  // Nothing revoked.
  RevocationList() = default;

  // Reads `revocation.crl_file` (when set) and checks every CRL in it is
  // signed by a CA certificate in `trusted_ca_pem`. INVALID_ARGUMENT naming
  // the field (revocation.crl_file, revocation.serials[i],
  // revocation.sha256_fingerprints[i]) for a malformed entry, an unreadable
  // or unparsable file, or a CRL no trusted CA signed.
  static absl::StatusOr<RevocationList> Load(const config::v1::Revocation& revocation,
                                             absl::string_view trusted_ca_pem);

  // OK when the PEM certificate `cert_pem` is not revoked; UNAUTHENTICATED
  // when it is (or cannot be parsed). The message names no certificate
  // data.
  absl::Status Check(absl::string_view cert_pem) const;

  // How many serials (deny-list and CRLs) and fingerprints are refused.
  size_t size() const { return serials_.size() + issuer_serials_.size() + fingerprints_.size(); }

 private:
  // Upper-case hex without colons or leading zeros (serials).
  absl::flat_hash_set<std::string> serials_;
  // CRL entries: issuer name (one-line DN) + "/" + serial.
  absl::flat_hash_set<std::string> issuer_serials_;
  // Upper-case hex SHA-256 of the DER certificate.
  absl::flat_hash_set<std::string> fingerprints_;
};

// "0a:1B" -> "A1B": upper case, no colons, no leading zeros; empty when
// `hex` is not hexadecimal (colons allowed).
std::string NormalizeHex(absl::string_view hex, bool strip_leading_zeros);

}  // namespace liaison::server

#endif  // LIAISON_BROKER_SERVER_REVOCATION_H_
