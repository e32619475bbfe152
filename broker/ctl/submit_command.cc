#include "broker/ctl/submit_command.h"

#include <cstdint>
#include <optional>
#include <utility>

#include "absl/strings/str_cat.h"
#include "broker/common/status_macros.h"
#include "broker/ctl/command_status.h"
#include "broker/ctl/file_util.h"
#include "google/protobuf/util/json_util.h"
#include "liaison/v1/ingest_service.grpc.pb.h"

namespace liaison::ctl {
namespace {

// A notification file is small; a bigger one is the wrong file.
constexpr size_t kMaxNotificationBytes = 4 << 20;

// One file ready to send.
struct Pending {
  std::string file;
  v1::Notification notification;
};

// Tallies failures so the command can return one summary status.
class Failures {
 public:
  explicit Failures(size_t total) : total_(total) {}
  void Add(absl::StatusCode code) {
    if (count_++ == 0) first_code_ = code;
  }
  absl::Status Summary() const {
    if (count_ == 0) return absl::OkStatus();
    return ItemsFailed(first_code_, count_, total_, "files", "failed");
  }

 private:
  const size_t total_;
  size_t count_ = 0;
  absl::StatusCode first_code_ = absl::StatusCode::kUnknown;
};

// The files that parse; reports the others.
std::vector<Pending> LoadFiles(const std::vector<std::string>& files, const Output& output,
                               Failures& failures) {
  std::vector<Pending> pending;
  for (const std::string& file : files) {
    absl::StatusOr<std::string> json = ReadFileToString(file, kMaxNotificationBytes);
    if (!json.ok()) {
      // The message names the file already.
      output.err << json.status().message() << "\n";
      failures.Add(json.status().code());
      continue;
    }
    absl::StatusOr<v1::Notification> notification = ParseNotificationJson(*json);
    if (!notification.ok()) {
      output.err << file << ": invalid notification JSON: " << notification.status().message()
                 << "\n";
      failures.Add(notification.status().code());
      continue;
    }
    pending.push_back({file, *std::move(notification)});
  }
  return pending;
}

void PrintAccepted(absl::string_view file, absl::string_view id, bool duplicate,
                   const Output& output) {
  output.out << file << ": " << id << (duplicate ? " (duplicate)" : " (new)") << "\n";
}

absl::Status SubmitEach(v1::Ingest::Stub& stub, const Connection& connection,
                        const std::vector<Pending>& pending, const Output& output,
                        Failures& failures) {
  for (const Pending& item : pending) {
    v1::SubmitRequest request;
    *request.mutable_notification() = item.notification;
    v1::SubmitResponse response;
    grpc::ClientContext context;
    connection.ConfigureUnaryCall(context);
    const absl::Status status = FromGrpcStatus(stub.Submit(&context, request, &response));
    if (!status.ok()) {
      output.err << item.file << ": " << DescribeStatus(status) << "\n";
      failures.Add(status.code());
    } else if (output.json) {
      RETURN_IF_ERROR(WriteJsonLine(response, output.out));
    } else {
      PrintAccepted(item.file, response.notification_id(), response.duplicate(), output);
    }
  }
  return absl::OkStatus();
}

absl::Status SubmitAsBatch(v1::Ingest::Stub& stub, const Connection& connection,
                           const std::vector<Pending>& pending, const Output& output,
                           Failures& failures) {
  v1::SubmitBatchRequest request;
  for (const Pending& item : pending) *request.add_notifications() = item.notification;
  v1::SubmitBatchResponse response;
  grpc::ClientContext context;
  connection.ConfigureUnaryCall(context);
  RETURN_IF_ERROR(FromGrpcStatus(stub.SubmitBatch(&context, request, &response)));
  if (static_cast<size_t>(response.results_size()) != pending.size()) {
    return absl::InternalError(absl::StrCat("the broker answered ", response.results_size(),
                                            " results for ", pending.size(), " notifications"));
  }
  if (output.json) RETURN_IF_ERROR(WriteJsonLine(response, output.out));
  for (size_t i = 0; i < pending.size(); ++i) {
    const v1::SubmitBatchResult& result = response.results(static_cast<int>(i));
    if (result.code() != 0) {
      output.err << pending[i].file << ": " << CodeName(result.code()) << ": " << result.message()
                 << "\n";
      failures.Add(static_cast<absl::StatusCode>(result.code()));
    } else if (!output.json) {
      PrintAccepted(pending[i].file, result.notification_id(), result.duplicate(), output);
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<v1::Notification> ParseNotificationJson(absl::string_view json) {
  v1::Notification notification;
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = false;
  const auto status = google::protobuf::util::JsonStringToMessage(
      google::protobuf::StringPiece(json.data(), json.size()), &notification, options);
  if (!status.ok()) {
    // Only the first line: the parser follows it with a snippet of the input
    // (personal data, and it would break one-error-per-line output).
    const absl::string_view message(status.message().data(), status.message().size());
    return absl::InvalidArgumentError(message.substr(0, message.find('\n')));
  }
  return notification;
}

absl::Status Submit(const Connection& connection, const SubmitOptions& options,
                    const Output& output) {
  Failures failures(options.files.size());
  const std::vector<Pending> pending = LoadFiles(options.files, output, failures);
  if (!pending.empty()) {
    auto stub = v1::Ingest::NewStub(connection.channel());
    RETURN_IF_ERROR(options.batch ? SubmitAsBatch(*stub, connection, pending, output, failures)
                                  : SubmitEach(*stub, connection, pending, output, failures));
  }
  return failures.Summary();
}

}  // namespace liaison::ctl
