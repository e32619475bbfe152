#include "broker/ctl/connection.h"

#include <chrono>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "broker/common/status_macros.h"
#include "broker/ctl/file_util.h"
#include "grpc/grpc_security_constants.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "grpcpp/support/channel_arguments.h"

namespace liaison::ctl {
namespace {

// PEM files are small; anything bigger is the wrong file.
constexpr size_t kMaxPemBytes = 1 << 20;

// The host part of "host:port", "[v6]:port" or a bare host.
absl::string_view HostOf(absl::string_view authority) {
  if (absl::ConsumePrefix(&authority, "[")) {
    return authority.substr(0, authority.find(']'));
  }
  const size_t colon = authority.rfind(':');
  // More than one colon without brackets: a bare IPv6 address.
  if (colon != absl::string_view::npos && authority.find(':') == colon) {
    return authority.substr(0, colon);
  }
  return authority;
}

absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> TlsCredentials(
    const ConnectionOptions& options) {
  grpc::SslCredentialsOptions ssl;
  ASSIGN_OR_RETURN(ssl.pem_root_certs, ReadFileToString(options.ca_file, kMaxPemBytes));
  ASSIGN_OR_RETURN(ssl.pem_cert_chain, ReadFileToString(options.cert_file, kMaxPemBytes));
  ASSIGN_OR_RETURN(ssl.pem_private_key, ReadFileToString(options.key_file, kMaxPemBytes));
  return grpc::SslCredentials(ssl);
}

}  // namespace

bool IsLoopbackTarget(absl::string_view target) {
  if (absl::StartsWith(target, "unix:") || absl::StartsWith(target, "unix-abstract:")) {
    return true;
  }
  for (absl::string_view scheme : {"dns:///", "dns:", "ipv4:", "ipv6:"}) {
    if (absl::ConsumePrefix(&target, scheme)) break;
  }
  const absl::string_view host = HostOf(target);
  return host == "localhost" || host == "::1" || absl::StartsWith(host, "127.");
}

absl::Status ValidateConnectionOptions(const ConnectionOptions& options) {
  if (options.target.empty()) return absl::InvalidArgumentError("--target is empty");
  if (options.timeout <= absl::ZeroDuration()) {
    return absl::InvalidArgumentError("--timeout must be positive");
  }
  if (options.insecure_dev) {
    if (!IsLoopbackTarget(options.target)) {
      return absl::InvalidArgumentError(
          absl::StrCat("--insecure-dev only connects to a loopback target, not ", options.target));
    }
    return absl::OkStatus();
  }
  if (!options.principal.empty()) {
    return absl::InvalidArgumentError(
        "--principal is only used with --insecure-dev (with TLS the certificate is the identity)");
  }
  if (options.ca_file.empty() || options.cert_file.empty() || options.key_file.empty()) {
    return absl::InvalidArgumentError(
        "mutual TLS needs --ca, --cert and --key (or LIAISON_CA, LIAISON_CERT, LIAISON_KEY); "
        "use --insecure-dev for a development broker");
  }
  return absl::OkStatus();
}

absl::StatusOr<Connection> Connection::Dial(const ConnectionOptions& options) {
  RETURN_IF_ERROR(ValidateConnectionOptions(options));
  grpc::ChannelArguments args;
  std::shared_ptr<grpc::ChannelCredentials> credentials;
  if (options.insecure_dev) {
    credentials = grpc::InsecureChannelCredentials();
  } else {
    ASSIGN_OR_RETURN(credentials, TlsCredentials(options));
    if (!options.server_name.empty()) {
      args.SetString(GRPC_SSL_TARGET_NAME_OVERRIDE_ARG, options.server_name);
    }
  }
  return Connection(grpc::CreateCustomChannel(options.target, credentials, args), options);
}

Connection::Connection(std::shared_ptr<grpc::Channel> channel, ConnectionOptions options)
    : channel_(std::move(channel)), options_(std::move(options)) {}

void Connection::ConfigureUnaryCall(grpc::ClientContext& context) const {
  ConfigureStreamingCall(context);
  context.set_deadline(std::chrono::system_clock::now() +
                       absl::ToChronoNanoseconds(options_.timeout));
}

void Connection::ConfigureStreamingCall(grpc::ClientContext& context) const {
  if (options_.insecure_dev && !options_.principal.empty()) {
    context.AddMetadata(kPrincipalHeader, options_.principal);
  }
}

}  // namespace liaison::ctl
