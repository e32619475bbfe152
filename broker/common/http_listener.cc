#include "broker/common/http_listener.h"

#include <sys/socket.h>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "httplib.h"

namespace liaison {
namespace {

struct HostPort {
  std::string host;
  int port = -1;
};

absl::StatusOr<HostPort> ParseAddress(const std::string& address, const std::string& flag) {
  const size_t colon = address.rfind(':');
  HostPort parsed;
  if (colon == std::string::npos || !absl::SimpleAtoi(address.substr(colon + 1), &parsed.port) || parsed.port < 0 ||
      parsed.port > 65535) {
    return absl::InvalidArgumentError(absl::StrCat(flag, ": must be HOST:PORT (port 0 picks one)"));
  }
  absl::string_view host = absl::string_view(address).substr(0, colon);
  if (absl::ConsumePrefix(&host, "[") && !absl::ConsumeSuffix(&host, "]")) host = "";
  if (host.empty()) return absl::InvalidArgumentError(absl::StrCat(flag, ": must be HOST:PORT with a host"));
  parsed.host = std::string(host);
  return parsed;
}

}  // namespace

absl::StatusOr<std::unique_ptr<HttpListener>> HttpListener::Start(httplib::Server* server,
                                                                  const std::string& address,
                                                                  const std::string& flag) {
  absl::StatusOr<HostPort> parsed = ParseAddress(address, flag);
  if (!parsed.ok()) return parsed.status();
  server->set_socket_options([](int sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
  });
  std::unique_ptr<HttpListener> listener(new HttpListener(server));
  listener->port_ = parsed->port == 0 ? server->bind_to_any_port(parsed->host)
                                      : (server->bind_to_port(parsed->host, parsed->port) ? parsed->port : -1);
  if (listener->port_ <= 0) return absl::UnavailableError(absl::StrCat(flag, ": cannot listen on ", address));
  listener->thread_ = std::thread([server] { server->listen_after_bind(); });
  // httplib's stop() does nothing until the listening thread has marked the
  // server running, so a listener destroyed at once would never stop: wait
  // for the mark (it is the thread's first step; httplib has no signal).
  while (!server->is_running()) std::this_thread::yield();
  return listener;
}

HttpListener::~HttpListener() {
  server_->stop();
  if (thread_.joinable()) thread_.join();
}

}  // namespace liaison
