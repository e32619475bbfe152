#ifndef LIAISON_BROKER_SERVER_BROKER_SERVER_H_
#define LIAISON_BROKER_SERVER_BROKER_SERVER_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "broker/common/clock.h"
#include "broker/core/broker_core.h"
#include "broker/server/access_control.h"
#include "broker/server/services.h"
#include "grpcpp/server.h"
#include "liaison/config/v1/config.pb.h"

namespace liaison::server {

struct ServerOptions {
  // host:port; port 0 picks a free port.
  std::string listen_address = "127.0.0.1:7443";
  // Mutual TLS: the server's certificate chain and key, and the CA that
  // client certificates must chain to (PEM files).
  std::string tls_cert_file;
  std::string tls_key_file;
  std::string tls_client_ca_file;
  // How often the three TLS files are re-read for rotation.
  absl::Duration tls_refresh_interval = absl::Seconds(60);
  // Plaintext, principal from a header; loopback addresses only.
  bool insecure_dev = false;
  config::v1::BrokerConfig config;
  // Times the per-principal request rate; not owned.
  Clock* clock = RealClock::Get();
  // Admin.Backup: checkpoints the store into a new directory and describes
  // it (backup::TakeBackup). Unset: Backup answers UNIMPLEMENTED.
  std::function<absl::StatusOr<v1::BackupResponse>(const std::string&)> backup;
};

// The full names of the services the broker serves ("liaison.v1.Ingest",
// ...): their methods are the RPCs the access matrix must cover.
std::vector<std::string> ServedServiceNames();

// True for 127.0.0.0/8, [::1] and localhost.
bool IsLoopbackAddress(const std::string& listen_address);

// The gRPC server: the seven services, health checking and reflection, with
// mutual TLS unless insecure_dev. Thread-safe.
class BrokerServer {
 public:
  // Starts serving `core` (not owned). INVALID_ARGUMENT naming the option
  // for unreadable TLS files or a non-loopback insecure address;
  // UNAVAILABLE when the address cannot be bound.
  static absl::StatusOr<std::unique_ptr<BrokerServer>> Start(BrokerCore* core, const ServerOptions& options);

  ~BrokerServer();

  int port() const { return port_; }

  // Puts the principals and revocation of `config` (a freshly loaded
  // config; its other settings are ignored) in force for every later call
  // and handshake, re-reading revocation.crl_file against the client CA
  // file as it is now. On error (INVALID_ARGUMENT naming the field) the
  // access in force stays. Thread-safe.
  absl::Status ReloadAccess(const config::v1::BrokerConfig& config);

  // The access control in force (tests).
  AccessControl& access() { return access_; }

  // Stops accepting calls, ends subscriptions, and waits up to `grace` for
  // calls in progress before cancelling them. Idempotent.
  void Shutdown(absl::Duration grace);

 private:
  BrokerServer(BrokerCore* core, const ServerOptions& options, RevocationList revoked);

  // Every service's context.
  ServiceContext Context(const ServerOptions& options);

  BrokerCore* core_;
  // The config as loaded at start (Policy.Reload reads it).
  const config::v1::BrokerConfig config_;
  // The CA bundle CRLs must be signed by; empty in insecure-dev mode.
  const std::string client_ca_file_;
  AccessControl access_;
  IngestService ingest_;
  InboxService inbox_;
  RegistryService registry_;
  AuditService audit_;
  ReviewService review_;
  PolicyService policy_;
  const std::function<absl::StatusOr<v1::BackupResponse>(const std::string&)> backup_;
  AdminService admin_;
  std::unique_ptr<grpc::Server> server_;
  int port_ = 0;
  bool shut_down_ = false;
};

}  // namespace liaison::server

#endif  // LIAISON_BROKER_SERVER_BROKER_SERVER_H_
