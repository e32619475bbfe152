#include "broker/audit/tree_store.h"

#include "absl/strings/str_cat.h"
#include "broker/common/status_macros.h"
#include "broker/storage/keys.h"

namespace liaison::audit {

using storage::Table;

std::string TreeNodeKey(uint32_t level, uint64_t index) {
  return absl::StrCat(std::string(1, static_cast<char>(level)), storage::EncodeU64(index));
}

absl::StatusOr<std::string> StoredTreeReader::NodeHash(uint32_t level, uint64_t index) const {
  if (level >= 64) return absl::InvalidArgumentError(absl::StrCat("level ", level, " is beyond the tree"));
  ASSIGN_OR_RETURN(std::optional<std::string> hash, store_->Get(Table::kAuditTree, TreeNodeKey(level, index)));
  if (!hash.has_value()) {
    return absl::NotFoundError(absl::StrCat("the audit tree has no node at level ", level, " index ", index));
  }
  if (hash->size() != kMerkleHashSize) {
    return absl::DataLossError(absl::StrCat("the audit tree node at level ", level, " index ", index,
                                            " has ", hash->size(), " bytes"));
  }
  return *std::move(hash);
}

absl::StatusOr<std::optional<CompactRange>> LoadTreeState(const storage::KvStore& store) {
  ASSIGN_OR_RETURN(std::optional<std::string> state, store.Get(Table::kAuditTree, kTreeStateKey));
  if (!state.has_value()) return std::optional<CompactRange>();
  absl::StatusOr<CompactRange> range = CompactRange::Parse(*state);
  if (!range.ok()) {
    return absl::DataLossError(absl::StrCat("the stored audit tree state is malformed: ", range.status().message()));
  }
  return std::optional<CompactRange>(*std::move(range));
}

absl::Status AppendToTree(absl::string_view leaf_hash, CompactRange* range, std::vector<storage::KvWrite>* writes) {
  const uint64_t index = range->size();
  const std::vector<std::string>& frontier = range->frontier();
  std::vector<storage::KvWrite> nodes;
  nodes.push_back({Table::kAuditTree, TreeNodeKey(0, index), std::string(leaf_hash)});
  // Each trailing one bit of `index` is a perfect subtree on the frontier
  // (smallest last) that the new leaf's subtree now completes a pair with.
  std::string hash(leaf_hash);
  size_t next = frontier.size();
  for (uint32_t level = 1; level < 64 && ((index >> (level - 1)) & 1) != 0; ++level) {
    hash = MerkleNodeHash(frontier[--next], hash);
    nodes.push_back({Table::kAuditTree, TreeNodeKey(level, index >> level), hash});
  }
  RETURN_IF_ERROR(range->Append(leaf_hash));
  for (storage::KvWrite& node : nodes) writes->push_back(std::move(node));
  return absl::OkStatus();
}

storage::KvWrite TreeStateWrite(const CompactRange& range) {
  return {Table::kAuditTree, std::string(kTreeStateKey), range.Serialize()};
}

}  // namespace liaison::audit
