#ifndef LIAISON_BROKER_CTL_CONNECTION_H_
#define LIAISON_BROKER_CTL_CONNECTION_H_

// How liaisonctl reaches the broker: a gRPC channel over mutual TLS (or, for
// a development broker on loopback, plaintext with a declared principal), and
// the per-call settings every RPC needs.

#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "grpcpp/channel.h"
#include "grpcpp/client_context.h"

namespace liaison::ctl {

// The metadata header a development broker (--insecure-dev) takes the
// caller's identity from.
inline constexpr char kPrincipalHeader[] = "x-liaison-principal";

struct ConnectionOptions {
  // gRPC target, "HOST:PORT".
  std::string target = "127.0.0.1:7443";
  // PEM files: the CA that signed the broker's certificate, and this
  // client's certificate chain and private key. Required unless insecure_dev.
  std::string ca_file;
  std::string cert_file;
  std::string key_file;
  // The name the broker's certificate must carry (TLS target name override).
  std::string server_name = "localhost";
  // Plaintext to a development broker; only loopback targets are allowed.
  bool insecure_dev = false;
  // Sent as kPrincipalHeader on every call; only with insecure_dev.
  std::string principal;
  // Deadline of each unary call.
  absl::Duration timeout = absl::Seconds(30);
};

// Checks that `options` are usable, without touching files or the network.
// INVALID_ARGUMENT, naming the flag, when: TLS files are missing without
// insecure_dev; a principal is given without insecure_dev; insecure_dev
// targets a non-loopback host; the timeout is not positive; the target is
// empty.
absl::Status ValidateConnectionOptions(const ConnectionOptions& options);

// True when `target` names this machine: localhost, 127.0.0.0/8, ::1 or a
// unix socket (optionally with a gRPC scheme such as "dns:///" or "ipv4:").
bool IsLoopbackTarget(absl::string_view target);

// A channel to the broker plus the settings each call gets. Copyable and
// thread-safe (the channel is shared; the options are immutable).
class Connection {
 public:
  // Validates `options` (see ValidateConnectionOptions), reads the PEM files
  // and creates the channel. The channel connects lazily, so an unreachable
  // broker shows up as UNAVAILABLE on the first call, not here. Errors:
  // INVALID_ARGUMENT from validation; NOT_FOUND or PERMISSION_DENIED (naming
  // the file) when a PEM file cannot be read.
  static absl::StatusOr<Connection> Dial(const ConnectionOptions& options);

  // Wraps an existing channel (tests use an in-process server's channel).
  Connection(std::shared_ptr<grpc::Channel> channel, ConnectionOptions options);

  const std::shared_ptr<grpc::Channel>& channel() const { return channel_; }
  const ConnectionOptions& options() const { return options_; }

  // Sets up `context` for one unary call: deadline now + timeout, and the
  // principal header when configured.
  void ConfigureUnaryCall(grpc::ClientContext& context) const;
  // Sets up `context` for a streaming call: the principal header, no
  // deadline (streams last as long as the caller wants).
  void ConfigureStreamingCall(grpc::ClientContext& context) const;

 private:
  std::shared_ptr<grpc::Channel> channel_;
  ConnectionOptions options_;
};

}  // namespace liaison::ctl

#endif  // LIAISON_BROKER_CTL_CONNECTION_H_
