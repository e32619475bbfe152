#ifndef LIAISON_TESTS_LOAD_TRANSPORT_H_
#define LIAISON_TESTS_LOAD_TRANSPORT_H_

#include <memory>
#include <string>

#include "grpcpp/grpcpp.h"

namespace liaison::load {

// How the benchmark programs reach a server: mutual TLS with the
// deploy/certs.sh certificate named after the principal, or (certs_dir
// empty) plaintext loopback with the principal in the broker's
// --insecure-dev header.
struct Transport {
  std::string target;
  std::string certs_dir;
};

// A channel as principal `who` (a certificate name, e.g. "police-adapter").
// Channels with different `shard` values use separate TCP connections.
std::shared_ptr<grpc::Channel> MakeChannel(const Transport& transport, const std::string& who, int shard);

// Adds the per-call identity (the dev header when plaintext).
void SetPrincipal(const Transport& transport, const std::string& who, grpc::ClientContext* context);

// Server credentials matching `transport` for liaison-noop-server: mTLS
// requiring a client certificate from the same CA, or insecure.
std::shared_ptr<grpc::ServerCredentials> MakeServerCredentials(const std::string& certs_dir);

}  // namespace liaison::load

#endif  // LIAISON_TESTS_LOAD_TRANSPORT_H_
