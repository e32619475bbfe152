#include "absl/strings/str_cat.h"
#include "broker/common/log.h"
#include "broker/server/services.h"

namespace liaison::server {

grpc::Status AdminService::Backup(grpc::ServerContext* context, const v1::BackupRequest* request,
                                  v1::BackupResponse* response) {
  auto principal = AdmitCaller(*context, *ctx_.access, ctx_.identity, Method::kBackup);
  if (!principal.ok()) return ToGrpc(principal.status());
  const std::string& destination = request->destination();
  if (destination.empty()) return ToGrpc(absl::InvalidArgumentError("destination: is required"));
  if (destination.front() != '/') {
    return ToGrpc(absl::InvalidArgumentError("destination: must be an absolute path on the broker's host"));
  }
  if (ctx_.backup == nullptr) {
    return ToGrpc(absl::FailedPreconditionError("this broker has no on-disk store to back up"));
  }
  absl::StatusOr<v1::BackupResponse> taken = (*ctx_.backup)(destination);
  if (!taken.ok()) {
    Log(LogLevel::kError, "backup_failed", {{"code", absl::StatusCodeToString(taken.status().code())}});
    return ToGrpc(taken.status());
  }
  Log(LogLevel::kInfo, "backup_taken",
      {{"path", taken->path()}, {"audit_tree_size", taken->audit_tree_size()},
       {"notifications", taken->notifications()}});
  *response = *std::move(taken);
  return grpc::Status::OK;
}

}  // namespace liaison::server
