#include "broker/storage/kv_store.h"

#include "broker/common/status_macros.h"

namespace liaison::storage {

const char* TableName(Table table) {
  switch (table) {
    case Table::kMeta:
      return "meta";
    case Table::kOffenders:
      return "offenders";
    case Table::kIdentity:
      return "identity";
    case Table::kNotifications:
      return "notifications";
    case Table::kIdempotency:
      return "idempotency";
    case Table::kUnmatched:
      return "unmatched";
    case Table::kAlerts:
      return "alerts";
    case Table::kInbox:
      return "inbox";
    case Table::kPending:
      return "pending";
    case Table::kAudit:
      return "audit";
    case Table::kAuditIndex:
      return "audit_index";
    case Table::kMatchForms:
      return "match_forms";
    case Table::kBlocking:
      return "blocking";
    case Table::kNameCounts:
      return "name_counts";
    case Table::kUnmatchedKeys:
      return "unmatched_keys";
    case Table::kReviews:
      return "reviews";
    case Table::kReviewQueue:
      return "review_queue";
    case Table::kRematchJobs:
      return "rematch_jobs";
    case Table::kMerges:
      return "merges";
    case Table::kEscalations:
      return "escalations";
    case Table::kPersonNotifications:
      return "person_notifications";
    case Table::kAuditTree:
      return "audit_tree";
    case Table::kAuditCheckpoints:
      return "audit_checkpoints";
    case Table::kReceived:
      return "received";
  }
  return "unknown";
}

std::string EncodeCounter(int64_t value) {
  const uint64_t bits = static_cast<uint64_t>(value);
  std::string out(8, '\0');
  for (int i = 0; i < 8; ++i) out[i] = static_cast<char>((bits >> (8 * i)) & 0xff);
  return out;
}

int64_t DecodeCounter(absl::string_view bytes) {
  if (bytes.size() != 8) return 0;
  uint64_t bits = 0;
  for (int i = 0; i < 8; ++i) bits |= static_cast<uint64_t>(static_cast<unsigned char>(bytes[i])) << (8 * i);
  return static_cast<int64_t>(bits);
}

KvWrite AddToCounter(Table table, std::string key, int64_t delta) {
  return KvWrite{table, std::move(key), EncodeCounter(delta), /*add=*/true};
}

absl::Status KvStore::ScanStoredKeyRanges(Table table, const std::vector<KeyRange>& ranges,
                                          const RangeVisitor& visit) const {
  for (size_t i = 0; i < ranges.size(); ++i) {
    RETURN_IF_ERROR(ScanStoredKeys(table, ranges[i].start, ranges[i].end, /*reverse=*/false,
                                   [&](absl::string_view key, absl::string_view value) { return visit(i, key, value); }));
  }
  return absl::OkStatus();
}

std::string PrefixEnd(absl::string_view prefix) {
  std::string end(prefix);
  while (!end.empty()) {
    unsigned char last = static_cast<unsigned char>(end.back());
    if (last != 0xff) {
      end.back() = static_cast<char>(last + 1);
      return end;
    }
    end.pop_back();
  }
  return end;
}

}  // namespace liaison::storage
