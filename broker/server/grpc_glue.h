#ifndef LIAISON_BROKER_SERVER_GRPC_GLUE_H_
#define LIAISON_BROKER_SERVER_GRPC_GLUE_H_

// What every service adapter shares: the caller's identity and the one
// mapping from absl::Status to grpc::Status.

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "broker/server/access_control.h"
#include "broker/server/access_policy.h"
#include "grpcpp/server_context.h"
#include "grpcpp/support/status.h"

namespace liaison::server {

// Metadata header carrying the principal in --insecure-dev mode only.
inline constexpr char kDevPrincipalHeader[] = "x-liaison-principal";

// How callers are identified.
struct IdentityMode {
  // Plaintext development mode: trust kDevPrincipalHeader.
  bool insecure_dev = false;
};

// The caller's principal id: its certificate's SAN URI, else its CN; empty
// when it presented none.
std::string PeerPrincipal(const grpc::ServerContext& context, IdentityMode mode);

// The caller's client certificate (PEM); empty in insecure-dev mode.
std::string PeerCertificate(const grpc::ServerContext& context, IdentityMode mode);

// absl::Status -> grpc::Status, code for code (the canonical codes agree).
grpc::Status ToGrpc(const absl::Status& status);

// Identifies the caller and admits it to `method` (AccessControl::Admit:
// revocation, registration, request rate, role); on refusal logs the method
// and code (never the caller's data). Every RPC handler starts here.
absl::StatusOr<Caller> AdmitCaller(const grpc::ServerContext& context, AccessControl& access, IdentityMode mode,
                                   Method method);

}  // namespace liaison::server

#endif  // LIAISON_BROKER_SERVER_GRPC_GLUE_H_
