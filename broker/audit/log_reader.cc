#include "broker/audit/log_reader.h"

#include "absl/strings/str_cat.h"
#include "broker/audit/merkle.h"
#include "broker/audit/tree_store.h"
#include "broker/common/proto_util.h"
#include "broker/common/status_macros.h"
#include "broker/storage/keys.h"
#include "liaison/store/v1/records.pb.h"

namespace liaison::audit {
namespace {

using storage::Table;

constexpr uint32_t kMaxPage = 1000;

}  // namespace

absl::StatusOr<uint64_t> LogReader::TreeSize() const {
  ASSIGN_OR_RETURN(std::optional<CompactRange> state, LoadTreeState(*store_));
  return state.has_value() ? state->size() : 0;
}

absl::StatusOr<std::string> LogReader::Checkpoint(uint64_t tree_size) const {
  if (tree_size != 0) {
    ASSIGN_OR_RETURN(std::optional<std::string> note,
                     store_->Get(Table::kAuditCheckpoints, storage::EncodeU64(tree_size)));
    if (!note.has_value()) {
      return absl::NotFoundError(absl::StrCat("tree_size: no checkpoint was issued at size ", tree_size));
    }
    return *std::move(note);
  }
  std::optional<std::string> latest;
  RETURN_IF_ERROR(store_->Scan(Table::kAuditCheckpoints, "", "", /*reverse=*/true,
                               [&](absl::string_view, absl::string_view note) {
                                 latest = std::string(note);
                                 return false;
                               }));
  if (!latest.has_value()) {
    return absl::FailedPreconditionError(
        "no checkpoint has been issued yet (is audit.signing_key_file configured?)");
  }
  return *std::move(latest);
}

absl::StatusOr<CheckpointPage> LogReader::ListCheckpoints(uint64_t after_size, uint32_t page_size) const {
  if (page_size > kMaxPage) return absl::InvalidArgumentError("page_size: must be at most 1000");
  if (page_size == 0) page_size = 100;
  CheckpointPage page;
  if (after_size == UINT64_MAX) return page;
  bool more = false;
  uint64_t last = 0;
  RETURN_IF_ERROR(store_->Scan(Table::kAuditCheckpoints, storage::EncodeU64(after_size + 1), "", false,
                               [&](absl::string_view key, absl::string_view note) {
                                 if (page.notes.size() == page_size) {
                                   more = true;
                                   return false;
                                 }
                                 last = storage::DecodeU64(key).value_or(0);
                                 page.notes.emplace_back(note);
                                 return true;
                               }));
  if (more) page.next_after_size = last;
  return page;
}

absl::StatusOr<v1::ProveInclusionResponse> LogReader::ProveInclusion(uint64_t sequence, uint64_t tree_size) const {
  ASSIGN_OR_RETURN(uint64_t size, TreeSize());
  if (tree_size > size) {
    return absl::InvalidArgumentError(absl::StrCat("tree_size: the log holds ", size, " entries"));
  }
  if (sequence == 0 || sequence > tree_size) {
    return absl::InvalidArgumentError(absl::StrCat("sequence: must be 1 to tree_size (", tree_size, ")"));
  }
  ASSIGN_OR_RETURN(std::optional<std::string> value, store_->Get(Table::kAudit, storage::EncodeU64(sequence)));
  if (!value.has_value()) return absl::DataLossError(absl::StrCat("audit entry ", sequence, " is missing"));
  ASSIGN_OR_RETURN(auto record, ParseStored<store::v1::AuditRecord>(*value, "audit"));
  const StoredTreeReader tree(store_);
  v1::ProveInclusionResponse response;
  response.set_sequence(sequence);
  response.set_tree_size(tree_size);
  response.set_entry_bytes(record.body());
  ASSIGN_OR_RETURN(std::string leaf, tree.LeafHash(sequence - 1));
  response.set_leaf_hash(leaf);
  ASSIGN_OR_RETURN(std::vector<std::string> proof, InclusionProof(sequence - 1, tree_size, tree));
  for (std::string& hash : proof) response.add_proof(std::move(hash));
  ASSIGN_OR_RETURN(std::string root, RootFromReader(tree_size, tree));
  response.set_root_hash(root);
  return response;
}

absl::StatusOr<v1::ProveConsistencyResponse> LogReader::ProveConsistency(uint64_t from, uint64_t to) const {
  ASSIGN_OR_RETURN(uint64_t size, TreeSize());
  if (to > size) return absl::InvalidArgumentError(absl::StrCat("to_tree_size: the log holds ", size, " entries"));
  if (from == 0 || from > to) {
    return absl::InvalidArgumentError("from_tree_size: must be 1 to to_tree_size");
  }
  const StoredTreeReader tree(store_);
  v1::ProveConsistencyResponse response;
  response.set_from_tree_size(from);
  response.set_to_tree_size(to);
  ASSIGN_OR_RETURN(std::vector<std::string> proof, ConsistencyProof(from, to, tree));
  for (std::string& hash : proof) response.add_proof(std::move(hash));
  ASSIGN_OR_RETURN(std::string from_root, RootFromReader(from, tree));
  ASSIGN_OR_RETURN(std::string to_root, RootFromReader(to, tree));
  response.set_from_root_hash(from_root);
  response.set_to_root_hash(to_root);
  return response;
}

absl::StatusOr<LeafPage> LogReader::Leaves(uint64_t after_sequence, uint32_t page_size) const {
  if (page_size > kMaxPage) return absl::InvalidArgumentError("page_size: must be at most 1000");
  if (page_size == 0) page_size = 500;
  LeafPage page;
  if (after_sequence == UINT64_MAX) return page;
  const StoredTreeReader tree(store_);
  bool more = false;
  absl::Status status;
  RETURN_IF_ERROR(store_->Scan(Table::kAudit, storage::EncodeU64(after_sequence + 1), "", false,
                               [&](absl::string_view key, absl::string_view value) {
                                 if (page.leaves.size() == page_size) {
                                   more = true;
                                   return false;
                                 }
                                 auto record = ParseStored<store::v1::AuditRecord>(value, "audit");
                                 if (!record.ok()) {
                                   status = record.status();
                                   return false;
                                 }
                                 v1::AuditLeaf& leaf = page.leaves.emplace_back();
                                 leaf.set_sequence(storage::DecodeU64(key).value_or(0));
                                 leaf.set_entry_bytes(record->body());
                                 // A leaf the tree lacks stays empty: the verifier reports it.
                                 absl::StatusOr<std::string> hash = tree.LeafHash(leaf.sequence() - 1);
                                 if (hash.ok()) leaf.set_leaf_hash(*hash);
                                 // An unparsable body is exported as is: the verifier reports it.
                                 leaf.mutable_entry()->ParseFromString(record->body());
                                 return true;
                               }));
  RETURN_IF_ERROR(status);
  if (more) page.next_after_sequence = page.leaves.back().sequence();
  return page;
}

}  // namespace liaison::audit
