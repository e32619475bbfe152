#ifndef LIAISON_TESTS_SUPPORT_STOPPED_STORE_H_
#define LIAISON_TESTS_SUPPORT_STOPPED_STORE_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "broker/storage/encrypting_kv_store.h"
#include "broker/storage/rocksdb_kv_store.h"

namespace liaison::testing {

// A stopped broker's data directory, opened read-only and decrypted with
// the key file BrokerProcess made for it (data_dir + ".keys"), for tests
// that check what the broker stored.
class StoppedStore : public storage::KvStore {
 public:
  static absl::StatusOr<std::unique_ptr<StoppedStore>> Open(const std::string& data_dir);

  absl::StatusOr<std::optional<std::string>> Get(storage::Table table, absl::string_view key) const override {
    return view_->Get(table, key);
  }
  absl::Status Scan(storage::Table table, absl::string_view start, absl::string_view end, bool reverse,
                    const storage::ScanVisitor& visit) const override {
    return view_->Scan(table, start, end, reverse, visit);
  }
  absl::Status Write(const std::vector<storage::KvWrite>&, bool) override {
    return absl::FailedPreconditionError("a stopped store is read-only");
  }
  // The bytes as stored, encrypted.
  const storage::KvStore& raw() const { return *raw_; }

 private:
  std::unique_ptr<storage::RocksKvStore> raw_;
  std::unique_ptr<storage::EncryptingKvStore> view_;
};

}  // namespace liaison::testing

#endif  // LIAISON_TESTS_SUPPORT_STOPPED_STORE_H_
