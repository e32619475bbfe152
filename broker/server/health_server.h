#ifndef LIAISON_BROKER_SERVER_HEALTH_SERVER_H_
#define LIAISON_BROKER_SERVER_HEALTH_SERVER_H_

// A second, plaintext gRPC port that serves only grpc.health.v1.Health, for
// probes that cannot present a client certificate (Kubernetes grpc probes,
// load balancers). It reveals no data: SERVING or NOT_SERVING for "" and
// each broker service. The main port keeps mutual TLS. (gRPC's reflection
// plugin, registered process-wide, also answers here: service schemas only.)

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "grpcpp/server.h"

namespace liaison::server {

// Thread-safe.
class HealthServer {
 public:
  // Serves on `listen_address` (host:port; port 0 picks one), reporting
  // SERVING. UNAVAILABLE naming --health-listen when the address cannot be
  // bound.
  static absl::StatusOr<std::unique_ptr<HealthServer>> Start(const std::string& listen_address);

  ~HealthServer();

  int port() const { return port_; }

  // Reports NOT_SERVING from now on (the broker is draining); the port stays
  // open so probes see the status rather than a refused connection.
  void SetNotServing();

  // Stops serving (idempotent).
  void Shutdown();

 private:
  HealthServer() = default;
  std::unique_ptr<grpc::Server> server_;
  int port_ = 0;
};

}  // namespace liaison::server

#endif  // LIAISON_BROKER_SERVER_HEALTH_SERVER_H_
