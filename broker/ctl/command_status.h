#ifndef LIAISON_BROKER_CTL_COMMAND_STATUS_H_
#define LIAISON_BROKER_CTL_COMMAND_STATUS_H_

// Status plumbing shared by liaisonctl's commands: gRPC status conversion,
// code names for printing, and the summary status of a partly failed command.

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "grpcpp/support/status.h"

namespace liaison::ctl {

// The absl::Status with the same code and message as `status` (gRPC and
// Abseil share code numbers).
absl::Status FromGrpcStatus(const grpc::Status& status);

// The canonical name of a google.rpc.Code number, e.g. 5 -> "NOT_FOUND";
// "CODE_<n>" for numbers outside the known range.
std::string CodeName(int32_t code);

// "CODE_NAME: message", the form every error line uses.
std::string DescribeStatus(const absl::Status& status);

// The status a command returns when `failed` of `total` items (files, rows,
// alerts) failed and each failure has already been reported: `code` (usually
// the first failure's) with a message such as "2 of 5 files failed".
// REQUIRES: failed > 0 and code != kOk.
absl::Status ItemsFailed(absl::StatusCode code, uint64_t failed, uint64_t total,
                         absl::string_view noun, absl::string_view verb = "failed");

}  // namespace liaison::ctl

#endif  // LIAISON_BROKER_CTL_COMMAND_STATUS_H_
