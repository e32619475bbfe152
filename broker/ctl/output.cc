#include "broker/ctl/output.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "broker/ctl/render_text.h"
#include "google/protobuf/util/json_util.h"

namespace liaison::ctl {

absl::Status WriteJsonLine(const google::protobuf::Message& message, std::ostream& out) {
  std::string json;
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = false;
  const auto status = google::protobuf::util::MessageToJsonString(message, &json, options);
  if (!status.ok()) {
    return absl::InternalError(absl::StrCat("cannot print ", message.GetTypeName(),
                                            " as JSON: ", std::string(status.message())));
  }
  out << json << '\n';
  return absl::OkStatus();
}

absl::Status PrintAlert(const v1::Alert& alert, const Output& output) {
  if (output.json) return WriteJsonLine(alert, output.out);
  output.out << RenderAlert(alert) << '\n';
  return absl::OkStatus();
}

absl::Status PrintAuditEntry(const v1::AuditEntry& entry, const Output& output) {
  if (output.json) return WriteJsonLine(entry, output.out);
  output.out << RenderAuditEntry(entry) << '\n';
  return absl::OkStatus();
}

absl::Status PrintOffender(const v1::OffenderRecord& offender, const Output& output) {
  if (output.json) return WriteJsonLine(offender, output.out);
  output.out << RenderOffender(offender) << '\n';
  return absl::OkStatus();
}

}  // namespace liaison::ctl
