#include "broker/ctl/audit_commands.h"

#include <algorithm>
#include <string>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "broker/common/proto_time.h"
#include "broker/common/status_macros.h"
#include "broker/ctl/command_status.h"
#include "broker/ctl/text_block.h"
#include "liaison/v1/audit_service.grpc.pb.h"

namespace liaison::ctl {
namespace {

// The broker's maximum page size.
constexpr uint64_t kMaxPageSize = 1000;

v1::AuditQueryRequest QueryRequest(const AuditQueryOptions& options) {
  v1::AuditQueryRequest request;
  request.set_crn(options.crn);
  request.set_recipient_id(options.recipient_id);
  request.set_source(options.source);
  request.set_notification_id(options.notification_id);
  if (options.since.has_value()) *request.mutable_since() = ToProtoTime(*options.since);
  if (options.until.has_value()) *request.mutable_until() = ToProtoTime(*options.until);
  if (options.limit != 0) {
    request.set_page_size(static_cast<uint32_t>(std::min(options.limit, kMaxPageSize)));
  }
  return request;
}

}  // namespace

absl::StatusOr<absl::Time> ParseTimeFlag(absl::string_view flag_name, absl::string_view value) {
  absl::Time time;
  std::string error;
  if (!absl::ParseTime(absl::RFC3339_full, value, &time, &error)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "--", flag_name, ": not an RFC 3339 time (e.g. 2026-11-22T10:00:00Z): ", error));
  }
  return time;
}

absl::Status AuditQuery(const Connection& connection, const AuditQueryOptions& options,
                        const Output& output) {
  auto stub = v1::Audit::NewStub(connection.channel());
  v1::AuditQueryRequest request = QueryRequest(options);
  uint64_t printed = 0;
  while (true) {
    grpc::ClientContext context;
    connection.ConfigureUnaryCall(context);
    v1::AuditQueryResponse response;
    RETURN_IF_ERROR(FromGrpcStatus(stub->Query(&context, request, &response)));
    for (const v1::AuditEntry& entry : response.entries()) {
      if (options.limit != 0 && printed >= options.limit) break;
      RETURN_IF_ERROR(PrintAuditEntry(entry, output));
      ++printed;
    }
    if (response.next_page_token().empty()) break;
    if (options.limit != 0 && printed >= options.limit) break;
    if (response.next_page_token() == request.page_token()) {
      return absl::InternalError("the broker repeated a page token");
    }
    request.set_page_token(response.next_page_token());
  }
  if (printed == 0 && !output.json) output.out << "no entries\n";
  return absl::OkStatus();
}

absl::Status AuditVerify(const Connection& connection, const Output& output) {
  auto stub = v1::Audit::NewStub(connection.channel());
  grpc::ClientContext context;
  connection.ConfigureUnaryCall(context);
  v1::VerifyChainResponse response;
  RETURN_IF_ERROR(FromGrpcStatus(stub->VerifyChain(&context, v1::VerifyChainRequest(), &response)));
  if (output.json) {
    RETURN_IF_ERROR(WriteJsonLine(response, output.out));
  } else {
    output.out << TextBlock()
                      .Add("ok", response.ok() ? "yes" : "NO")
                      .Add("entries", absl::StrCat(response.entries()))
                      .Add("checkpoints", absl::StrCat(response.checkpoints()))
                      .Add("root", absl::BytesToHexString(response.head_hash()))
                      .Add("first bad", response.ok() || response.first_bad_sequence() == 0
                                            ? ""
                                            : absl::StrCat(response.first_bad_sequence()))
                      .Add("bad checkpoint",
                           response.bad_checkpoint_size() == 0 ? "" : absl::StrCat(response.bad_checkpoint_size()))
                      .Add("problem", response.problem())
                      .Render();
  }
  if (response.ok()) return absl::OkStatus();
  if (response.first_bad_sequence() == 0) {
    return absl::DataLossError(absl::StrCat("the audit log does not verify: ", response.problem()));
  }
  return absl::DataLossError(absl::StrCat("the audit log does not verify at sequence ",
                                          response.first_bad_sequence(), ": ", response.problem()));
}

}  // namespace liaison::ctl
