#include "broker/metrics/http_server.h"

#include "httplib.h"

namespace liaison::metrics {
namespace {

// Scrapes are rare and short: two workers and short timeouts, so a stuck
// client cannot hold the broker's threads.
constexpr size_t kWorkers = 2;
constexpr time_t kIoTimeoutSeconds = 5;

constexpr const char* kContentType = "text/plain; version=0.0.4; charset=utf-8";

}  // namespace

absl::StatusOr<std::unique_ptr<HttpServer>> HttpServer::Start(Registry* registry, const Options& options) {
  std::unique_ptr<HttpServer> server(new HttpServer);
  server->server_ = std::make_unique<httplib::Server>();
  httplib::Server& http = *server->server_;
  http.new_task_queue = [] { return new httplib::ThreadPool(kWorkers); };
  http.set_read_timeout(kIoTimeoutSeconds, 0);
  http.set_write_timeout(kIoTimeoutSeconds, 0);
  http.set_payload_max_length(4096);
  http.Get("/metrics", [registry](const httplib::Request&, httplib::Response& response) {
    response.set_content(registry->Render(), kContentType);
  });
  // Anything else: 404 for unknown paths, 405 for other methods on /metrics.
  const auto not_allowed = [](const httplib::Request& request, httplib::Response& response) {
    response.status = request.path == "/metrics" ? 405 : 404;
    response.set_content(request.path == "/metrics" ? "only GET\n" : "not found; try /metrics\n", "text/plain");
  };
  http.Post(".*", not_allowed);
  http.Put(".*", not_allowed);
  http.Delete(".*", not_allowed);
  http.Patch(".*", not_allowed);
  http.set_error_handler([](const httplib::Request&, httplib::Response& response) {
    if (response.status == 404) response.set_content("not found; try /metrics\n", "text/plain");
  });
  absl::StatusOr<std::unique_ptr<HttpListener>> listener =
      HttpListener::Start(&http, options.listen_address, options.flag_name);
  if (!listener.ok()) return listener.status();
  server->listener_ = *std::move(listener);
  return server;
}

HttpServer::~HttpServer() = default;

}  // namespace liaison::metrics
