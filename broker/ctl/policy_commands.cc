#include "broker/ctl/policy_commands.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "broker/common/status_macros.h"
#include "broker/ctl/command_status.h"
#include "broker/ctl/file_util.h"
#include "broker/ctl/render_policy.h"
#include "broker/ctl/submit_command.h"
#include "broker/ctl/text_block.h"
#include "liaison/v1/policy_service.grpc.pb.h"

namespace liaison::ctl {
namespace {

// A notification file is small; a bigger one is the wrong file.
constexpr size_t kMaxNotificationBytes = 4 << 20;

absl::StatusOr<v1::Notification> ReadNotification(const std::string& file) {
  ASSIGN_OR_RETURN(std::string json, ReadFileToString(file, kMaxNotificationBytes));
  absl::StatusOr<v1::Notification> notification = ParseNotificationJson(json);
  if (!notification.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat(file, ": invalid notification JSON: ", notification.status().message()));
  }
  return notification;
}

// The broker's refusal report: the heading, then each problem on
// output.err. Returns the one-line status to end the command with.
absl::Status ReportRefusal(const absl::Status& refusal, const Output& output) {
  std::vector<std::string> lines = absl::StrSplit(refusal.message(), '\n', absl::SkipEmpty());
  const std::string heading(absl::StripSuffix(lines.empty() ? "policy reload refused" : lines.front(), ":"));
  output.err << "policy reload refused; the policy in force stays\n";
  for (size_t i = 1; i < lines.size(); ++i) output.err << lines[i] << "\n";
  return absl::Status(refusal.code(), heading);
}

}  // namespace

absl::Status PolicyExplain(const Connection& connection, const PolicyExplainOptions& options, const Output& output) {
  v1::ExplainPolicyRequest request;
  ASSIGN_OR_RETURN(*request.mutable_notification(), ReadNotification(options.notification_file));
  request.set_crn(options.crn);
  auto stub = v1::Policy::NewStub(connection.channel());
  grpc::ClientContext context;
  connection.ConfigureUnaryCall(context);
  v1::PolicyExplanation response;
  RETURN_IF_ERROR(FromGrpcStatus(stub->Explain(&context, request, &response)));
  if (output.json) return WriteJsonLine(response, output.out);
  output.out << RenderExplanation(response);
  return absl::OkStatus();
}

absl::Status PolicyReload(const Connection& connection, const Output& output) {
  auto stub = v1::Policy::NewStub(connection.channel());
  grpc::ClientContext context;
  connection.ConfigureUnaryCall(context);
  v1::ReloadPolicyResponse response;
  const absl::Status status = FromGrpcStatus(stub->Reload(&context, v1::ReloadPolicyRequest(), &response));
  if (status.code() == absl::StatusCode::kInvalidArgument) return ReportRefusal(status, output);
  RETURN_IF_ERROR(status);
  if (output.json) return WriteJsonLine(response, output.out);
  output.out << "policy reloaded: " << response.previous_version() << " -> " << response.version()
             << (response.previous_version() == response.version() ? " (unchanged)" : "") << "\n";
  return absl::OkStatus();
}

absl::Status PolicyShow(const Connection& connection, const Output& output) {
  auto stub = v1::Policy::NewStub(connection.channel());
  grpc::ClientContext context;
  connection.ConfigureUnaryCall(context);
  v1::PolicyInfo response;
  RETURN_IF_ERROR(FromGrpcStatus(stub->GetPolicy(&context, v1::GetPolicyRequest(), &response)));
  if (output.json) return WriteJsonLine(response, output.out);
  output.out << TextBlock().Add("policy", response.version()).Add("origin", response.origin()).Render();
  return absl::OkStatus();
}

}  // namespace liaison::ctl
