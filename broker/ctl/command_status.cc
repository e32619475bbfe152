#include "broker/ctl/command_status.h"

#include "absl/strings/str_cat.h"

namespace liaison::ctl {

absl::Status FromGrpcStatus(const grpc::Status& status) {
  if (status.ok()) return absl::OkStatus();
  return absl::Status(static_cast<absl::StatusCode>(status.error_code()), status.error_message());
}

std::string CodeName(int32_t code) {
  // absl::StatusCode and google.rpc.Code agree on 0..16.
  if (code < 0 || code > 16) return absl::StrCat("CODE_", code);
  return absl::StatusCodeToString(static_cast<absl::StatusCode>(code));
}

std::string DescribeStatus(const absl::Status& status) {
  return absl::StrCat(CodeName(static_cast<int32_t>(status.code())), ": ", status.message());
}

absl::Status ItemsFailed(absl::StatusCode code, uint64_t failed, uint64_t total,
                         absl::string_view noun, absl::string_view verb) {
  return absl::Status(code, absl::StrCat(failed, " of ", total, " ", noun, " ", verb));
}

}  // namespace liaison::ctl
