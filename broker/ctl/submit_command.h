#ifndef LIAISON_BROKER_CTL_SUBMIT_COMMAND_H_
#define LIAISON_BROKER_CTL_SUBMIT_COMMAND_H_

// liaisonctl submit: the Ingest service.

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "broker/ctl/connection.h"
#include "broker/ctl/output.h"
#include "liaison/v1/notification.pb.h"

namespace liaison::ctl {

struct SubmitOptions {
  // Each file holds one liaison.v1.Notification in proto JSON.
  std::vector<std::string> files;
  // One Ingest.SubmitBatch for all files instead of one Ingest.Submit each.
  bool batch = false;
};

// The notification in `json` (proto JSON; unknown fields are an error).
// INVALID_ARGUMENT with the first line of the parser's message when
// malformed (the rest quotes the input).
absl::StatusOr<v1::Notification> ParseNotificationJson(absl::string_view json);

// Reads and parses every file first; a file that cannot be read or parsed is
// reported on output.err ("FILE: invalid notification JSON: <parser
// message>", or "FILE: <reason>" when unreadable) and not sent. The others
// are submitted; each result is printed: text "FILE: <notification id>
// (new|duplicate)" on output.out, or a JSON line (a SubmitResponse per file;
// with batch, one SubmitBatchResponse). A failure for one file is reported
// as "FILE: <CODE_NAME>: <message>" on output.err and the rest carry on.
// Returns OK when every file was accepted; otherwise an error (the first
// failure's code) counting the failures, or the SubmitBatch RPC's own
// error.
absl::Status Submit(const Connection& connection, const SubmitOptions& options,
                    const Output& output);

}  // namespace liaison::ctl

#endif  // LIAISON_BROKER_CTL_SUBMIT_COMMAND_H_
