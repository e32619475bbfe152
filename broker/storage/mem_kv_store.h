#ifndef LIAISON_BROKER_STORAGE_MEM_KV_STORE_H_
#define LIAISON_BROKER_STORAGE_MEM_KV_STORE_H_

#include <map>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "broker/storage/kv_store.h"

namespace liaison::storage {

// An in-memory KvStore for tests. Thread-safe. `FailWrites` makes every
// later Write return UNAVAILABLE without applying anything, to test that
// failures leave nothing behind.
class MemKvStore : public KvStore {
 public:
  absl::StatusOr<std::optional<std::string>> Get(Table table, absl::string_view key) const override;
  absl::Status Scan(Table table, absl::string_view start, absl::string_view end, bool reverse,
                    const ScanVisitor& visit) const override;
  absl::Status Write(const std::vector<KvWrite>& writes, bool sync) override;

  void FailWrites(bool fail);
  // Number of Write calls that succeeded with sync = true.
  int synced_writes() const;
  // Total number of keys across all tables.
  size_t TotalKeys() const;

 private:
  mutable absl::Mutex mu_;
  std::map<std::string, std::string> tables_[std::size(kAllTables)] ABSL_GUARDED_BY(mu_);
  bool fail_writes_ ABSL_GUARDED_BY(mu_) = false;
  int synced_writes_ ABSL_GUARDED_BY(mu_) = 0;
};

}  // namespace liaison::storage

#endif  // LIAISON_BROKER_STORAGE_MEM_KV_STORE_H_
