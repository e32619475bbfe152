#ifndef LIAISON_BROKER_SERVER_SERVICES_H_
#define LIAISON_BROKER_SERVER_SERVICES_H_

// Thin gRPC adapters over BrokerCore: each handler admits the caller,
// converts the request, calls the domain and maps the status. No domain
// logic lives here.

#include <functional>
#include <string>

#include "broker/core/broker_core.h"
#include "broker/server/access_policy.h"
#include "broker/server/grpc_glue.h"
#include "liaison/config/v1/config.pb.h"
#include "liaison/v1/admin_service.grpc.pb.h"
#include "liaison/v1/audit_service.grpc.pb.h"
#include "liaison/v1/inbox_service.grpc.pb.h"
#include "liaison/v1/ingest_service.grpc.pb.h"
#include "liaison/v1/policy_service.grpc.pb.h"
#include "liaison/v1/registry_service.grpc.pb.h"
#include "liaison/v1/review_service.grpc.pb.h"

namespace liaison::server {

// What the adapters share. Not owned; must outlive the services.
struct ServiceContext {
  BrokerCore* core;
  AccessControl* access;
  IdentityMode identity;
  config::v1::Limits limits;
  // The broker's config as loaded at start: Policy.Reload re-reads the
  // policy it names and validates it against its directory.
  const config::v1::BrokerConfig* config;
  // Takes an online backup into a destination directory (Admin.Backup);
  // null when the broker has no store to back up (UNIMPLEMENTED).
  const std::function<absl::StatusOr<v1::BackupResponse>(const std::string&)>* backup = nullptr;
};

class IngestService final : public v1::Ingest::Service {
 public:
  explicit IngestService(ServiceContext ctx) : ctx_(ctx) {}
  grpc::Status Submit(grpc::ServerContext* context, const v1::SubmitRequest* request,
                      v1::SubmitResponse* response) override;
  grpc::Status SubmitBatch(grpc::ServerContext* context, const v1::SubmitBatchRequest* request,
                           v1::SubmitBatchResponse* response) override;

 private:
  ServiceContext ctx_;
};

class InboxService final : public v1::Inbox::Service {
 public:
  explicit InboxService(ServiceContext ctx) : ctx_(ctx) {}
  grpc::Status Subscribe(grpc::ServerContext* context, const v1::SubscribeRequest* request,
                         grpc::ServerWriter<v1::SubscribeResponse>* writer) override;
  grpc::Status ListAlerts(grpc::ServerContext* context, const v1::ListAlertsRequest* request,
                          v1::ListAlertsResponse* response) override;
  grpc::Status GetAlert(grpc::ServerContext* context, const v1::GetAlertRequest* request,
                        v1::Alert* response) override;
  grpc::Status Acknowledge(grpc::ServerContext* context, const v1::AcknowledgeRequest* request,
                           v1::AcknowledgeResponse* response) override;

 private:
  ServiceContext ctx_;
};

class RegistryService final : public v1::Registry::Service {
 public:
  explicit RegistryService(ServiceContext ctx) : ctx_(ctx) {}
  grpc::Status UpsertOffender(grpc::ServerContext* context, const v1::UpsertOffenderRequest* request,
                              v1::UpsertOffenderResponse* response) override;
  grpc::Status GetOffender(grpc::ServerContext* context, const v1::GetOffenderRequest* request,
                           v1::OffenderRecord* response) override;
  grpc::Status AllocateManager(grpc::ServerContext* context, const v1::AllocateManagerRequest* request,
                               v1::OffenderRecord* response) override;
  grpc::Status BulkLoad(grpc::ServerContext* context, grpc::ServerReader<v1::BulkLoadRequest>* reader,
                        v1::BulkLoadResponse* response) override;
  grpc::Status MergeOffenders(grpc::ServerContext* context, const v1::MergeOffendersRequest* request,
                              v1::MergeOffendersResponse* response) override;
  grpc::Status UnmergeOffender(grpc::ServerContext* context, const v1::UnmergeOffenderRequest* request,
                               v1::OffenderRecord* response) override;
  grpc::Status ApplyChange(grpc::ServerContext* context, const v1::ApplyChangeRequest* request,
                           v1::ApplyChangeResponse* response) override;

 private:
  ServiceContext ctx_;
};

class AuditService final : public v1::Audit::Service {
 public:
  explicit AuditService(ServiceContext ctx) : ctx_(ctx) {}
  grpc::Status Query(grpc::ServerContext* context, const v1::AuditQueryRequest* request,
                     v1::AuditQueryResponse* response) override;
  grpc::Status VerifyChain(grpc::ServerContext* context, const v1::VerifyChainRequest* request,
                           v1::VerifyChainResponse* response) override;
  grpc::Status GetCheckpoint(grpc::ServerContext* context, const v1::GetCheckpointRequest* request,
                             v1::Checkpoint* response) override;
  grpc::Status ListCheckpoints(grpc::ServerContext* context, const v1::ListCheckpointsRequest* request,
                               v1::ListCheckpointsResponse* response) override;
  grpc::Status ProveInclusion(grpc::ServerContext* context, const v1::ProveInclusionRequest* request,
                              v1::ProveInclusionResponse* response) override;
  grpc::Status ProveConsistency(grpc::ServerContext* context, const v1::ProveConsistencyRequest* request,
                                v1::ProveConsistencyResponse* response) override;
  grpc::Status ExportLog(grpc::ServerContext* context, const v1::ExportLogRequest* request,
                         v1::ExportLogResponse* response) override;

 private:
  ServiceContext ctx_;
};

class ReviewService final : public v1::Review::Service {
 public:
  explicit ReviewService(ServiceContext ctx) : ctx_(ctx) {}
  grpc::Status ListReviews(grpc::ServerContext* context, const v1::ListReviewsRequest* request,
                           v1::ListReviewsResponse* response) override;
  grpc::Status GetReview(grpc::ServerContext* context, const v1::GetReviewRequest* request,
                         v1::ReviewDetail* response) override;
  grpc::Status ResolveReview(grpc::ServerContext* context, const v1::ResolveReviewRequest* request,
                             v1::ReviewItem* response) override;

 private:
  ServiceContext ctx_;
};

// The policy in force: explain a decision (auditors), reload it (policy
// administrators), and say which version is in force.
class PolicyService final : public v1::Policy::Service {
 public:
  explicit PolicyService(ServiceContext ctx) : ctx_(ctx) {}
  grpc::Status Explain(grpc::ServerContext* context, const v1::ExplainPolicyRequest* request,
                       v1::PolicyExplanation* response) override;
  grpc::Status Reload(grpc::ServerContext* context, const v1::ReloadPolicyRequest* request,
                      v1::ReloadPolicyResponse* response) override;
  grpc::Status GetPolicy(grpc::ServerContext* context, const v1::GetPolicyRequest* request,
                         v1::PolicyInfo* response) override;

 private:
  ServiceContext ctx_;
};

class AdminService final : public v1::Admin::Service {
 public:
  explicit AdminService(ServiceContext ctx) : ctx_(ctx) {}
  grpc::Status Backup(grpc::ServerContext* context, const v1::BackupRequest* request,
                      v1::BackupResponse* response) override;

 private:
  ServiceContext ctx_;
};

}  // namespace liaison::server

#endif  // LIAISON_BROKER_SERVER_SERVICES_H_
