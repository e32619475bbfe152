#ifndef LIAISON_BROKER_COMMON_HTTP_LISTENER_H_
#define LIAISON_BROKER_COMMON_HTTP_LISTENER_H_

// Runs a cpp-httplib server (plain or TLS) on a thread of its own: the
// metrics endpoint and the adapters' webhook.

#include <memory>
#include <string>
#include <thread>

#include "absl/status/statusor.h"

namespace httplib {
class Server;
}

namespace liaison {

class HttpListener {
 public:
  // Binds `server` (not owned; it must outlive the listener, with its routes
  // set) to `address`, "HOST:PORT" or "[V6]:PORT" (port 0 picks a free one),
  // and serves it on a new thread. The socket reuses the address only:
  // httplib's default would also set SO_REUSEPORT and let a second process
  // bind the same port and take a share of the connections. Returns once
  // the server is running, so destroying the listener at once stops it.
  // INVALID_ARGUMENT naming `flag` for a malformed address; UNAVAILABLE when
  // it cannot be bound.
  static absl::StatusOr<std::unique_ptr<HttpListener>> Start(httplib::Server* server, const std::string& address,
                                                             const std::string& flag);

  // Stops the server and joins its thread.
  ~HttpListener();

  int port() const { return port_; }

 private:
  explicit HttpListener(httplib::Server* server) : server_(server) {}

  httplib::Server* server_;
  std::thread thread_;
  int port_ = 0;
};

}  // namespace liaison

#endif  // LIAISON_BROKER_COMMON_HTTP_LISTENER_H_
