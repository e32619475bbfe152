#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "broker/audit/checkpoint.h"
#include "broker/common/proto_time.h"
#include "broker/server/services.h"

namespace liaison::server {
namespace {

// The checkpoint message of a stored note (the parsed fields are a
// convenience; clients verify the note).
absl::StatusOr<v1::Checkpoint> CheckpointMessage(std::string note) {
  absl::StatusOr<audit::ParsedNote> parsed = audit::ParseCheckpointNote(note);
  if (!parsed.ok()) return absl::DataLossError("a stored checkpoint does not parse");
  v1::Checkpoint checkpoint;
  checkpoint.set_origin(parsed->checkpoint.origin);
  checkpoint.set_tree_size(parsed->checkpoint.size);
  checkpoint.set_root_hash(parsed->checkpoint.root);
  checkpoint.set_note(std::move(note));
  return checkpoint;
}

}  // namespace

grpc::Status AuditService::Query(grpc::ServerContext* context, const v1::AuditQueryRequest* request,
                                 v1::AuditQueryResponse* response) {
  auto principal = AdmitCaller(*context, *ctx_.access, ctx_.identity, Method::kAuditQuery);
  if (!principal.ok()) return ToGrpc(principal.status());
  audit::AuditFilter filter;
  // A broker that hashes people in its log looks a CRN up by its hash.
  if (std::string ref = ctx_.core->PersonRef(request->crn()); !ref.empty()) {
    filter.person = std::move(ref);
  } else {
    filter.crn = request->crn();
  }
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
  // Audited before anything is returned: no unaudited reads.
  const absl::Status audited =
      ctx_.core->read_audit().AuditQueried((*principal)->id(), filter, static_cast<uint32_t>(page->entries.size()));
  if (!audited.ok()) return ToGrpc(audited);
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
  response->set_head_hash(verification->root);
  response->set_first_bad_sequence(verification->first_bad_sequence);
  response->set_problem(verification->problem);
  response->set_checkpoints(verification->checkpoints);
  response->set_bad_checkpoint_size(verification->bad_checkpoint_size);
  return grpc::Status::OK;
}

grpc::Status AuditService::GetCheckpoint(grpc::ServerContext* context, const v1::GetCheckpointRequest* request,
                                         v1::Checkpoint* response) {
  auto principal = AdmitCaller(*context, *ctx_.access, ctx_.identity, Method::kGetCheckpoint);
  if (!principal.ok()) return ToGrpc(principal.status());
  auto note = ctx_.core->audit_reader().Checkpoint(request->tree_size());
  if (!note.ok()) return ToGrpc(note.status());
  auto checkpoint = CheckpointMessage(*std::move(note));
  if (!checkpoint.ok()) return ToGrpc(checkpoint.status());
  *response = *std::move(checkpoint);
  return grpc::Status::OK;
}

grpc::Status AuditService::ListCheckpoints(grpc::ServerContext* context, const v1::ListCheckpointsRequest* request,
                                           v1::ListCheckpointsResponse* response) {
  auto principal = AdmitCaller(*context, *ctx_.access, ctx_.identity, Method::kListCheckpoints);
  if (!principal.ok()) return ToGrpc(principal.status());
  auto page = ctx_.core->audit_reader().ListCheckpoints(request->after_tree_size(), request->page_size());
  if (!page.ok()) return ToGrpc(page.status());
  for (std::string& note : page->notes) {
    auto checkpoint = CheckpointMessage(std::move(note));
    if (!checkpoint.ok()) return ToGrpc(checkpoint.status());
    *response->add_checkpoints() = *std::move(checkpoint);
  }
  response->set_next_after_tree_size(page->next_after_size);
  return grpc::Status::OK;
}

grpc::Status AuditService::ProveInclusion(grpc::ServerContext* context, const v1::ProveInclusionRequest* request,
                                          v1::ProveInclusionResponse* response) {
  auto principal = AdmitCaller(*context, *ctx_.access, ctx_.identity, Method::kProveInclusion);
  if (!principal.ok()) return ToGrpc(principal.status());
  auto proof = ctx_.core->audit_reader().ProveInclusion(request->sequence(), request->tree_size());
  if (!proof.ok()) return ToGrpc(proof.status());
  *response = *std::move(proof);
  return grpc::Status::OK;
}

grpc::Status AuditService::ProveConsistency(grpc::ServerContext* context,
                                            const v1::ProveConsistencyRequest* request,
                                            v1::ProveConsistencyResponse* response) {
  auto principal = AdmitCaller(*context, *ctx_.access, ctx_.identity, Method::kProveConsistency);
  if (!principal.ok()) return ToGrpc(principal.status());
  auto proof = ctx_.core->audit_reader().ProveConsistency(request->from_tree_size(), request->to_tree_size());
  if (!proof.ok()) return ToGrpc(proof.status());
  *response = *std::move(proof);
  return grpc::Status::OK;
}

grpc::Status AuditService::ExportLog(grpc::ServerContext* context, const v1::ExportLogRequest* request,
                                     v1::ExportLogResponse* response) {
  auto principal = AdmitCaller(*context, *ctx_.access, ctx_.identity, Method::kExportLog);
  if (!principal.ok()) return ToGrpc(principal.status());
  auto page = ctx_.core->audit_reader().Leaves(request->after_sequence(), request->page_size());
  if (!page.ok()) return ToGrpc(page.status());
  const absl::Status audited = ctx_.core->read_audit().AuditExported(
      (*principal)->id(), request->after_sequence(), static_cast<uint32_t>(page->leaves.size()));
  if (!audited.ok()) return ToGrpc(audited);
  for (v1::AuditLeaf& leaf : page->leaves) *response->add_leaves() = std::move(leaf);
  response->set_next_after_sequence(page->next_after_sequence);
  return grpc::Status::OK;
}

}  // namespace liaison::server
