#include "broker/server/broker_server.h"

#include <algorithm>
#include <limits>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "broker/common/log.h"
#include "broker/common/status_macros.h"
#include "grpcpp/ext/proto_server_reflection_plugin.h"
#include "grpcpp/health_check_service_interface.h"
#include "grpcpp/security/server_credentials.h"
#include "grpcpp/server_builder.h"
#include "broker/server/tls_credentials.h"

namespace liaison::server {
namespace {

constexpr int kKeepaliveTimeMs = 60'000;
constexpr int kKeepaliveTimeoutMs = 20'000;
// Idle handler threads the synchronous server keeps. gRPC's default (2)
// makes a thread for nearly every concurrent call and ends it afterwards:
// under load the broker then spends about a quarter of its CPU creating and
// tearing down threads (stacks, malloc arenas, OpenSSL's per-thread random
// generator). Idle threads only wait on the completion queue.
constexpr int kMinPollers = 4;
constexpr int kMaxPollers = 128;

constexpr const char* kServiceNames[] = {"liaison.v1.Ingest", "liaison.v1.Inbox",  "liaison.v1.Registry",
                                         "liaison.v1.Audit",  "liaison.v1.Review", "liaison.v1.Policy",
                                         "liaison.v1.Admin"};

// The client CA bundle as it is now (CRLs must be signed by one of its CAs);
// empty in insecure-dev mode.
absl::StatusOr<std::string> ClientCaPem(const std::string& client_ca_file) {
  if (client_ca_file.empty()) return std::string();
  return ReadPemFile(client_ca_file, "--tls-client-ca");
}

absl::StatusOr<RevocationList> LoadRevocation(const config::v1::BrokerConfig& config,
                                              const std::string& client_ca_file) {
  ASSIGN_OR_RETURN(std::string ca, ClientCaPem(client_ca_file));
  return RevocationList::Load(config.revocation(), ca);
}

// Every connection is closed after max_connection_age (its calls get the
// grace period), so no call or stream outlives both; keepalive pings find
// peers that have gone silently.
void SetConnectionLimits(const config::v1::Limits& limits, grpc::ServerBuilder* builder) {
  const auto millis = [](uint32_t seconds) {
    return static_cast<int>(std::min<uint64_t>(seconds * uint64_t{1000}, std::numeric_limits<int>::max()));
  };
  // Zero (a config not filled by the loader) leaves gRPC's default: unbounded.
  if (limits.max_connection_age_seconds() != 0) {
    builder->AddChannelArgument(GRPC_ARG_MAX_CONNECTION_AGE_MS, millis(limits.max_connection_age_seconds()));
    builder->AddChannelArgument(GRPC_ARG_MAX_CONNECTION_AGE_GRACE_MS,
                                millis(limits.max_connection_age_grace_seconds()));
  }
  builder->AddChannelArgument(GRPC_ARG_KEEPALIVE_TIME_MS, kKeepaliveTimeMs);
  builder->AddChannelArgument(GRPC_ARG_KEEPALIVE_TIMEOUT_MS, kKeepaliveTimeoutMs);
}

}  // namespace

std::vector<std::string> ServedServiceNames() { return {std::begin(kServiceNames), std::end(kServiceNames)}; }

bool IsLoopbackAddress(const std::string& listen_address) {
  const size_t colon = listen_address.rfind(':');
  const std::string host = colon == std::string::npos ? listen_address : listen_address.substr(0, colon);
  return host == "localhost" || host == "[::1]" || absl::StartsWith(host, "127.");
}

ServiceContext BrokerServer::Context(const ServerOptions& options) {
  return ServiceContext{core_, &access_, {options.insecure_dev}, config_.limits(), &config_,
                        options.backup ? &backup_ : nullptr};
}

BrokerServer::BrokerServer(BrokerCore* core, const ServerOptions& options, RevocationList revoked)
    : core_(core),
      config_(options.config),
      client_ca_file_(options.insecure_dev ? "" : options.tls_client_ca_file),
      access_(config_, std::move(revoked), options.clock),
      ingest_(Context(options)),
      inbox_(Context(options)),
      registry_(Context(options)),
      audit_(Context(options)),
      review_(Context(options)),
      policy_(Context(options)),
      backup_(options.backup),
      admin_(Context(options)) {}

absl::StatusOr<std::unique_ptr<BrokerServer>> BrokerServer::Start(BrokerCore* core, const ServerOptions& options) {
  if (options.insecure_dev && !IsLoopbackAddress(options.listen_address)) {
    return absl::InvalidArgumentError("--insecure-dev: refuses to listen on a non-loopback address; use mutual TLS");
  }
  ASSIGN_OR_RETURN(RevocationList revoked,
                   LoadRevocation(options.config, options.insecure_dev ? "" : options.tls_client_ca_file));
  auto server = std::unique_ptr<BrokerServer>(new BrokerServer(core, options, std::move(revoked)));
  std::shared_ptr<grpc::ServerCredentials> credentials = grpc::InsecureServerCredentials();
  if (!options.insecure_dev) {
    TlsFiles files{options.tls_cert_file, options.tls_key_file, options.tls_client_ca_file,
                   options.tls_refresh_interval};
    ASSIGN_OR_RETURN(credentials, MutualTlsCredentials(files, &server->access_));
  }
  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  builder.AddListeningPort(options.listen_address, credentials, &server->port_);
  builder.SetMaxReceiveMessageSize(static_cast<int>(options.config.limits().max_receive_message_bytes()));
  SetConnectionLimits(options.config.limits(), &builder);
  builder.SetSyncServerOption(grpc::ServerBuilder::SyncServerOption::MIN_POLLERS, kMinPollers);
  builder.SetSyncServerOption(grpc::ServerBuilder::SyncServerOption::MAX_POLLERS, kMaxPollers);
  builder.RegisterService(&server->ingest_);
  builder.RegisterService(&server->inbox_);
  builder.RegisterService(&server->registry_);
  builder.RegisterService(&server->audit_);
  builder.RegisterService(&server->review_);
  builder.RegisterService(&server->policy_);
  builder.RegisterService(&server->admin_);
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

absl::Status BrokerServer::ReloadAccess(const config::v1::BrokerConfig& config) {
  absl::StatusOr<RevocationList> revoked = LoadRevocation(config, client_ca_file_);
  if (!revoked.ok()) {
    Log(LogLevel::kWarning, "access_reload_refused", {{"code", absl::StatusCodeToString(revoked.status().code())}});
    return revoked.status();
  }
  const size_t revoked_entries = revoked->size() + config.revocation().principal_ids_size();
  access_.Replace(config, *std::move(revoked));
  Log(LogLevel::kInfo, "access_reloaded",
      {{"principals", config.principals_size()}, {"revoked_entries", revoked_entries}});
  return absl::OkStatus();
}

void BrokerServer::Shutdown(absl::Duration grace) {
  if (shut_down_) return;
  shut_down_ = true;
  if (server_ == nullptr) return;  // Start failed: nothing was served
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
