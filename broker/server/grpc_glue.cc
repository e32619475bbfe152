#include "broker/server/grpc_glue.h"

#include "broker/common/log.h"
#include "grpc/grpc_security_constants.h"

namespace liaison::server {
namespace {

std::string FirstProperty(const grpc::AuthContext& auth, const char* name) {
  for (const grpc::string_ref& value : auth.FindPropertyValues(name)) {
    return std::string(value.data(), value.size());
  }
  return "";
}

}  // namespace

std::string PeerPrincipal(const grpc::ServerContext& context, IdentityMode mode) {
  if (mode.insecure_dev) {
    auto it = context.client_metadata().find(kDevPrincipalHeader);
    if (it == context.client_metadata().end()) return "";
    return std::string(it->second.data(), it->second.size());
  }
  std::shared_ptr<const grpc::AuthContext> auth = context.auth_context();
  if (auth == nullptr || !auth->IsPeerAuthenticated()) return "";
  std::string uri = FirstProperty(*auth, GRPC_PEER_URI_PROPERTY_NAME);
  if (!uri.empty()) return uri;
  return FirstProperty(*auth, GRPC_X509_CN_PROPERTY_NAME);
}

std::string PeerCertificate(const grpc::ServerContext& context, IdentityMode mode) {
  if (mode.insecure_dev) return "";
  std::shared_ptr<const grpc::AuthContext> auth = context.auth_context();
  if (auth == nullptr) return "";
  return FirstProperty(*auth, GRPC_X509_PEM_CERT_PROPERTY_NAME);
}

grpc::Status ToGrpc(const absl::Status& status) {
  if (status.ok()) return grpc::Status::OK;
  return grpc::Status(static_cast<grpc::StatusCode>(status.code()), std::string(status.message()));
}

absl::StatusOr<Caller> AdmitCaller(const grpc::ServerContext& context, AccessControl& access, IdentityMode mode,
                                   Method method) {
  auto admitted = access.Admit(PeerPrincipal(context, mode), PeerCertificate(context, mode), method);
  if (!admitted.ok()) {
    Log(LogLevel::kWarning, "call_refused",
        {{"method", MethodName(method)}, {"code", absl::StatusCodeToString(admitted.status().code())}});
  }
  return admitted;
}

}  // namespace liaison::server
