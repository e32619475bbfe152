#include "absl/strings/str_cat.h"
#include "broker/server/config_loader.h"
#include "broker/server/policy_explanation.h"
#include "broker/server/services.h"
#include "policy/loader.h"

namespace liaison::server {
namespace {

// Where the config says the policy comes from, as LoadConfiguredPolicy
// names it.
std::string ConfiguredOrigin(const config::v1::BrokerConfig& config) {
  if (!config.policy().file().empty()) return config.policy().file();
  return absl::StrCat("built-in (", policy::kBuiltInPolicyOrigin, ")");
}

// The refusal the caller gets for a policy that could not be loaded: the
// validation report as it is (INVALID_ARGUMENT, one problem per line), or
// FAILED_PRECONDITION when the file cannot be read (the file must be fixed
// before a reload can succeed; NOT_FOUND would suggest the RPC's target is
// missing).
absl::Status Refusal(const absl::Status& load) {
  if (load.code() == absl::StatusCode::kNotFound) return absl::FailedPreconditionError(load.message());
  return load;
}

}  // namespace

grpc::Status PolicyService::Explain(grpc::ServerContext* context, const v1::ExplainPolicyRequest* request,
                                    v1::PolicyExplanation* response) {
  auto principal = AdmitCaller(*context, *ctx_.access, ctx_.identity, Method::kExplainPolicy);
  if (!principal.ok()) return ToGrpc(principal.status());
  if (!request->has_notification()) return ToGrpc(absl::InvalidArgumentError("notification: is required"));
  if (request->crn().empty()) return ToGrpc(absl::InvalidArgumentError("crn: is required"));
  const size_t bytes = request->notification().ByteSizeLong();
  const uint64_t limit = ctx_.limits.max_notification_bytes();
  if (limit != 0 && bytes > limit) {
    return ToGrpc(absl::InvalidArgumentError(absl::StrCat("notification: is ", bytes, " bytes; the limit is ", limit)));
  }
  auto explanation = ctx_.core->ExplainPolicy(request->notification(), request->crn());
  if (!explanation.ok()) return ToGrpc(explanation.status());
  *response = ToExplanationProto(*explanation);
  return grpc::Status::OK;
}

grpc::Status PolicyService::Reload(grpc::ServerContext* context, const v1::ReloadPolicyRequest* request,
                                   v1::ReloadPolicyResponse* response) {
  auto principal = AdmitCaller(*context, *ctx_.access, ctx_.identity, Method::kReloadPolicy);
  if (!principal.ok()) return ToGrpc(principal.status());
  const std::string actor = (*principal)->id();
  const std::string previous = ctx_.core->policy().Current()->version();
  auto loaded = LoadConfiguredPolicy(*ctx_.config);
  if (!loaded.ok()) {
    // The policy in force stays; the refusal is audited before it is
    // reported, so no refusal goes unrecorded.
    const absl::Status audited =
        ctx_.core->RecordRejectedPolicy(ConfiguredOrigin(*ctx_.config), std::string(loaded.status().message()), actor);
    if (!audited.ok()) return ToGrpc(audited);
    return ToGrpc(Refusal(loaded.status()));
  }
  auto version = ctx_.core->ReloadPolicy(loaded->policy, loaded->origin, actor);
  if (!version.ok()) return ToGrpc(version.status());
  response->set_version(*version);
  response->set_previous_version(previous);
  response->set_origin(loaded->origin);
  return grpc::Status::OK;
}

grpc::Status PolicyService::GetPolicy(grpc::ServerContext* context, const v1::GetPolicyRequest* request,
                                      v1::PolicyInfo* response) {
  auto principal = AdmitCaller(*context, *ctx_.access, ctx_.identity, Method::kGetPolicy);
  if (!principal.ok()) return ToGrpc(principal.status());
  response->set_version(ctx_.core->policy().Current()->version());
  response->set_origin(ConfiguredOrigin(*ctx_.config));
  return grpc::Status::OK;
}

}  // namespace liaison::server
