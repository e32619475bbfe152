#include "broker/storage/kv_store.h"

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
  }
  return "unknown";
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
