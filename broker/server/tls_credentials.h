#ifndef LIAISON_BROKER_SERVER_TLS_CREDENTIALS_H_
#define LIAISON_BROKER_SERVER_TLS_CREDENTIALS_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "broker/server/access_control.h"
#include "grpcpp/security/server_credentials.h"

namespace liaison::server {

// The files behind the broker's mutual TLS.
struct TlsFiles {
  // The server's certificate chain and key, and the CA bundle client
  // certificates must chain to (PEM).
  std::string cert_file;
  std::string key_file;
  std::string client_ca_file;
  // How often the three files are re-read: a changed, consistent set (key
  // matching certificate) is used for every later handshake.
  absl::Duration refresh_interval = absl::Seconds(60);
};

// Reads `path`, which must hold PEM; INVALID_ARGUMENT naming `option` when
// it is empty, unreadable or not PEM.
absl::StatusOr<std::string> ReadPemFile(const std::string& path, absl::string_view option);

// Mutual TLS credentials that require and verify a client certificate
// against the CA bundle, watch the files for rotation, and refuse at the
// handshake a certificate `access` reports revoked. The files are checked
// first (INVALID_ARGUMENT naming the flag). `access` must outlive the
// credentials and the server using them.
absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> MutualTlsCredentials(const TlsFiles& files,
                                                                              AccessControl* access);

}  // namespace liaison::server

#endif  // LIAISON_BROKER_SERVER_TLS_CREDENTIALS_H_
