#ifndef LIAISON_BROKER_STORAGE_ROCKSDB_KV_STORE_H_
#define LIAISON_BROKER_STORAGE_ROCKSDB_KV_STORE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "broker/storage/format_version.h"
#include "broker/storage/kv_store.h"

namespace rocksdb {
class Cache;
class DB;
class ColumnFamilyHandle;
}  // namespace rocksdb

namespace liaison::storage {


// KvStore on embedded RocksDB, one column family per Table. Thread-safe.
class RocksKvStore : public KvStore {
 public:
  struct Options {
    std::string path;
    // Open without the write lock, for inspecting a stopped broker's data.
    bool read_only = false;
    // The block cache every table shares (data, index and filter blocks),
    // which is also charged for memtables: the bound on RocksDB's memory.
    uint64_t block_cache_bytes = 256ull << 20;
    // Memtable budget across all tables (charged to the block cache).
    uint64_t write_buffer_bytes = 64ull << 20;
  };

  // Opens (creating when missing, unless read-only) the database at
  // options.path. FAILED_PRECONDITION "data directory DIR is in use by
  // another process" when another process holds its lock (writable opens
  // only), and FAILED_PRECONDITION naming both versions when its schema
  // version is newer than this build's or older than kOldestSchemaVersion
  // (or, read-only, older than this build's: it must be upgraded first);
  // DATA_LOSS on corruption.
  static absl::StatusOr<std::unique_ptr<RocksKvStore>> Open(const Options& options);

  ~RocksKvStore() override;

  // The shared block cache: bytes charged to it now (data, index and filter
  // blocks and the memtables' reservation), the part pinned by readers and
  // memtables, and its capacity.
  struct CacheUsage {
    uint64_t usage = 0;
    uint64_t pinned = 0;
    uint64_t capacity = 0;
  };
  CacheUsage cache_usage() const;

  // Writes every table's memtable to a sorted file (for a checkpoint, and
  // for tests that need data spread over several files).
  absl::Status Flush();

  // The format version the directory holds (older than kSchemaVersion until
  // UpgradeFormat has run).
  int schema_version() const { return schema_version_; }

  // Writes a consistent checkpoint of every table to `dir` (which must not
  // exist; its parent must), while writes continue: hard links to the
  // immutable files where possible, plus the write-ahead log up to one
  // instant. FAILED_PRECONDITION when `dir` exists.
  absl::Status Checkpoint(const std::string& dir);

  absl::StatusOr<std::optional<std::string>> Get(Table table, absl::string_view key) const override;
  absl::Status Scan(Table table, absl::string_view start, absl::string_view end, bool reverse,
                    const ScanVisitor& visit) const override;
  absl::Status Write(const std::vector<KvWrite>& writes, bool sync) override;
  absl::Status Compact(Table table) override;

 private:
  RocksKvStore() = default;
  absl::Status CheckSchemaVersion(const Options& options);

  std::shared_ptr<rocksdb::Cache> cache_;
  std::unique_ptr<rocksdb::DB> db_;
  // Indexed by Table; owned, destroyed before db_.
  std::vector<rocksdb::ColumnFamilyHandle*> handles_;
  int schema_version_ = kSchemaVersion;
};

}  // namespace liaison::storage

#endif  // LIAISON_BROKER_STORAGE_ROCKSDB_KV_STORE_H_
