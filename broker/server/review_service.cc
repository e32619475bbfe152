#include "broker/server/services.h"

namespace liaison::server {

grpc::Status ReviewService::ListReviews(grpc::ServerContext* context, const v1::ListReviewsRequest* request,
                                        v1::ListReviewsResponse* response) {
  auto principal = AdmitCaller(*context, *ctx_.access, ctx_.identity, Method::kListReviews);
  if (!principal.ok()) return ToGrpc(principal.status());
  auto list = ctx_.core->reviews().List(*request);
  if (!list.ok()) return ToGrpc(list.status());
  *response = *std::move(list);
  return grpc::Status::OK;
}

grpc::Status ReviewService::GetReview(grpc::ServerContext* context, const v1::GetReviewRequest* request,
                                      v1::ReviewDetail* response) {
  auto principal = AdmitCaller(*context, *ctx_.access, ctx_.identity, Method::kGetReview);
  if (!principal.ok()) return ToGrpc(principal.status());
  auto detail = ctx_.core->reviews().Get(request->notification_id());
  if (!detail.ok()) return ToGrpc(detail.status());
  *response = *std::move(detail);
  return grpc::Status::OK;
}

grpc::Status ReviewService::ResolveReview(grpc::ServerContext* context, const v1::ResolveReviewRequest* request,
                                          v1::ReviewItem* response) {
  auto principal = AdmitCaller(*context, *ctx_.access, ctx_.identity, Method::kResolveReview);
  if (!principal.ok()) return ToGrpc(principal.status());
  auto item = ctx_.core->reviews().Resolve(*request, (*principal)->id());
  if (!item.ok()) return ToGrpc(item.status());
  *response = *std::move(item);
  return grpc::Status::OK;
}

}  // namespace liaison::server
