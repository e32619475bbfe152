#include "broker/audit/audit_log.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "broker/commit/committer.h"
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
  return (f.crn.empty() || entry.crn() == f.crn) &&
         (f.recipient_id.empty() || entry.recipient_id() == f.recipient_id) &&
         (f.source.empty() || entry.source() == f.source) &&
         (f.notification_id.empty() || entry.notification_id() == f.notification_id) && t >= f.since &&
         t <= f.until;
}

}  // namespace

absl::StatusOr<v1::AuditEntry> DecodeAuditRecord(absl::string_view value) {
  ASSIGN_OR_RETURN(auto record, ParseStored<store::v1::AuditRecord>(value, "audit"));
  ASSIGN_OR_RETURN(v1::AuditEntry entry, ParseStored<v1::AuditEntry>(record.body(), "audit entry"));
  entry.set_previous_hash(record.previous_hash());
  entry.set_entry_hash(record.entry_hash());
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

absl::StatusOr<ChainVerification> AuditLog::Verify() const {
  ChainVerification result;
  std::string previous = commit::AuditGenesisHash();
  absl::Status status;
  RETURN_IF_ERROR(store_->Scan(Table::kAudit, "", "", false, [&](absl::string_view key, absl::string_view value) {
    const uint64_t sequence = storage::DecodeU64(key).value_or(0);
    auto fail = [&](absl::string_view problem) {
      result.ok = false;
      result.first_bad_sequence = sequence;
      result.problem = std::string(problem);
      return false;
    };
    if (sequence != result.entries + 1) return fail(absl::StrCat("expected sequence ", result.entries + 1));
    auto record = ParseStored<store::v1::AuditRecord>(value, "audit");
    if (!record.ok()) return fail("record does not parse");
    if (record->previous_hash() != previous) return fail("previous_hash does not match the entry before");
    if (record->entry_hash() != commit::AuditEntryHash(previous, record->body())) {
      return fail("entry_hash does not match the entry's body");
    }
    v1::AuditEntry entry;
    if (!entry.ParseFromString(record->body()) || entry.sequence() != sequence) {
      return fail("body does not carry its own sequence");
    }
    previous = record->entry_hash();
    ++result.entries;
    return true;
  }));
  RETURN_IF_ERROR(status);
  result.head_hash = previous;
  return result;
}

}  // namespace liaison::audit
