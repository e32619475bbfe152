#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "broker/common/proto_time.h"
#include "broker/server/services.h"

namespace liaison::server {

grpc::Status AuditService::Query(grpc::ServerContext* context, const v1::AuditQueryRequest* request,
                                 v1::AuditQueryResponse* response) {
  auto principal = AdmitCaller(*context, *ctx_.access, ctx_.identity, Method::kAuditQuery);
  if (!principal.ok()) return ToGrpc(principal.status());
  audit::AuditFilter filter;
  filter.crn = request->crn();
  filter.recipient_id = request->recipient_id();
  filter.source = request->source();
  filter.notification_id = request->notification_id();
  if (request->has_since()) filter.since = FromProtoTime(request->since());
  if (request->has_until()) filter.until = FromProtoTime(request->until());
  filter.page_size = request->page_size();
  if (!request->page_token().empty() && !absl::SimpleAtoi(request->page_token(), &filter.after_sequence)) {
    return ToGrpc(absl::InvalidArgumentError("page_token: is not a token this broker issued"));
  }
  auto page = ctx_.core->audit().Query(filter);
  if (!page.ok()) return ToGrpc(page.status());
  for (v1::AuditEntry& entry : page->entries) *response->add_entries() = std::move(entry);
  if (page->next_after_sequence != 0) response->set_next_page_token(absl::StrCat(page->next_after_sequence));
  return grpc::Status::OK;
}

grpc::Status AuditService::VerifyChain(grpc::ServerContext* context, const v1::VerifyChainRequest* request,
                                       v1::VerifyChainResponse* response) {
  auto principal = AdmitCaller(*context, *ctx_.access, ctx_.identity, Method::kVerifyChain);
  if (!principal.ok()) return ToGrpc(principal.status());
  auto verification = ctx_.core->audit().Verify();
  if (!verification.ok()) return ToGrpc(verification.status());
  response->set_ok(verification->ok);
  response->set_entries(verification->entries);
  response->set_head_hash(verification->head_hash);
  response->set_first_bad_sequence(verification->first_bad_sequence);
  response->set_problem(verification->problem);
  return grpc::Status::OK;
}

}  // namespace liaison::server
