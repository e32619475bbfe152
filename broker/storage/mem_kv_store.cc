#include "broker/storage/mem_kv_store.h"

#include <iterator>
#include <vector>

namespace liaison::storage {

absl::StatusOr<std::optional<std::string>> MemKvStore::Get(Table table, absl::string_view key) const {
  absl::MutexLock lock(&mu_);
  const auto& map = tables_[static_cast<int>(table)];
  auto it = map.find(std::string(key));
  if (it == map.end()) return std::optional<std::string>();
  return std::optional<std::string>(it->second);
}

absl::Status MemKvStore::Scan(Table table, absl::string_view start, absl::string_view end, bool reverse,
                              const ScanVisitor& visit) const {
  // Copy the range first so the visitor may call back into the store.
  std::vector<std::pair<std::string, std::string>> range;
  {
    absl::MutexLock lock(&mu_);
    const auto& map = tables_[static_cast<int>(table)];
    auto first = map.lower_bound(std::string(start));
    auto last = end.empty() ? map.end() : map.lower_bound(std::string(end));
    for (auto it = first; it != last; ++it) range.emplace_back(it->first, it->second);
  }
  if (reverse) {
    for (auto it = range.rbegin(); it != range.rend(); ++it) {
      if (!visit(it->first, it->second)) break;
    }
  } else {
    for (const auto& [key, value] : range) {
      if (!visit(key, value)) break;
    }
  }
  return absl::OkStatus();
}

absl::Status MemKvStore::Write(const std::vector<KvWrite>& writes, bool sync) {
  absl::MutexLock lock(&mu_);
  if (fail_writes_) return absl::UnavailableError("storage write failed (injected)");
  for (const KvWrite& write : writes) {
    auto& map = tables_[static_cast<int>(write.table)];
    if (write.add) {
      std::string& counter = map[write.key];
      counter = EncodeCounter(DecodeCounter(counter) + DecodeCounter(write.value.value_or("")));
    } else if (write.value.has_value()) {
      map[write.key] = *write.value;
    } else {
      map.erase(write.key);
    }
  }
  if (sync) ++synced_writes_;
  return absl::OkStatus();
}

void MemKvStore::FailWrites(bool fail) {
  absl::MutexLock lock(&mu_);
  fail_writes_ = fail;
}

int MemKvStore::synced_writes() const {
  absl::MutexLock lock(&mu_);
  return synced_writes_;
}

size_t MemKvStore::TotalKeys() const {
  absl::MutexLock lock(&mu_);
  size_t total = 0;
  for (const auto& map : tables_) total += map.size();
  return total;
}

}  // namespace liaison::storage
