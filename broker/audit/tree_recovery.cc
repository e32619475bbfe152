#include "broker/audit/tree_recovery.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "broker/audit/tree_store.h"
#include "broker/common/log.h"
#include "broker/common/proto_util.h"
#include "broker/common/status_macros.h"
#include "broker/storage/keys.h"
#include "liaison/store/v1/records.pb.h"

namespace liaison::audit {
namespace {

using storage::Table;

constexpr size_t kRebuildBatch = 4096;

absl::StatusOr<std::string> StoredLeaf(const storage::KvStore& store, uint64_t sequence) {
  ASSIGN_OR_RETURN(std::optional<std::string> value, store.Get(Table::kAudit, storage::EncodeU64(sequence)));
  if (!value.has_value()) return absl::DataLossError(absl::StrCat("audit entry ", sequence, " is missing"));
  ASSIGN_OR_RETURN(auto record, ParseStored<store::v1::AuditRecord>(*value, "audit"));
  return MerkleLeafHash(record.body());
}

absl::Status Validate(const storage::KvStore& store, const CompactRange& range) {
  if (range.size() == 0) return absl::OkStatus();
  const StoredTreeReader reader(&store);
  ASSIGN_OR_RETURN(std::string leaf, StoredLeaf(store, range.size()));
  absl::StatusOr<std::string> stored_leaf = reader.LeafHash(range.size() - 1);
  if (!stored_leaf.ok() || *stored_leaf != leaf) {
    return absl::DataLossError(absl::StrCat("the audit tree's leaf ", range.size() - 1,
                                            " does not match audit entry ", range.size()));
  }
  absl::StatusOr<CompactRange> from_nodes = CompactRange::FromReader(range.size(), reader);
  if (!from_nodes.ok() || from_nodes->frontier() != range.frontier()) {
    return absl::DataLossError("the audit tree state does not match its stored nodes");
  }
  return absl::OkStatus();
}

absl::StatusOr<CompactRange> Rebuild(storage::KvStore* store, uint64_t head_sequence) {
  Log(LogLevel::kWarning, "audit_tree_rebuilding", {{"entries", head_sequence}});
  CompactRange range;
  std::vector<storage::KvWrite> writes;
  absl::Status status;
  RETURN_IF_ERROR(store->Scan(Table::kAudit, "", "", false, [&](absl::string_view key, absl::string_view value) {
    auto record = ParseStored<store::v1::AuditRecord>(value, "audit");
    if (!record.ok() || storage::DecodeU64(key) != range.size() + 1) {
      status = absl::DataLossError(absl::StrCat("cannot rebuild the audit tree: entry ", range.size() + 1,
                                                " is missing or unreadable"));
      return false;
    }
    status = AppendToTree(MerkleLeafHash(record->body()), &range, &writes);
    if (status.ok() && writes.size() >= kRebuildBatch) {
      status = store->Write(writes, /*sync=*/false);
      writes.clear();
    }
    return status.ok();
  }));
  RETURN_IF_ERROR(status);
  if (range.size() != head_sequence) {
    return absl::DataLossError("cannot rebuild the audit tree: the log changed while it was read");
  }
  writes.push_back(TreeStateWrite(range));
  RETURN_IF_ERROR(store->Write(writes, /*sync=*/true));
  Log(LogLevel::kInfo, "audit_tree_rebuilt", {{"entries", head_sequence}});
  return range;
}

}  // namespace

absl::StatusOr<CompactRange> RecoverAuditTree(storage::KvStore* store, uint64_t head_sequence) {
  ASSIGN_OR_RETURN(std::optional<CompactRange> state, LoadTreeState(*store));
  if (!state.has_value()) {
    if (head_sequence == 0) return CompactRange();
    return Rebuild(store, head_sequence);
  }
  if (state->size() != head_sequence) {
    return absl::DataLossError(absl::StrCat("the audit tree holds ", state->size(), " leaves but the log's last entry is ",
                                            head_sequence,
                                            state->size() > head_sequence ? ": entries were removed" : ""));
  }
  RETURN_IF_ERROR(Validate(*store, *state));
  return *std::move(state);
}

}  // namespace liaison::audit
