#include "broker/metrics/http_server.h"

#include <sys/socket.h>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "httplib.h"

namespace liaison::metrics {
namespace {

// Scrapes are rare and short: two workers and short timeouts, so a stuck
// client cannot hold the broker's threads.
constexpr size_t kWorkers = 2;
constexpr time_t kIoTimeoutSeconds = 5;

constexpr const char* kContentType = "text/plain; version=0.0.4; charset=utf-8";

struct HostPort {
  std::string host;
  int port = -1;
};

absl::StatusOr<HostPort> ParseListen(const HttpServer::Options& options) {
  const std::string& address = options.listen_address;
  const size_t colon = address.rfind(':');
  HostPort parsed;
  if (colon == std::string::npos || !absl::SimpleAtoi(address.substr(colon + 1), &parsed.port) || parsed.port < 0 ||
      parsed.port > 65535) {
    return absl::InvalidArgumentError(absl::StrCat(options.flag_name, ": must be HOST:PORT (port 0 picks one)"));
  }
  absl::string_view host = absl::string_view(address).substr(0, colon);
  if (absl::ConsumePrefix(&host, "[") && !absl::ConsumeSuffix(&host, "]")) host = "";
  if (host.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(options.flag_name, ": must be HOST:PORT with a host"));
  }
  parsed.host = std::string(host);
  return parsed;
}

}  // namespace

absl::StatusOr<std::unique_ptr<HttpServer>> HttpServer::Start(Registry* registry, const Options& options) {
  absl::StatusOr<HostPort> listen = ParseListen(options);
  if (!listen.ok()) return listen.status();
  std::unique_ptr<HttpServer> server(new HttpServer);
  server->server_ = std::make_unique<httplib::Server>();
  httplib::Server& http = *server->server_;
  http.new_task_queue = [] { return new httplib::ThreadPool(kWorkers); };
  http.set_read_timeout(kIoTimeoutSeconds, 0);
  http.set_write_timeout(kIoTimeoutSeconds, 0);
  http.set_payload_max_length(4096);
  // httplib's default sets SO_REUSEPORT, which would let a second broker
  // bind the same port and share the scrapes: reuse the address only.
  http.set_socket_options([](int sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
  });
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
  server->port_ = listen->port == 0 ? http.bind_to_any_port(listen->host)
                                    : (http.bind_to_port(listen->host, listen->port) ? listen->port : -1);
  if (server->port_ <= 0) {
    return absl::UnavailableError(absl::StrCat(options.flag_name, ": cannot listen on ", options.listen_address));
  }
  server->thread_ = std::thread([&http] { http.listen_after_bind(); });
  // httplib's stop() does nothing until the listening thread has marked the
  // server running, so a server destroyed at once would never stop: wait
  // for the mark (it is the thread's first step; httplib has no signal).
  while (!http.is_running()) std::this_thread::yield();
  return server;
}

HttpServer::~HttpServer() {
  if (server_) server_->stop();
  if (thread_.joinable()) thread_.join();
}

}  // namespace liaison::metrics
