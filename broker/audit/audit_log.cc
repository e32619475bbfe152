#include "broker/audit/audit_log.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "broker/audit/tree_store.h"
#include "broker/common/proto_time.h"
#include "broker/common/proto_util.h"
#include "broker/common/status_macros.h"
#include "broker/storage/keys.h"
#include "liaison/store/v1/records.pb.h"

namespace liaison::audit {
namespace {

using storage::Table;

bool Matches(const v1::AuditEntry& entry, const AuditFilter& f) {
  const absl::Time t = FromProtoTime(entry.recorded_at());
  return (f.crn.empty() || entry.crn() == f.crn) && (f.person.empty() || entry.person() == f.person) &&
         (f.recipient_id.empty() || entry.recipient_id() == f.recipient_id) &&
         (f.source.empty() || entry.source() == f.source) &&
         (f.notification_id.empty() || entry.notification_id() == f.notification_id) && t >= f.since &&
         t <= f.until;
}

}  // namespace

absl::StatusOr<v1::AuditEntry> DecodeAuditRecord(absl::string_view value) {
  ASSIGN_OR_RETURN(auto record, ParseStored<store::v1::AuditRecord>(value, "audit"));
  ASSIGN_OR_RETURN(v1::AuditEntry entry, ParseStored<v1::AuditEntry>(record.body(), "audit entry"));
  entry.set_leaf_hash(MerkleLeafHash(record.body()));
  return entry;
}

absl::StatusOr<v1::AuditEntry> AuditLog::Read(uint64_t sequence) const {
  ASSIGN_OR_RETURN(auto value, store_->Get(Table::kAudit, storage::EncodeU64(sequence)));
  if (!value.has_value()) return absl::NotFoundError("no audit entry with this sequence");
  return DecodeAuditRecord(*value);
}

absl::StatusOr<uint64_t> AuditLog::HeadSequence() const {
  uint64_t head = 0;
  RETURN_IF_ERROR(store_->Scan(Table::kAudit, "", "", true, [&](absl::string_view key, absl::string_view) {
    head = storage::DecodeU64(key).value_or(0);
    return false;
  }));
  return head;
}

absl::StatusOr<uint64_t> AuditLog::FirstAtOrAfter(absl::Time since) const {
  ASSIGN_OR_RETURN(uint64_t head, HeadSequence());
  // Binary search over sequences 1..head; entry times never decrease.
  uint64_t low = 1, high = head + 1;
  while (low < high) {
    const uint64_t mid = low + (high - low) / 2;
    ASSIGN_OR_RETURN(v1::AuditEntry entry, Read(mid));
    if (FromProtoTime(entry.recorded_at()) < since) {
      low = mid + 1;
    } else {
      high = mid;
    }
  }
  return low;
}

absl::StatusOr<AuditPage> AuditLog::Query(const AuditFilter& filter) const {
  if (filter.page_size > 1000) return absl::InvalidArgumentError("page_size: must be at most 1000");
  const uint32_t page_size = filter.page_size == 0 ? 100 : filter.page_size;
  const std::pair<absl::string_view, const std::string*> facets[] = {
      {storage::kFacetNotification, &filter.notification_id},
      {storage::kFacetCrn, &filter.crn},
      {storage::kFacetPerson, &filter.person},
      {storage::kFacetRecipient, &filter.recipient_id},
      {storage::kFacetSource, &filter.source},
  };
  // Sequences to examine, in order, from an index or the log itself.
  Table table = Table::kAudit;
  std::string start, end;
  for (const auto& [facet, value] : facets) {
    if (value->empty()) continue;
    table = Table::kAuditIndex;
    const std::string prefix = storage::AuditIndexPrefix(facet, *value);
    start = storage::AuditIndexKey(facet, *value, filter.after_sequence + 1);
    end = storage::PrefixEnd(prefix);
    break;
  }
  if (table == Table::kAudit) {
    uint64_t first = filter.after_sequence + 1;
    if (filter.since != absl::InfinitePast()) {
      ASSIGN_OR_RETURN(uint64_t at_since, FirstAtOrAfter(filter.since));
      first = std::max(first, at_since);
    }
    start = storage::EncodeU64(first);
  }

  AuditPage page;
  absl::Status status;
  bool past_until = false;
  uint64_t examined = 0;
  RETURN_IF_ERROR(store_->Scan(table, start, end, false, [&](absl::string_view key, absl::string_view value) {
    const uint64_t sequence =
        storage::DecodeU64(table == Table::kAudit ? key : key.substr(key.size() - 8)).value_or(0);
    absl::StatusOr<v1::AuditEntry> entry = table == Table::kAudit ? DecodeAuditRecord(value) : Read(sequence);
    if (!entry.ok()) {
      status = entry.status();
      return false;
    }
    if (FromProtoTime(entry->recorded_at()) > filter.until) {
      past_until = true;
      return false;
    }
    examined = sequence;
    if (Matches(*entry, filter)) page.entries.push_back(*std::move(entry));
    return page.entries.size() < page_size;
  }));
  RETURN_IF_ERROR(status);
  if (page.entries.size() == page_size && !past_until) page.next_after_sequence = examined;
  return page;
}

absl::StatusOr<LogVerification> AuditLog::Verify() const {
  const StoredTreeReader tree(store_);
  LogVerifier verifier(key_.has_value() ? &key_->key : nullptr, key_.has_value() ? key_->origin : "", &tree);
  if (key_.has_value()) {
    RETURN_IF_ERROR(store_->Scan(Table::kAuditCheckpoints, "", "", false, [&](absl::string_view, absl::string_view note) {
      verifier.AddCheckpoint(std::string(note));
      return true;
    }));
  }
  absl::Status status;
  RETURN_IF_ERROR(store_->Scan(Table::kAudit, "", "", false, [&](absl::string_view key, absl::string_view value) {
    auto record = ParseStored<store::v1::AuditRecord>(value, "audit");
    const std::optional<uint64_t> sequence = storage::DecodeU64(key);
    if (!record.ok() || !sequence.has_value()) {
      verifier.FailAtNext("the stored record does not parse");
      return false;
    }
    // The leaf the tree recorded for this entry; empty when it has none.
    std::string recorded;
    if (*sequence > 0) {
      absl::StatusOr<std::string> leaf = tree.LeafHash(*sequence - 1);
      if (leaf.ok()) {
        recorded = *std::move(leaf);
      } else if (!absl::IsNotFound(leaf.status()) && !absl::IsDataLoss(leaf.status())) {
        status = leaf.status();
        return false;
      }
    }
    return verifier.AddEntry(*sequence, record->body(), &recorded);
  }));
  RETURN_IF_ERROR(status);
  absl::StatusOr<std::optional<CompactRange>> state = LoadTreeState(*store_);
  if (!state.ok() && !absl::IsDataLoss(state.status())) return state.status();
  const uint64_t recorded_size = state.ok() && state->has_value() ? (*state)->size() : 0;
  LogVerification result = verifier.Finish(recorded_size);
  if (result.ok && (!state.ok() || (state->has_value() && (*state)->Root() != result.root))) {
    result.ok = false;
    result.problem = "the stored tree state does not match the entries (its root differs)";
  }
  return result;
}

}  // namespace liaison::audit
