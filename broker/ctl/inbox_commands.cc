#include "broker/ctl/inbox_commands.h"

#include <memory>

#include "absl/strings/str_cat.h"
#include "broker/common/status_macros.h"
#include "broker/ctl/command_status.h"
#include "liaison/v1/inbox_service.grpc.pb.h"

namespace liaison::ctl {
namespace {

absl::StatusOr<v1::AcknowledgeResponse> Acknowledge(v1::Inbox::Stub& stub,
                                                    const Connection& connection,
                                                    const std::string& alert_id,
                                                    const std::string& recipient_id = "") {
  v1::AcknowledgeRequest request;
  request.set_alert_id(alert_id);
  request.set_recipient_id(recipient_id);
  v1::AcknowledgeResponse response;
  grpc::ClientContext context;
  connection.ConfigureUnaryCall(context);
  RETURN_IF_ERROR(FromGrpcStatus(stub.Acknowledge(&context, request, &response)));
  return response;
}

// Attaches a call to an optional canceller for the scope's duration.
class CancellerAttachment {
 public:
  CancellerAttachment(StreamCanceller* canceller, grpc::ClientContext* context)
      : canceller_(canceller) {
    if (canceller_ != nullptr) canceller_->Attach(context);
  }
  ~CancellerAttachment() {
    if (canceller_ != nullptr) canceller_->Detach();
  }
  CancellerAttachment(const CancellerAttachment&) = delete;
  CancellerAttachment& operator=(const CancellerAttachment&) = delete;

 private:
  StreamCanceller* const canceller_;
};

absl::Status HandleWatchedAlert(v1::Inbox::Stub& stub, const Connection& connection,
                                const InboxWatchOptions& options, const v1::Alert& alert,
                                const Output& output) {
  RETURN_IF_ERROR(PrintAlert(alert, output));
  output.out.flush();
  if (!options.ack) return absl::OkStatus();
  absl::StatusOr<v1::AcknowledgeResponse> acked = Acknowledge(stub, connection, alert.alert_id());
  if (!acked.ok()) {
    return absl::Status(acked.status().code(), absl::StrCat("acknowledging ", alert.alert_id(),
                                                            ": ", acked.status().message()));
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status InboxList(const Connection& connection, const InboxListOptions& options,
                       const Output& output) {
  auto stub = v1::Inbox::NewStub(connection.channel());
  v1::ListAlertsRequest request;
  request.set_recipient_id(options.recipient_id);
  request.set_after_sequence(options.after_sequence);
  request.set_page_size(options.page_size);
  request.set_include_acknowledged(options.include_acknowledged);
  uint64_t printed = 0;
  while (true) {
    grpc::ClientContext context;
    connection.ConfigureUnaryCall(context);
    v1::ListAlertsResponse response;
    RETURN_IF_ERROR(FromGrpcStatus(stub->ListAlerts(&context, request, &response)));
    for (const v1::Alert& alert : response.alerts()) RETURN_IF_ERROR(PrintAlert(alert, output));
    printed += static_cast<uint64_t>(response.alerts_size());
    if (response.next_after_sequence() == 0) break;
    if (response.next_after_sequence() <= request.after_sequence()) {
      return absl::InternalError(
          absl::StrCat("the broker's next_after_sequence (", response.next_after_sequence(),
                       ") does not advance past ", request.after_sequence()));
    }
    request.set_after_sequence(response.next_after_sequence());
  }
  if (printed == 0 && !output.json) output.out << "no alerts\n";
  return absl::OkStatus();
}

absl::Status InboxGet(const Connection& connection, const std::string& alert_id,
                      const Output& output) {
  auto stub = v1::Inbox::NewStub(connection.channel());
  v1::GetAlertRequest request;
  request.set_alert_id(alert_id);
  grpc::ClientContext context;
  connection.ConfigureUnaryCall(context);
  v1::Alert alert;
  RETURN_IF_ERROR(FromGrpcStatus(stub->GetAlert(&context, request, &alert)));
  return PrintAlert(alert, output);
}

absl::Status InboxAck(const Connection& connection, const std::vector<std::string>& alert_ids,
                      const Output& output, const std::string& recipient_id) {
  auto stub = v1::Inbox::NewStub(connection.channel());
  uint64_t failed = 0;
  absl::StatusCode first_code = absl::StatusCode::kUnknown;
  for (const std::string& alert_id : alert_ids) {
    absl::StatusOr<v1::AcknowledgeResponse> response = Acknowledge(*stub, connection, alert_id, recipient_id);
    if (!response.ok()) {
      output.err << alert_id << ": " << DescribeStatus(response.status()) << "\n";
      if (failed++ == 0) first_code = response.status().code();
    } else if (output.json) {
      RETURN_IF_ERROR(WriteJsonLine(*response, output.out));
    } else {
      output.out << alert_id << ": "
                 << (response->already_acknowledged() ? "already acknowledged" : "acknowledged")
                 << "\n";
    }
  }
  if (failed == 0) return absl::OkStatus();
  return ItemsFailed(first_code, failed, alert_ids.size(), "alerts", "not acknowledged");
}

absl::Status InboxWatch(const Connection& connection, const InboxWatchOptions& options,
                        const Output& output) {
  auto stub = v1::Inbox::NewStub(connection.channel());
  v1::SubscribeRequest request;
  request.set_recipient_id(options.recipient_id);
  request.set_after_sequence(options.after_sequence);
  request.set_max_in_flight(options.max_in_flight);
  grpc::ClientContext context;
  connection.ConfigureStreamingCall(context);
  CancellerAttachment attachment(options.canceller, &context);
  auto reader = stub->Subscribe(&context, request);
  uint64_t received = 0;
  absl::Status failure;
  v1::SubscribeResponse response;
  while (failure.ok() && (options.count == 0 || received < options.count) &&
         reader->Read(&response)) {
    ++received;
    failure = HandleWatchedAlert(*stub, connection, options, response.alert(), output);
  }
  const bool count_reached = options.count != 0 && received >= options.count;
  if (!failure.ok() || count_reached) context.TryCancel();
  const absl::Status stream = FromGrpcStatus(reader->Finish());
  if (!failure.ok()) return failure;
  if (count_reached) return absl::OkStatus();
  if (options.canceller != nullptr && options.canceller->cancelled()) return absl::OkStatus();
  RETURN_IF_ERROR(stream);
  if (options.count != 0) {
    return absl::UnavailableError(absl::StrCat("the broker ended the stream after ", received,
                                               " of ", options.count, " alerts"));
  }
  return absl::OkStatus();
}

}  // namespace liaison::ctl
