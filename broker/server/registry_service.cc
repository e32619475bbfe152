#include "absl/strings/str_cat.h"
#include "broker/server/services.h"

namespace liaison::server {
namespace {

// Bounds the response: a bulk load of a bad file reports this many errors.
constexpr int kMaxReportedErrors = 1000;

}  // namespace

grpc::Status RegistryService::UpsertOffender(grpc::ServerContext* context, const v1::UpsertOffenderRequest* request,
                                             v1::UpsertOffenderResponse* response) {
  auto principal = AdmitCaller(*context, *ctx_.access, ctx_.identity, Method::kUpsertOffender);
  if (!principal.ok()) return ToGrpc(principal.status());
  auto result = ctx_.core->registry().Upsert(request->offender(), (*principal)->id(), request->change_ref());
  if (!result.ok()) return ToGrpc(result.status());
  *response->mutable_offender() = std::move(result->record);
  response->set_created(result->created);
  response->set_duplicate(result->duplicate);
  return grpc::Status::OK;
}

grpc::Status RegistryService::GetOffender(grpc::ServerContext* context, const v1::GetOffenderRequest* request,
                                          v1::OffenderRecord* response) {
  auto principal = AdmitCaller(*context, *ctx_.access, ctx_.identity, Method::kGetOffender);
  if (!principal.ok()) return ToGrpc(principal.status());
  auto record = ctx_.core->registry().Get(request->crn());
  if (!record.ok()) return ToGrpc(record.status());
  *response = *std::move(record);
  return grpc::Status::OK;
}

grpc::Status RegistryService::AllocateManager(grpc::ServerContext* context,
                                              const v1::AllocateManagerRequest* request,
                                              v1::OffenderRecord* response) {
  auto principal = AdmitCaller(*context, *ctx_.access, ctx_.identity, Method::kAllocateManager);
  if (!principal.ok()) return ToGrpc(principal.status());
  auto record = ctx_.core->registry().Allocate(*request, (*principal)->id());
  if (!record.ok()) return ToGrpc(record.status());
  *response = *std::move(record);
  return grpc::Status::OK;
}

grpc::Status RegistryService::BulkLoad(grpc::ServerContext* context, grpc::ServerReader<v1::BulkLoadRequest>* reader,
                                       v1::BulkLoadResponse* response) {
  auto principal = AdmitCaller(*context, *ctx_.access, ctx_.identity, Method::kBulkLoad);
  if (!principal.ok()) return ToGrpc(principal.status());
  v1::BulkLoadRequest chunk;
  uint64_t index = 0;
  while (reader->Read(&chunk)) {
    if (chunk.offenders_size() > static_cast<int>(ctx_.limits.max_bulk_load_chunk())) {
      return ToGrpc(absl::InvalidArgumentError(absl::StrCat("offenders: ", chunk.offenders_size(),
                                                            " records in one chunk; the limit is ",
                                                            ctx_.limits.max_bulk_load_chunk())));
    }
    std::vector<v1::OffenderRecord> records(chunk.offenders().begin(), chunk.offenders().end());
    auto result = ctx_.core->registry().BulkLoad(std::move(records), index, (*principal)->id());
    if (!result.ok()) return ToGrpc(result.status());  // earlier chunks stay loaded
    index += chunk.offenders_size();
    response->set_loaded(response->loaded() + result->loaded);
    response->set_rejected(response->rejected() + result->errors.size());
    for (const auto& error : result->errors) {
      if (response->errors_size() >= kMaxReportedErrors) break;
      v1::BulkLoadError* out = response->add_errors();
      out->set_index(error.index);
      out->set_code(static_cast<int>(error.status.code()));
      out->set_message(std::string(error.status.message()));
    }
  }
  // A large load leaves the match tables over every level of the store;
  // compacted, each match looks in one sorted run per table.
  if (response->loaded() >= matching::IndexCompactor::kAfterBulkLoadRecords) ctx_.core->index_compactor().Request();
  return grpc::Status::OK;
}

grpc::Status RegistryService::MergeOffenders(grpc::ServerContext* context, const v1::MergeOffendersRequest* request,
                                             v1::MergeOffendersResponse* response) {
  auto principal = AdmitCaller(*context, *ctx_.access, ctx_.identity, Method::kMergeOffenders);
  if (!principal.ok()) return ToGrpc(principal.status());
  auto result = ctx_.core->registry().Merge(request->merged_crn(), request->surviving_crn(), request->reason(),
                                            (*principal)->id(), request->change_ref());
  if (!result.ok()) return ToGrpc(result.status());
  *response->mutable_surviving() = std::move(result->surviving);
  *response->mutable_merged() = std::move(result->merged);
  response->set_duplicate(result->duplicate);
  return grpc::Status::OK;
}

grpc::Status RegistryService::UnmergeOffender(grpc::ServerContext* context, const v1::UnmergeOffenderRequest* request,
                                              v1::OffenderRecord* response) {
  auto principal = AdmitCaller(*context, *ctx_.access, ctx_.identity, Method::kUnmergeOffender);
  if (!principal.ok()) return ToGrpc(principal.status());
  auto record = ctx_.core->registry().Unmerge(request->merged_crn(), request->reason(), (*principal)->id(),
                                              request->change_ref());
  if (!record.ok()) return ToGrpc(record.status());
  *response = *std::move(record);
  return grpc::Status::OK;
}

grpc::Status RegistryService::ApplyChange(grpc::ServerContext* context, const v1::ApplyChangeRequest* request,
                                          v1::ApplyChangeResponse* response) {
  auto principal = AdmitCaller(*context, *ctx_.access, ctx_.identity, Method::kApplyChange);
  if (!principal.ok()) return ToGrpc(principal.status());
  auto result = ctx_.core->registry().ApplyChange(*request, (*principal)->id());
  if (!result.ok()) return ToGrpc(result.status());
  if (result->record.has_value()) *response->mutable_offender() = *std::move(result->record);
  response->set_outcome(result->outcome);
  return grpc::Status::OK;
}

}  // namespace liaison::server
