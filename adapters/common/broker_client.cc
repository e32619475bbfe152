#include "adapters/common/broker_client.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "liaison/v1/ingest_service.grpc.pb.h"
#include "liaison/v1/registry_service.grpc.pb.h"

namespace liaison::adapters {
namespace {

absl::Status FromGrpc(const grpc::Status& status) {
  if (status.ok()) return absl::OkStatus();
  return absl::Status(static_cast<absl::StatusCode>(status.error_code()), status.error_message());
}

class GrpcBrokerClient : public BrokerClient {
 public:
  GrpcBrokerClient(std::optional<ctl::Connection> ingest, std::optional<ctl::Connection> registry)
      : ingest_(std::move(ingest)), registry_(std::move(registry)) {
    if (ingest_) ingest_stub_ = liaison::v1::Ingest::NewStub(ingest_->channel());
    if (registry_) registry_stub_ = liaison::v1::Registry::NewStub(registry_->channel());
  }

  std::vector<CallResult> SubmitBatch(const std::vector<const v1::Action*>& actions) override {
    std::vector<CallResult> results(actions.size());
    if (!ingest_stub_) {
      for (CallResult& r : results) {
        r.status = absl::FailedPreconditionError("this adapter has no Ingest identity (--cert-file)");
      }
      return results;
    }
    liaison::v1::SubmitBatchRequest request;
    for (const v1::Action* action : actions) *request.add_notifications() = action->submit();
    liaison::v1::SubmitBatchResponse response;
    grpc::ClientContext context;
    ingest_->ConfigureUnaryCall(context);
    absl::Status status = FromGrpc(ingest_stub_->SubmitBatch(&context, request, &response));
    if (status.ok() && response.results_size() != static_cast<int>(actions.size())) {
      status = absl::InternalError("SubmitBatch returned a different number of results");
    }
    for (size_t i = 0; i < actions.size(); ++i) {
      if (!status.ok()) {
        results[i].status = status;
        continue;
      }
      const auto& item = response.results(static_cast<int>(i));
      results[i].status = absl::Status(static_cast<absl::StatusCode>(item.code()), item.message());
      results[i].notification_id = item.notification_id();
      results[i].duplicate = item.duplicate();
      results[i].outcome = v1::OUTCOME_NOTIFIED;
    }
    return results;
  }

  CallResult Registry(const v1::Action& action) override {
    CallResult result;
    if (!registry_stub_) {
      result.status = absl::FailedPreconditionError("this adapter has no Registry identity (--registry-cert-file)");
      return result;
    }
    grpc::ClientContext context;
    registry_->ConfigureUnaryCall(context);
    result.outcome = v1::OUTCOME_REGISTRY_CHANGED;
    switch (action.call_case()) {
      case v1::Action::kUpsertOffender: {
        liaison::v1::UpsertOffenderResponse response;
        result.status = FromGrpc(registry_stub_->UpsertOffender(&context, action.upsert_offender(), &response));
        result.duplicate = response.duplicate();
        break;
      }
      case v1::Action::kAllocateManager: {
        liaison::v1::OffenderRecord response;
        result.status = FromGrpc(registry_stub_->AllocateManager(&context, action.allocate_manager(), &response));
        break;
      }
      case v1::Action::kMergeOffenders: {
        liaison::v1::MergeOffendersResponse response;
        result.status = FromGrpc(registry_stub_->MergeOffenders(&context, action.merge_offenders(), &response));
        result.duplicate = response.duplicate();
        break;
      }
      case v1::Action::kUnmergeOffender: {
        liaison::v1::OffenderRecord response;
        result.status = FromGrpc(registry_stub_->UnmergeOffender(&context, action.unmerge_offender(), &response));
        break;
      }
      case v1::Action::kApplyChange: {
        liaison::v1::ApplyChangeResponse response;
        result.status = FromGrpc(registry_stub_->ApplyChange(&context, action.apply_change(), &response));
        result.duplicate = response.outcome() == liaison::v1::CHANGE_OUTCOME_DUPLICATE;
        if (response.outcome() == liaison::v1::CHANGE_OUTCOME_SUPERSEDED) result.outcome = v1::OUTCOME_SUPERSEDED;
        if (result.status.code() == absl::StatusCode::kNotFound) {
          result.status = absl::OkStatus();
          result.outcome = v1::OUTCOME_NOT_IN_INDEX;
        }
        break;
      }
      default:
        result.status = absl::InvalidArgumentError("action: not a registry call");
    }
    return result;
  }

 private:
  std::optional<ctl::Connection> ingest_;
  std::optional<ctl::Connection> registry_;
  std::unique_ptr<liaison::v1::Ingest::Stub> ingest_stub_;
  std::unique_ptr<liaison::v1::Registry::Stub> registry_stub_;
};

}  // namespace

std::unique_ptr<BrokerClient> NewGrpcBrokerClient(std::optional<ctl::Connection> ingest,
                                                  std::optional<ctl::Connection> registry) {
  return std::make_unique<GrpcBrokerClient>(std::move(ingest), std::move(registry));
}

bool IsRetryable(const absl::Status& status) {
  switch (status.code()) {
    case absl::StatusCode::kUnavailable:
    case absl::StatusCode::kDeadlineExceeded:
    case absl::StatusCode::kResourceExhausted:
    case absl::StatusCode::kAborted:
    case absl::StatusCode::kInternal:
    case absl::StatusCode::kUnknown:
    case absl::StatusCode::kCancelled:
    case absl::StatusCode::kUnauthenticated:
    case absl::StatusCode::kPermissionDenied:
      return true;
    default:
      return false;
  }
}

}  // namespace liaison::adapters
