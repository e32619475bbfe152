#ifndef LIAISON_BROKER_STORAGE_ROCKSDB_KV_STORE_H_
#define LIAISON_BROKER_STORAGE_ROCKSDB_KV_STORE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "broker/storage/format_version.h"
#include "broker/storage/kv_store.h"

namespace rocksdb {
class Cache;
class DB;
class ColumnFamilyHandle;
}  // namespace rocksdb

namespace liaison::storage {


// KvStore on embedded RocksDB, one column family per Table. Thread-safe.
//
// A failed write (disk full, I/O error) stops writing: RocksDB 7.8 may
// crash on a write to a log file that has failed once, so until a recovery
// succeeds every Write returns UNAVAILABLE without touching the database.
// At most every kRecoveryInterval a Write first tries to recover
// (DB::Resume, then a flush onto a fresh log file); reads go on throughout.
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
    // Writes are refused while the filesystem holding `path` has less free
    // space than this (0: no check): RocksDB 7.8 may crash on the write
    // after one that ran out of space, so it must never run out.
    uint64_t min_free_disk_bytes = 0;
    // Files kept open (their readers and pinned index and filter tops);
    // the least recently used beyond it are closed. -1: no bound.
    int max_open_files = 1000;
    // RocksDB's own diagnostic log (LOG in the data directory) starts a new
    // file past this size, and the newest kInfoLogFiles old ones are kept.
    // Unrolled, it grew until the broker restarted: 375 MB in a 30-minute
    // soak, mostly universal compaction's choice of runs.
    uint64_t info_log_file_bytes = 64ull << 20;
  };
  static constexpr size_t kInfoLogFiles = 5;

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

  // One table's sorted files on disk now (not its memtable): how many and
  // their total size. The count is what RocksDB keeps metadata for in
  // memory, so it should level off, not grow with the store's age.
  struct TableFiles {
    Table table;
    uint64_t files = 0;
    uint64_t bytes = 0;
  };
  std::vector<TableFiles> table_files() const;

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
  absl::Status ScanStoredKeyRanges(Table table, const std::vector<KeyRange>& ranges,
                                   const RangeVisitor& visit) const override;
  // UNAVAILABLE when the write fails, the disk is below
  // Options::min_free_disk_bytes, or writes are stopped after a failure
  // (the message says which).
  absl::Status Write(const std::vector<KvWrite>& writes, bool sync) override;
  absl::Status Compact(Table table, const std::atomic<bool>* cancelled) override;
  // True while a flush or compaction is queued or running in any table
  // (RocksDB's compaction-pending, mem-table-flush-pending and running
  // counts).
  absl::StatusOr<bool> BackgroundWorkPending() const;
  // The number of files `table` has at each level of the LSM tree, level 0
  // first (RocksDB's num-files-at-level), up to the last level with any.
  absl::StatusOr<std::vector<int>> FilesPerLevel(Table table) const;

  static constexpr absl::Duration kRecoveryInterval = absl::Milliseconds(500);

 private:
  RocksKvStore() = default;
  absl::Status CheckSchemaVersion(const Options& options);
  absl::Status CheckFreeSpace() const;
  // OK when writes may proceed: none has failed, or recovery succeeded now.
  absl::Status ReadyToWrite();
  void WriteFailed(const absl::Status& status);

  std::string path_;
  uint64_t min_free_disk_bytes_ = 0;
  std::shared_ptr<rocksdb::Cache> cache_;
  std::unique_ptr<rocksdb::DB> db_;
  // Indexed by Table; owned, destroyed before db_.
  std::vector<rocksdb::ColumnFamilyHandle*> handles_;
  int schema_version_ = kSchemaVersion;

  absl::Mutex recovery_mu_;
  // The failure that stopped writes; OK while writing.
  absl::Status write_failure_ ABSL_GUARDED_BY(recovery_mu_);
  absl::Time next_recovery_ ABSL_GUARDED_BY(recovery_mu_);
};

}  // namespace liaison::storage

#endif  // LIAISON_BROKER_STORAGE_ROCKSDB_KV_STORE_H_
