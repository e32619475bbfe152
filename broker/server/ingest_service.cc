#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "broker/common/proto_time.h"
#include "broker/server/services.h"

namespace liaison::server {
namespace {

v1::Source SourceOf(const config::v1::Principal& principal) {
  v1::Source source = principal.agency();
  source.set_principal(principal.id());
  return source;
}

// Field errors are relative to the item: "notifications[3].subject: ...".
std::string ItemMessage(size_t index, const absl::Status& status) {
  const std::string item = absl::StrCat("notifications[", index, "]");
  absl::string_view message = status.message();
  if (status.code() != absl::StatusCode::kInvalidArgument && status.code() != absl::StatusCode::kAlreadyExists) {
    return std::string(message);
  }
  if (absl::ConsumePrefix(&message, "notification: ")) return absl::StrCat(item, ": ", message);
  return absl::StrCat(item, ".", message);
}

}  // namespace

grpc::Status IngestService::Submit(grpc::ServerContext* context, const v1::SubmitRequest* request,
                                   v1::SubmitResponse* response) {
  auto principal = AdmitCaller(*context, *ctx_.access, ctx_.identity, Method::kSubmit);
  if (!principal.ok()) return ToGrpc(principal.status());
  if (!request->has_notification()) {
    return ToGrpc(absl::InvalidArgumentError("notification: is required"));
  }
  auto outcome = ctx_.core->ingestor().Submit(SourceOf(**principal), request->notification());
  if (!outcome.ok()) return ToGrpc(outcome.status());
  response->set_notification_id(outcome->notification_id);
  response->set_duplicate(outcome->duplicate);
  *response->mutable_received_at() = ToProtoTime(outcome->received_at);
  return grpc::Status::OK;
}

grpc::Status IngestService::SubmitBatch(grpc::ServerContext* context, const v1::SubmitBatchRequest* request,
                                        v1::SubmitBatchResponse* response) {
  auto principal = AdmitCaller(*context, *ctx_.access, ctx_.identity, Method::kSubmitBatch);
  if (!principal.ok()) return ToGrpc(principal.status());
  std::vector<v1::Notification> notifications(request->notifications().begin(), request->notifications().end());
  auto results = ctx_.core->ingestor().SubmitBatch(SourceOf(**principal), std::move(notifications));
  if (!results.ok()) return ToGrpc(results.status());
  for (size_t i = 0; i < results->size(); ++i) {
    const auto& result = (*results)[i];
    v1::SubmitBatchResult* item = response->add_results();
    item->set_code(static_cast<int>(result.status().code()));
    if (!result.ok()) {
      item->set_message(ItemMessage(i, result.status()));
      continue;
    }
    item->set_notification_id(result->notification_id);
    item->set_duplicate(result->duplicate);
  }
  return grpc::Status::OK;
}

}  // namespace liaison::server
