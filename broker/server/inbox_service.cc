#include "broker/common/log.h"
#include "broker/common/proto_time.h"
#include "broker/server/services.h"

namespace liaison::server {
namespace {

// Inbox principals read only their own recipients' inboxes. (Single alerts
// of other inboxes are NOT_FOUND, see FilterFor, so ids cannot be probed.)
absl::Status CheckRecipient(const Caller& caller, const std::string& recipient_id) {
  if (recipient_id.empty()) return absl::InvalidArgumentError("recipient_id: is required");
  if (!caller.MaySee(recipient_id)) {
    return absl::PermissionDeniedError("recipient_id: this client may not read that inbox");
  }
  return absl::OkStatus();
}

inbox::RecipientFilter FilterFor(const Caller& caller) {
  return [caller](const std::string& recipient_id) { return caller.MaySee(recipient_id); };
}

}  // namespace

grpc::Status InboxService::Subscribe(grpc::ServerContext* context, const v1::SubscribeRequest* request,
                                     grpc::ServerWriter<v1::SubscribeResponse>* writer) {
  auto principal = AdmitCaller(*context, *ctx_.access, ctx_.identity, Method::kSubscribe);
  if (!principal.ok()) return ToGrpc(principal.status());
  absl::Status allowed = CheckRecipient(*principal, request->recipient_id());
  if (!allowed.ok()) return ToGrpc(allowed);
  // Held until the stream ends.
  auto slot = ctx_.access->AcquireSubscription(*principal);
  if (!slot.ok()) return ToGrpc(slot.status());
  auto subscription =
      ctx_.core->inbox().Subscribe(request->recipient_id(), request->after_sequence(), request->max_in_flight());
  if (!subscription.ok()) return ToGrpc(subscription.status());
  Log(LogLevel::kInfo, "subscription_started", {{"after_sequence", request->after_sequence()}});
  const auto cancelled = [context] { return context->IsCancelled(); };
  while (true) {
    auto next = (*subscription)->Next(cancelled);
    if (!next.ok()) return ToGrpc(next.status());
    if (!next->has_value()) break;  // cancelled or shutting down
    v1::SubscribeResponse response;
    *response.mutable_alert() = **std::move(next);
    // A failed write means the client has gone; the alert stays pending and
    // is redelivered after its ack deadline.
    if (!writer->Write(response)) break;
  }
  Log(LogLevel::kInfo, "subscription_ended", {{"cursor", (*subscription)->cursor()}});
  return context->IsCancelled() ? grpc::Status::CANCELLED
                                : grpc::Status(grpc::StatusCode::UNAVAILABLE, "the broker is shutting down");
}

grpc::Status InboxService::ListAlerts(grpc::ServerContext* context, const v1::ListAlertsRequest* request,
                                      v1::ListAlertsResponse* response) {
  auto principal = AdmitCaller(*context, *ctx_.access, ctx_.identity, Method::kListAlerts);
  if (!principal.ok()) return ToGrpc(principal.status());
  absl::Status allowed = CheckRecipient(*principal, request->recipient_id());
  if (!allowed.ok()) return ToGrpc(allowed);
  auto list = ctx_.core->inbox().List(request->recipient_id(), request->after_sequence(), request->page_size(),
                                      request->include_acknowledged());
  if (!list.ok()) return ToGrpc(list.status());
  // Audited before anything is returned: no unaudited reads.
  const absl::Status audited =
      ctx_.core->read_audit().AlertsListed((*principal)->id(), request->recipient_id(), request->after_sequence(),
                                           request->include_acknowledged(), list->alerts);
  if (!audited.ok()) return ToGrpc(audited);
  for (v1::Alert& alert : list->alerts) *response->add_alerts() = std::move(alert);
  response->set_next_after_sequence(list->next_after_sequence);
  return grpc::Status::OK;
}

grpc::Status InboxService::GetAlert(grpc::ServerContext* context, const v1::GetAlertRequest* request,
                                    v1::Alert* response) {
  auto principal = AdmitCaller(*context, *ctx_.access, ctx_.identity, Method::kGetAlert);
  if (!principal.ok()) return ToGrpc(principal.status());
  auto alert = ctx_.core->inbox().Get(request->alert_id(), FilterFor(*principal));
  if (!alert.ok()) return ToGrpc(alert.status());
  const absl::Status audited = ctx_.core->read_audit().AlertViewed((*principal)->id(), *alert);
  if (!audited.ok()) return ToGrpc(audited);
  *response = *std::move(alert);
  return grpc::Status::OK;
}

grpc::Status InboxService::Acknowledge(grpc::ServerContext* context, const v1::AcknowledgeRequest* request,
                                       v1::AcknowledgeResponse* response) {
  auto principal = AdmitCaller(*context, *ctx_.access, ctx_.identity, Method::kAcknowledge);
  if (!principal.ok()) return ToGrpc(principal.status());
  inbox::RecipientFilter may_see = FilterFor(*principal);
  if (!request->recipient_id().empty()) {
    may_see = [may_see, wanted = request->recipient_id()](const std::string& recipient_id) {
      return recipient_id == wanted && may_see(recipient_id);
    };
  }
  auto ack = ctx_.core->inbox().Acknowledge(request->alert_id(), (*principal)->id(), may_see);
  if (!ack.ok()) return ToGrpc(ack.status());
  response->set_already_acknowledged(ack->already_acknowledged);
  *response->mutable_acknowledged_at() = ToProtoTime(ack->acknowledged_at);
  return grpc::Status::OK;
}

}  // namespace liaison::server
