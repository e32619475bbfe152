#ifndef LIAISON_BROKER_METRICS_HTTP_SERVER_H_
#define LIAISON_BROKER_METRICS_HTTP_SERVER_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "broker/common/http_listener.h"
#include "broker/metrics/registry.h"

namespace httplib {
class Server;
}

namespace liaison::metrics {

// Serves GET /metrics (the registry rendered in the Prometheus text format)
// over plain HTTP; every other path is 404 and other methods 405. There is
// no authentication: the metrics carry counts and durations only, never
// personal data. Thread-safe.
class HttpServer {
 public:
  struct Options {
    // host:port ([::1]:port for IPv6); port 0 picks a free port.
    std::string listen_address;
    // The flag named in errors.
    std::string flag_name = "--metrics-listen";
  };

  // Starts serving `registry` (not owned; must outlive the server) on a
  // thread of its own. INVALID_ARGUMENT naming the flag for an address
  // that is not host:port; UNAVAILABLE when it cannot be bound.
  static absl::StatusOr<std::unique_ptr<HttpServer>> Start(Registry* registry, const Options& options);

  // Stops serving and joins the thread.
  ~HttpServer();

  int port() const { return listener_->port(); }

 private:
  HttpServer() = default;

  std::unique_ptr<httplib::Server> server_;
  std::unique_ptr<HttpListener> listener_;  // after server_: stops it before it goes
};

}  // namespace liaison::metrics

#endif  // LIAISON_BROKER_METRICS_HTTP_SERVER_H_
