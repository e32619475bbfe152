#include "broker/server/broker_server.h"

#include <fstream>
#include <sstream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "broker/common/log.h"
#include "broker/common/status_macros.h"
#include "grpcpp/ext/proto_server_reflection_plugin.h"
#include "grpcpp/health_check_service_interface.h"
#include "grpcpp/security/server_credentials.h"
#include "grpcpp/server_builder.h"

namespace liaison::server {
namespace {

constexpr const char* kServiceNames[] = {"liaison.v1.Ingest", "liaison.v1.Inbox",  "liaison.v1.Registry",
                                         "liaison.v1.Audit",  "liaison.v1.Review", "liaison.v1.Policy"};

absl::StatusOr<std::string> ReadPem(const std::string& path, absl::string_view option) {
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

absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> Credentials(const ServerOptions& options) {
  if (options.insecure_dev) {
    if (!IsLoopbackAddress(options.listen_address)) {
      return absl::InvalidArgumentError(
          "--insecure-dev: refuses to listen on a non-loopback address; use mutual TLS");
    }
    return grpc::InsecureServerCredentials();
  }
  ASSIGN_OR_RETURN(std::string cert, ReadPem(options.tls_cert_file, "--tls-cert"));
  ASSIGN_OR_RETURN(std::string key, ReadPem(options.tls_key_file, "--tls-key"));
  ASSIGN_OR_RETURN(std::string ca, ReadPem(options.tls_client_ca_file, "--tls-client-ca"));
  grpc::SslServerCredentialsOptions ssl(GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY);
  ssl.pem_root_certs = ca;
  ssl.pem_key_cert_pairs.push_back({key, cert});
  return grpc::SslServerCredentials(ssl);
}

}  // namespace

bool IsLoopbackAddress(const std::string& listen_address) {
  const size_t colon = listen_address.rfind(':');
  const std::string host = colon == std::string::npos ? listen_address : listen_address.substr(0, colon);
  return host == "localhost" || host == "[::1]" || absl::StartsWith(host, "127.");
}

ServiceContext BrokerServer::Context(const ServerOptions& options) {
  return ServiceContext{core_, &access_, {options.insecure_dev}, config_.limits(), &config_};
}

BrokerServer::BrokerServer(BrokerCore* core, const ServerOptions& options)
    : core_(core),
      config_(options.config),
      access_(config_),
      ingest_(Context(options)),
      inbox_(Context(options)),
      registry_(Context(options)),
      audit_(Context(options)),
      review_(Context(options)),
      policy_(Context(options)) {}

absl::StatusOr<std::unique_ptr<BrokerServer>> BrokerServer::Start(BrokerCore* core, const ServerOptions& options) {
  ASSIGN_OR_RETURN(std::shared_ptr<grpc::ServerCredentials> credentials, Credentials(options));
  auto server = std::unique_ptr<BrokerServer>(new BrokerServer(core, options));
  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  builder.AddListeningPort(options.listen_address, credentials, &server->port_);
  builder.SetMaxReceiveMessageSize(static_cast<int>(options.config.limits().max_receive_message_bytes()));
  builder.RegisterService(&server->ingest_);
  builder.RegisterService(&server->inbox_);
  builder.RegisterService(&server->registry_);
  builder.RegisterService(&server->audit_);
  builder.RegisterService(&server->review_);
  builder.RegisterService(&server->policy_);
  server->server_ = builder.BuildAndStart();
  if (server->server_ == nullptr || server->port_ == 0) {
    return absl::UnavailableError(absl::StrCat("--listen: cannot listen on ", options.listen_address));
  }
  grpc::HealthCheckServiceInterface* health = server->server_->GetHealthCheckService();
  health->SetServingStatus(true);
  for (const char* name : kServiceNames) health->SetServingStatus(name, true);
  if (options.insecure_dev) {
    Log(LogLevel::kWarning, "INSECURE_DEV_MODE",
        {{"detail", "plaintext, unauthenticated: callers choose their own principal; local experiments only"}});
  }
  Log(LogLevel::kInfo, "serving", {{"port", server->port_}, {"tls", !options.insecure_dev}});
  return server;
}

void BrokerServer::Shutdown(absl::Duration grace) {
  if (shut_down_) return;
  shut_down_ = true;
  server_->GetHealthCheckService()->Shutdown();
  core_->Shutdown();  // ends subscription streams so Shutdown need not wait for them
  // Graceful: gRPC sends GOAWAY and waits (up to `grace`) for calls and for
  // clients to acknowledge; an idle client acknowledges when its backup
  // poller next runs (gRPC default: within 5 s).
  server_->Shutdown(std::chrono::system_clock::now() + absl::ToChronoMilliseconds(grace));
  server_->Wait();
}

BrokerServer::~BrokerServer() { Shutdown(absl::Seconds(5)); }

}  // namespace liaison::server
