#include "broker/ctl/backup_commands.h"

#include <filesystem>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "broker/backup/backup.h"
#include "broker/common/proto_time.h"
#include "broker/common/status_macros.h"
#include "broker/ctl/command_status.h"
#include "broker/ctl/text_block.h"
#include "broker/storage/keyring.h"
#include "liaison/v1/admin_service.grpc.pb.h"

namespace liaison::ctl {
namespace {

absl::Status Print(const v1::BackupResponse& described, absl::string_view what, const Output& output) {
  if (output.json) return WriteJsonLine(described, output.out);
  const std::string keys =
      described.data_key_ids().empty() ? "none (not encrypted)" : absl::StrJoin(described.data_key_ids(), ", ");
  output.out << what << "\n"
             << TextBlock()
                    .Add("path", described.path())
                    .Add("format version", absl::StrCat(described.format_version()))
                    .Add("taken at", absl::FormatTime(absl::RFC3339_sec, FromProtoTime(described.taken_at()),
                                                      absl::UTCTimeZone()))
                    .Add("audit entries", absl::StrCat(described.audit_tree_size()))
                    .Add("audit root", absl::BytesToHexString(described.audit_root()))
                    .Add("notifications", absl::StrCat(described.notifications()))
                    .Add("alerts", absl::StrCat(described.alerts()))
                    .Add("data key ids needed", keys)
                    .Render();
  return absl::OkStatus();
}

}  // namespace

absl::Status Backup(const Connection& connection, const std::string& destination, const Output& output) {
  auto stub = v1::Admin::NewStub(connection.channel());
  grpc::ClientContext context;
  connection.ConfigureUnaryCall(context);
  v1::BackupRequest request;
  request.set_destination(std::filesystem::absolute(destination).lexically_normal().string());
  v1::BackupResponse response;
  RETURN_IF_ERROR(FromGrpcStatus(stub->Backup(&context, request, &response)));
  RETURN_IF_ERROR(Print(response, "backup taken; the audit log in it verifies", output));
  if (!output.json && !response.data_key_ids().empty()) {
    output.out << "the backup holds no keys: keep the key file (with these data key ids) backed up separately\n";
  }
  return absl::OkStatus();
}

absl::Status Restore(const RestoreCommandOptions& options, const Output& output) {
  backup::RestoreOptions restore{options.backup_dir, options.data_dir, options.force, nullptr};
  if (!options.key_file.empty()) {
    ASSIGN_OR_RETURN(restore.keys, storage::FileKeyProvider(options.key_file).Load());
  }
  ASSIGN_OR_RETURN(v1::BackupResponse restored, backup::Restore(restore));
  return Print(restored, "restored; the audit log verifies and matches the backup's manifest", output);
}

}  // namespace liaison::ctl
