#include "broker/server/tls_credentials.h"

#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "broker/common/log.h"
#include "broker/common/status_macros.h"
#include "grpc/grpc_security_constants.h"
#include "grpcpp/security/tls_certificate_provider.h"
#include "grpcpp/security/tls_certificate_verifier.h"
#include "grpcpp/security/tls_credentials_options.h"

namespace liaison::server {
namespace {

// Runs after gRPC has verified the client's chain against the CA bundle:
// refuses certificates revoked by the access control in force.
class RevocationVerifier : public grpc::experimental::ExternalCertificateVerifier {
 public:
  explicit RevocationVerifier(AccessControl* access) : access_(access) {}

  bool Verify(grpc::experimental::TlsCustomVerificationCheckRequest* request,
              std::function<void(grpc::Status)> /*callback*/, grpc::Status* sync_status) override {
    const grpc::string_ref pem = request->peer_cert();
    const absl::Status checked = access_->CheckCertificate(absl::string_view(pem.data(), pem.size()));
    if (checked.ok()) {
      *sync_status = grpc::Status::OK;
    } else {
      Log(LogLevel::kWarning, "handshake_refused", {{"reason", std::string(checked.message())}});
      *sync_status = grpc::Status(grpc::StatusCode::UNAUTHENTICATED, std::string(checked.message()));
    }
    return true;  // synchronous
  }

  void Cancel(grpc::experimental::TlsCustomVerificationCheckRequest* /*request*/) override {}

 private:
  AccessControl* access_;
};

}  // namespace

absl::StatusOr<std::string> ReadPemFile(const std::string& path, absl::string_view option) {
  if (path.empty()) return absl::InvalidArgumentError(absl::StrCat(option, ": is required (or --insecure-dev)"));
  std::ifstream in(path);
  if (!in) return absl::InvalidArgumentError(absl::StrCat(option, ": cannot read ", path));
  std::stringstream text;
  text << in.rdbuf();
  if (text.str().find("-----BEGIN") == std::string::npos) {
    return absl::InvalidArgumentError(absl::StrCat(option, ": ", path, " is not a PEM file"));
  }
  return text.str();
}

absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> MutualTlsCredentials(const TlsFiles& files,
                                                                              AccessControl* access) {
  RETURN_IF_ERROR(ReadPemFile(files.cert_file, "--tls-cert").status());
  RETURN_IF_ERROR(ReadPemFile(files.key_file, "--tls-key").status());
  RETURN_IF_ERROR(ReadPemFile(files.client_ca_file, "--tls-client-ca").status());
  const int64_t interval = absl::ToInt64Seconds(files.refresh_interval);
  if (interval < 1) return absl::InvalidArgumentError("--tls-refresh-interval: must be at least 1s");
  auto provider = std::make_shared<grpc::experimental::FileWatcherCertificateProvider>(
      files.key_file, files.cert_file, files.client_ca_file, static_cast<unsigned int>(interval));
  grpc::experimental::TlsServerCredentialsOptions options(provider);
  options.watch_root_certs();
  options.watch_identity_key_cert_pairs();
  options.set_cert_request_type(GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY);
  options.set_certificate_verifier(
      grpc::experimental::ExternalCertificateVerifier::Create<RevocationVerifier>(access));
  return grpc::experimental::TlsServerCredentials(options);
}

}  // namespace liaison::server
