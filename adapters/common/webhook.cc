#include "adapters/common/webhook.h"

#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <atomic>
#include <fstream>
#include <sstream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "broker/common/log.h"
#include "httplib.h"

namespace liaison::adapters {
namespace {

std::string JsonEscape(absl::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(c);
    } else if (static_cast<unsigned char>(c) < 0x20) {
      absl::StrAppend(&out, " ");
    } else {
      out.push_back(c);
    }
  }
  return out;
}

bool Readable(const std::string& path) { return !path.empty() && std::ifstream(path).good(); }

}  // namespace

std::string CertificatePrincipal(const void* x509) {
  X509* cert = const_cast<X509*>(static_cast<const X509*>(x509));
  if (cert == nullptr) return "";
  std::string principal;
  auto* names = static_cast<GENERAL_NAMES*>(X509_get_ext_d2i(cert, NID_subject_alt_name, nullptr, nullptr));
  if (names != nullptr) {
    for (int i = 0; i < sk_GENERAL_NAME_num(names) && principal.empty(); ++i) {
      const GENERAL_NAME* name = sk_GENERAL_NAME_value(names, i);
      if (name->type == GEN_URI) {
        const unsigned char* data = ASN1_STRING_get0_data(name->d.uniformResourceIdentifier);
        principal.assign(reinterpret_cast<const char*>(data),
                         static_cast<size_t>(ASN1_STRING_length(name->d.uniformResourceIdentifier)));
      }
    }
    GENERAL_NAMES_free(names);
  }
  if (!principal.empty()) return principal;
  char cn[256] = {0};
  if (X509_NAME_get_text_by_NID(X509_get_subject_name(cert), NID_commonName, cn, sizeof(cn)) > 0) return cn;
  return "";
}

absl::StatusOr<std::unique_ptr<Webhook>> Webhook::Start(const WebhookOptions& options, Intake* intake) {
  if (!Readable(options.cert_file)) return absl::InvalidArgumentError("--webhook-cert-file: cannot read the file");
  if (!Readable(options.key_file)) return absl::InvalidArgumentError("--webhook-key-file: cannot read the file");
  if (!Readable(options.client_ca_file)) {
    return absl::InvalidArgumentError(
        "--webhook-client-ca-file: cannot read the file (the webhook requires client certificates)");
  }
  const std::string cert = options.cert_file, key = options.key_file, ca = options.client_ca_file;
  auto setup = [cert, key, ca](SSL_CTX& ctx) {
    SSL_CTX_set_min_proto_version(&ctx, TLS1_2_VERSION);
    SSL_CTX_set_options(&ctx, SSL_OP_NO_COMPRESSION);
    if (SSL_CTX_use_certificate_chain_file(&ctx, cert.c_str()) != 1) return false;
    if (SSL_CTX_use_PrivateKey_file(&ctx, key.c_str(), SSL_FILETYPE_PEM) != 1) return false;
    if (SSL_CTX_check_private_key(&ctx) != 1) return false;
    if (SSL_CTX_load_verify_locations(&ctx, ca.c_str(), nullptr) != 1) return false;
    SSL_CTX_set_verify(&ctx, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, nullptr);
    return true;
  };
  std::unique_ptr<Webhook> webhook(new Webhook);
  webhook->server_ = std::make_unique<httplib::SSLServer>(setup);
  if (!webhook->server_->is_valid()) {
    return absl::InvalidArgumentError(
        "--webhook-cert-file/--webhook-key-file/--webhook-client-ca-file: not a usable certificate, key and CA");
  }
  httplib::SSLServer& server = *webhook->server_;
  server.set_payload_max_length(options.max_body_bytes);
  const std::vector<std::string> allowed = options.allowed_principals;
  auto std_atomic_counter = std::make_shared<std::atomic<uint64_t>>(0);
  server.Get("/healthz", [](const httplib::Request&, httplib::Response& response) {
    response.set_content("ok\n", "text/plain");
  });
  server.Post("/v1/records", [intake, allowed, std_atomic_counter](const httplib::Request& request,
                                                                   httplib::Response& response) {
    if (!allowed.empty()) {
      X509* peer = request.ssl != nullptr ? SSL_get_peer_certificate(const_cast<SSL*>(request.ssl)) : nullptr;
      const std::string principal = CertificatePrincipal(peer);
      if (peer != nullptr) X509_free(peer);
      if (std::find(allowed.begin(), allowed.end(), principal) == allowed.end()) {
        response.status = 403;
        response.set_content("{\"error\":\"this client certificate may not post records\"}\n", "application/json");
        return;
      }
    }
    const std::string type = request.get_header_value("Content-Type");
    v1::InputFormat format = v1::INPUT_FORMAT_UNSPECIFIED;
    if (absl::StartsWith(type, "application/x-ndjson") || absl::StartsWith(type, "application/jsonl") ||
        absl::StartsWith(type, "application/json")) {
      format = v1::INPUT_FORMAT_JSON_LINES;
    } else if (absl::StartsWith(type, "text/csv")) {
      format = v1::INPUT_FORMAT_CSV;
    }
    if (format == v1::INPUT_FORMAT_UNSPECIFIED) {
      response.status = 415;
      response.set_content("{\"error\":\"Content-Type must be application/x-ndjson or text/csv\"}\n",
                           "application/json");
      return;
    }
    const uint64_t post = ++*std_atomic_counter;
    std::istringstream in(request.body);
    // Records are not framed across posts, so each post is its own stream.
    auto summary = intake->AcceptStream(in, format, absl::StrCat("webhook:", post));
    if (!summary.ok()) {
      response.status = 503;
      response.set_content(absl::StrCat("{\"error\":\"", JsonEscape(summary.status().message()), "\"}\n"),
                           "application/json");
      return;
    }
    response.status = 200;
    response.set_content(absl::StrCat("{\"records\":", summary->records, ",\"actions\":", summary->actions,
                                      ",\"quarantined\":", summary->quarantined,
                                      ",\"not_relevant\":", summary->not_relevant, "}\n"),
                         "application/json");
  });
  absl::StatusOr<std::unique_ptr<HttpListener>> listener =
      HttpListener::Start(&server, options.listen, "--webhook-listen");
  if (!listener.ok()) return listener.status();
  webhook->listener_ = *std::move(listener);
  webhook->port_ = webhook->listener_->port();
  Log(LogLevel::kInfo, "webhook_listening", {{"port", webhook->port_}});
  return webhook;
}

Webhook::~Webhook() { Stop(); }

void Webhook::Stop() { listener_.reset(); }

}  // namespace liaison::adapters
