#ifndef LIAISON_ADAPTERS_COMMON_WEBHOOK_H_
#define LIAISON_ADAPTERS_COMMON_WEBHOOK_H_

// The HTTPS endpoint agency systems that push can post records to, over
// mutual TLS: the client must present a certificate signed by the
// configured CA (and, if an allow-list is given, naming an allowed
// principal in its SAN URI or CN).
//
//   POST /v1/records   Content-Type: application/x-ndjson (JSON Lines) or
//                      text/csv (a header row, then records)
//   GET  /healthz      200 "ok"
//
// A POST answers 200 only once every record in the body is on the
// adapter's disk, spooled or quarantined:
//   {"records":N,
//    "actions":A,"quarantined":M,"not_relevant":K}
// 415 for another content type, 413 above the size limit, 503 when the
// state store cannot write (nothing accepted; retry).

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "adapters/common/intake.h"
#include "broker/common/http_listener.h"

namespace httplib {
class SSLServer;
}

namespace liaison::adapters {

struct WebhookOptions {
  // "HOST:PORT"; port 0 picks a free port (see port()).
  std::string listen = "127.0.0.1:8443";
  std::string cert_file;
  std::string key_file;
  std::string client_ca_file;
  // When not empty, only these principals (SAN URI, else CN) may post.
  std::vector<std::string> allowed_principals;
  size_t max_body_bytes = 16 << 20;
};

class Webhook {
 public:
  // Loads the certificates and binds. INVALID_ARGUMENT naming the flag for
  // unusable options; UNAVAILABLE when the address cannot be bound.
  static absl::StatusOr<std::unique_ptr<Webhook>> Start(const WebhookOptions& options, Intake* intake);
  ~Webhook();

  int port() const { return port_; }
  // Stops serving; waits for posts in progress to be answered.
  void Stop();

 private:
  Webhook() = default;

  std::unique_ptr<httplib::SSLServer> server_;
  std::unique_ptr<HttpListener> listener_;  // after server_: stops it before it goes
  int port_ = 0;
};

// The principal a client certificate names: its first SAN URI, else CN.
std::string CertificatePrincipal(const void* x509);

}  // namespace liaison::adapters

#endif  // LIAISON_ADAPTERS_COMMON_WEBHOOK_H_
