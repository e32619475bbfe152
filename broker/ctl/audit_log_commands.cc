#include "broker/ctl/audit_log_commands.h"

#include <optional>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "broker/audit/checkpoint.h"
#include "broker/audit/ed25519.h"
#include "broker/audit/export_dir.h"
#include "broker/audit/merkle.h"
#include "broker/common/status_macros.h"
#include "broker/ctl/command_status.h"
#include "broker/ctl/text_block.h"
#include "liaison/v1/audit_service.grpc.pb.h"

namespace liaison::ctl {
namespace {

std::string Hex(absl::string_view bytes) { return absl::BytesToHexString(bytes); }

std::string HexList(const google::protobuf::RepeatedPtrField<std::string>& hashes) {
  std::vector<std::string> hex;
  for (const std::string& hash : hashes) hex.push_back(Hex(hash));
  return hex.empty() ? "(none)" : absl::StrJoin(hex, "\n");
}

absl::StatusOr<v1::Checkpoint> FetchCheckpoint(const Connection& connection, uint64_t tree_size) {
  auto stub = v1::Audit::NewStub(connection.channel());
  grpc::ClientContext context;
  connection.ConfigureUnaryCall(context);
  v1::GetCheckpointRequest request;
  request.set_tree_size(tree_size);
  v1::Checkpoint checkpoint;
  RETURN_IF_ERROR(FromGrpcStatus(stub->GetCheckpoint(&context, request, &checkpoint)));
  return checkpoint;
}

// The checkpoint's size and root, from its note: checked with the public key
// when one is given, else only parsed.
absl::StatusOr<audit::Checkpoint> CheckedCheckpoint(const v1::Checkpoint& checkpoint,
                                                    const std::string& public_key_file) {
  if (public_key_file.empty()) {
    ASSIGN_OR_RETURN(audit::ParsedNote parsed, audit::ParseCheckpointNote(checkpoint.note()));
    return parsed.checkpoint;
  }
  ASSIGN_OR_RETURN(audit::Ed25519PublicKey key, audit::Ed25519PublicKey::FromPemFile(public_key_file));
  return audit::VerifyCheckpointNote(checkpoint.note(), checkpoint.origin(), key);
}

}  // namespace

absl::StatusOr<uint64_t> ParseNumberArg(absl::string_view name, absl::string_view value) {
  uint64_t number = 0;
  if (!absl::SimpleAtoi(value, &number)) {
    return absl::InvalidArgumentError(absl::StrCat(name, " must be a whole number, not \"", value, "\""));
  }
  return number;
}

absl::Status AuditCheckpoint(const Connection& connection, const AuditCheckpointOptions& options,
                             const Output& output) {
  ASSIGN_OR_RETURN(v1::Checkpoint checkpoint, FetchCheckpoint(connection, options.tree_size));
  ASSIGN_OR_RETURN(audit::Checkpoint checked, CheckedCheckpoint(checkpoint, options.public_key_file));
  if (output.json) return WriteJsonLine(checkpoint, output.out);
  output.out << checkpoint.note();
  if (!options.public_key_file.empty()) {
    output.out << "\nsignature: ok (" << checked.origin << ", tree size " << checked.size << ")\n";
  }
  return absl::OkStatus();
}

absl::Status AuditProve(const Connection& connection, const AuditProveOptions& options, const Output& output) {
  if (options.sequence == 0) return absl::InvalidArgumentError("SEQUENCE must be 1 or more");
  ASSIGN_OR_RETURN(v1::Checkpoint fetched, FetchCheckpoint(connection, options.tree_size));
  ASSIGN_OR_RETURN(audit::Checkpoint checkpoint, CheckedCheckpoint(fetched, options.public_key_file));
  auto stub = v1::Audit::NewStub(connection.channel());
  grpc::ClientContext context;
  connection.ConfigureUnaryCall(context);
  v1::ProveInclusionRequest request;
  request.set_sequence(options.sequence);
  request.set_tree_size(checkpoint.size);
  v1::ProveInclusionResponse proof;
  RETURN_IF_ERROR(FromGrpcStatus(stub->ProveInclusion(&context, request, &proof)));
  if (audit::MerkleLeafHash(proof.entry_bytes()) != proof.leaf_hash()) {
    return absl::DataLossError(absl::StrCat("entry ", options.sequence, ": the leaf hash is not the hash of its bytes"));
  }
  const std::vector<std::string> path(proof.proof().begin(), proof.proof().end());
  absl::Status verified =
      audit::VerifyInclusion(proof.leaf_hash(), options.sequence - 1, checkpoint.size, path, checkpoint.root);
  if (!verified.ok()) {
    return absl::DataLossError(absl::StrCat("the inclusion proof of entry ", options.sequence,
                                            " in the checkpoint of size ", checkpoint.size,
                                            " does not verify: ", verified.message()));
  }
  if (output.json) return WriteJsonLine(proof, output.out);
  output.out << TextBlock()
                    .Add("sequence", absl::StrCat(options.sequence))
                    .Add("leaf index", absl::StrCat(options.sequence - 1))
                    .Add("tree size", absl::StrCat(checkpoint.size))
                    .Add("leaf hash", Hex(proof.leaf_hash()))
                    .Add("proof", HexList(proof.proof()))
                    .Add("root", Hex(checkpoint.root))
                    .Add("signature", options.public_key_file.empty() ? "not checked (no --public-key)" : "ok")
                    .Add("verified", "yes")
                    .Render();
  return absl::OkStatus();
}

absl::Status AuditConsistency(const Connection& connection, const AuditConsistencyOptions& options,
                              const Output& output) {
  if (options.from_size == 0) return absl::InvalidArgumentError("FROM_SIZE must be 1 or more");
  ASSIGN_OR_RETURN(v1::Checkpoint fetched_from, FetchCheckpoint(connection, options.from_size));
  ASSIGN_OR_RETURN(v1::Checkpoint fetched_to, FetchCheckpoint(connection, options.to_size));
  ASSIGN_OR_RETURN(audit::Checkpoint from, CheckedCheckpoint(fetched_from, options.public_key_file));
  ASSIGN_OR_RETURN(audit::Checkpoint to, CheckedCheckpoint(fetched_to, options.public_key_file));
  auto stub = v1::Audit::NewStub(connection.channel());
  grpc::ClientContext context;
  connection.ConfigureUnaryCall(context);
  v1::ProveConsistencyRequest request;
  request.set_from_tree_size(from.size);
  request.set_to_tree_size(to.size);
  v1::ProveConsistencyResponse proof;
  RETURN_IF_ERROR(FromGrpcStatus(stub->ProveConsistency(&context, request, &proof)));
  const std::vector<std::string> path(proof.proof().begin(), proof.proof().end());
  absl::Status verified = audit::VerifyConsistency(from.size, to.size, path, from.root, to.root);
  if (!verified.ok()) {
    return absl::DataLossError(absl::StrCat("the checkpoint of size ", to.size,
                                            " is not consistent with the checkpoint of size ", from.size, ": ",
                                            verified.message()));
  }
  if (output.json) return WriteJsonLine(proof, output.out);
  output.out << TextBlock()
                    .Add("from", absl::StrCat(from.size, " ", Hex(from.root)))
                    .Add("to", absl::StrCat(to.size, " ", Hex(to.root)))
                    .Add("proof", HexList(proof.proof()))
                    .Add("signatures", options.public_key_file.empty() ? "not checked (no --public-key)" : "ok")
                    .Add("verified", "yes")
                    .Render();
  return absl::OkStatus();
}

absl::Status AuditExport(const Connection& connection, const std::string& dir, const Output& output) {
  ASSIGN_OR_RETURN(auto writer, audit::ExportWriter::Create(dir));
  auto stub = v1::Audit::NewStub(connection.channel());
  // Checkpoints first: the log only grows, so the entries fetched after
  // them cover every one.
  uint64_t checkpoints = 0;
  v1::ListCheckpointsRequest list;
  list.set_page_size(1000);
  while (true) {
    grpc::ClientContext context;
    connection.ConfigureUnaryCall(context);
    v1::ListCheckpointsResponse page;
    RETURN_IF_ERROR(FromGrpcStatus(stub->ListCheckpoints(&context, list, &page)));
    for (const v1::Checkpoint& checkpoint : page.checkpoints()) {
      RETURN_IF_ERROR(writer->AddCheckpoint(checkpoint.note()));
      ++checkpoints;
    }
    if (page.next_after_tree_size() == 0) break;
    list.set_after_tree_size(page.next_after_tree_size());
  }
  uint64_t entries = 0;
  v1::ExportLogRequest request;
  request.set_page_size(1000);
  while (true) {
    grpc::ClientContext context;
    connection.ConfigureUnaryCall(context);
    v1::ExportLogResponse page;
    RETURN_IF_ERROR(FromGrpcStatus(stub->ExportLog(&context, request, &page)));
    for (const v1::AuditLeaf& leaf : page.leaves()) {
      RETURN_IF_ERROR(writer->AddLeaf(leaf));
      ++entries;
    }
    if (page.next_after_sequence() == 0) break;
    request.set_after_sequence(page.next_after_sequence());
  }
  RETURN_IF_ERROR(writer->Close());
  output.out << "exported " << entries << " entries and " << checkpoints << " checkpoints to " << dir << "\n";
  return absl::OkStatus();
}

absl::Status AuditVerifyExport(const AuditVerifyExportOptions& options, const Output& output) {
  if (options.public_key_file.empty()) {
    return absl::InvalidArgumentError("--public-key is required to verify an export");
  }
  ASSIGN_OR_RETURN(audit::Ed25519PublicKey key, audit::Ed25519PublicKey::FromPemFile(options.public_key_file));
  ASSIGN_OR_RETURN(audit::LogVerification result, audit::VerifyExport(options.dir, key, options.origin));
  if (output.json) {
    v1::VerifyChainResponse response;
    response.set_ok(result.ok);
    response.set_entries(result.entries);
    response.set_head_hash(result.root);
    response.set_first_bad_sequence(result.first_bad_sequence);
    response.set_problem(result.problem);
    response.set_checkpoints(result.checkpoints);
    response.set_bad_checkpoint_size(result.bad_checkpoint_size);
    RETURN_IF_ERROR(WriteJsonLine(response, output.out));
  } else {
    output.out << TextBlock()
                      .Add("ok", result.ok ? "yes" : "NO")
                      .Add("entries", absl::StrCat(result.entries))
                      .Add("checkpoints", absl::StrCat(result.checkpoints))
                      .Add("root", Hex(result.root))
                      .Add("first bad", result.ok || result.first_bad_sequence == 0
                                            ? ""
                                            : absl::StrCat(result.first_bad_sequence))
                      .Add("bad checkpoint", result.bad_checkpoint_size == 0 ? "" : absl::StrCat(result.bad_checkpoint_size))
                      .Add("problem", result.problem)
                      .Render();
  }
  if (result.ok) return absl::OkStatus();
  return absl::DataLossError(result.first_bad_sequence != 0
                                 ? absl::StrCat("the export does not verify at sequence ", result.first_bad_sequence,
                                                ": ", result.problem)
                                 : absl::StrCat("the export does not verify: ", result.problem));
}

}  // namespace liaison::ctl
