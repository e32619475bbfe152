#include "broker/storage/rocksdb_kv_store.h"

#include <sys/statvfs.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <memory>
#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "broker/common/status_macros.h"
#include "broker/storage/rocksdb_table_options.h"
#include "rocksdb/db.h"
#include "rocksdb/metadata.h"
#include "rocksdb/options.h"
#include "rocksdb/cache.h"
#include "rocksdb/write_buffer_manager.h"
#include "rocksdb/write_batch.h"
#include "rocksdb/utilities/checkpoint.h"

namespace liaison::storage {
namespace {

// Converts a RocksDB status; never includes keys or values in the message.
absl::Status FromRocks(const rocksdb::Status& s, absl::string_view what) {
  if (s.ok()) return absl::OkStatus();
  if (s.IsNoSpace()) {
    return absl::UnavailableError(absl::StrCat(what, ": the data directory's disk is full; retry later"));
  }
  const std::string message = absl::StrCat(what, ": ", s.ToString());
  if (s.IsCorruption()) return absl::DataLossError(message);
  if (s.IsIOError() || s.IsBusy() || s.IsTryAgain() || s.IsTimedOut() || s.IsAborted() ||
      s.IsNoSpace()) {
    return absl::UnavailableError(message);
  }
  if (s.IsInvalidArgument() || s.IsNotSupported()) return absl::FailedPreconditionError(message);
  return absl::InternalError(message);
}

rocksdb::Slice ToSlice(absl::string_view s) { return rocksdb::Slice(s.data(), s.size()); }

// A read-only open cannot create tables: an older format's directory
// lacks the tables added since.
absl::Status CheckTablesExist(const rocksdb::Options& db_options, const std::string& path) {
  std::vector<std::string> names;
  RETURN_IF_ERROR(FromRocks(rocksdb::DB::ListColumnFamilies(db_options, path, &names),
                            absl::StrCat("opening the data directory ", path)));
  for (Table table : kAllTables) {
    if (std::find(names.begin(), names.end(), TableName(table)) == names.end()) {
      return absl::FailedPreconditionError(absl::StrCat("data directory ", path, " has no table ", TableName(table),
                                                        ": it is an older format; start the broker on it once to "
                                                        "upgrade it"));
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::unique_ptr<RocksKvStore>> RocksKvStore::Open(const Options& options) {
  rocksdb::Options db_options;
  db_options.create_if_missing = !options.read_only;
  db_options.create_missing_column_families = !options.read_only;
  db_options.paranoid_checks = true;
  // Recover everything up to the last synced write; a torn tail record from a
  // crash is dropped rather than treated as corruption.
  db_options.wal_recovery_mode = rocksdb::WALRecoveryMode::kPointInTimeRecovery;
  db_options.IncreaseParallelism(2);
  db_options.keep_log_file_num = kInfoLogFiles;
  db_options.max_log_file_size = options.info_log_file_bytes;
  // Each open file's reader, and the tops of its index and filter pinned in
  // the cache, stay in memory while it is open; append-only tables gain a
  // file per flush, so the bound keeps that memory from growing with the
  // store (docs/faults.md, "Soak").
  db_options.max_open_files = options.max_open_files;

  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  descriptors.emplace_back(rocksdb::kDefaultColumnFamilyName, rocksdb::ColumnFamilyOptions());
  // One LRU cache bounds memory: data, index and filter blocks live in it
  // and the write buffer manager charges memtables to it.
  std::shared_ptr<rocksdb::Cache> cache = rocksdb::NewLRUCache(options.block_cache_bytes);
  db_options.write_buffer_manager =
      std::make_shared<rocksdb::WriteBufferManager>(options.write_buffer_bytes, cache);
  for (Table table : kAllTables) {
    descriptors.emplace_back(TableName(table), TableColumnFamilyOptions(table, cache, options.write_buffer_bytes));
  }
  if (!options.read_only) {
    std::error_code error;
    std::filesystem::create_directories(options.path, error);
    if (error) {
      return absl::FailedPreconditionError(
          absl::StrCat("cannot create the data directory: ", error.message()));
    }
  }
  if (options.read_only) RETURN_IF_ERROR(CheckTablesExist(db_options, options.path));
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* raw = nullptr;
  rocksdb::Status s =
      options.read_only
          ? rocksdb::DB::OpenForReadOnly(db_options, options.path, descriptors, &handles, &raw)
          : rocksdb::DB::Open(db_options, options.path, descriptors, &handles, &raw);
  if (s.IsIOError() && s.ToString().find("LOCK") != std::string::npos) {
    // RocksDB's LOCK file (an fcntl lock) is held: another broker, or a
    // liaisonctl store command, has the directory open.
    return absl::FailedPreconditionError(absl::StrCat("data directory ", options.path,
                                                      " is in use by another process (", s.ToString(), ")"));
  }
  RETURN_IF_ERROR(FromRocks(s, absl::StrCat("opening the data directory ", options.path)));

  auto store = std::unique_ptr<RocksKvStore>(new RocksKvStore());
  store->path_ = options.path;
  store->min_free_disk_bytes_ = options.read_only ? 0 : options.min_free_disk_bytes;
  store->cache_ = std::move(cache);
  store->db_.reset(raw);
  // handles[0] is the default column family, which RocksDB keeps owning.
  store->db_->DestroyColumnFamilyHandle(handles[0]);
  store->handles_.assign(handles.begin() + 1, handles.end());
  RETURN_IF_ERROR(store->CheckSchemaVersion(options));
  return store;
}

RocksKvStore::~RocksKvStore() {
  if (db_ == nullptr) return;
  for (rocksdb::ColumnFamilyHandle* handle : handles_) db_->DestroyColumnFamilyHandle(handle);
  db_->Close();
}

RocksKvStore::CacheUsage RocksKvStore::cache_usage() const {
  return CacheUsage{cache_->GetUsage(), cache_->GetPinnedUsage(), cache_->GetCapacity()};
}

std::vector<RocksKvStore::TableFiles> RocksKvStore::table_files() const {
  std::vector<TableFiles> tables;
  tables.reserve(handles_.size());
  for (size_t i = 0; i < handles_.size(); ++i) {
    rocksdb::ColumnFamilyMetaData meta;
    db_->GetColumnFamilyMetaData(handles_[i], &meta);
    tables.push_back(TableFiles{kAllTables[i], meta.file_count, meta.size});
  }
  return tables;
}

absl::Status RocksKvStore::Flush() {
  return FromRocks(db_->Flush(rocksdb::FlushOptions(), handles_), "flushing");
}

absl::Status RocksKvStore::CheckSchemaVersion(const Options& options) {
  ASSIGN_OR_RETURN(std::optional<std::string> stored, Get(Table::kMeta, kSchemaVersionKey));
  if (!stored.has_value()) {
    if (options.read_only) return absl::FailedPreconditionError("data directory has no schema version");
    return Write({{Table::kMeta, kSchemaVersionKey, absl::StrCat(kSchemaVersion)}}, /*sync=*/true);
  }
  if (!absl::SimpleAtoi(*stored, &schema_version_)) {
    return absl::DataLossError("data directory schema version is unreadable");
  }
  if (schema_version_ > kSchemaVersion) {
    return absl::FailedPreconditionError(
        absl::StrCat("data directory ", options.path, " has format version ", schema_version_,
                     "; this build reads format versions ", kOldestSchemaVersion, " to ", kSchemaVersion,
                     ": run a newer broker (docs/data-safety.md)"));
  }
  if (schema_version_ < kOldestSchemaVersion) {
    return absl::FailedPreconditionError(absl::StrCat("data directory ", options.path, " has format version ",
                                                      schema_version_, "; this build upgrades from version ",
                                                      kOldestSchemaVersion, " only"));
  }
  if (options.read_only && schema_version_ < kSchemaVersion) {
    return absl::FailedPreconditionError(
        absl::StrCat("data directory ", options.path, " has format version ", schema_version_,
                     "; this build reads version ", kSchemaVersion, ": start the broker on it once to upgrade it"));
  }
  return absl::OkStatus();
}

absl::Status RocksKvStore::Checkpoint(const std::string& dir) {
  std::error_code error;
  if (std::filesystem::exists(dir, error)) {
    return absl::FailedPreconditionError(absl::StrCat(dir, ": exists; a backup goes into a new directory"));
  }
  rocksdb::Checkpoint* raw = nullptr;
  RETURN_IF_ERROR(FromRocks(rocksdb::Checkpoint::Create(db_.get(), &raw), "preparing a checkpoint"));
  std::unique_ptr<rocksdb::Checkpoint> checkpoint(raw);
  // log_size_for_flush 0: memtables are flushed first, so the checkpoint
  // is mostly hard links; RocksDB keeps every table consistent with the
  // others (one manifest, the write-ahead log copied up to one sequence).
  return FromRocks(checkpoint->CreateCheckpoint(dir, /*log_size_for_flush=*/0), "writing a checkpoint");
}

absl::Status RocksKvStore::Compact(Table table, const std::atomic<bool>* cancelled) {
  rocksdb::CompactRangeOptions compact;
  compact.bottommost_level_compaction = rocksdb::BottommostLevelCompaction::kForce;
  // CompactRange reads the flag only through a non-const pointer.
  compact.canceled = const_cast<std::atomic<bool>*>(cancelled);
  const rocksdb::Status s = db_->CompactRange(compact, handles_[static_cast<int>(table)], nullptr, nullptr);
  if (s.IsIncomplete() && cancelled != nullptr && cancelled->load()) {
    return absl::CancelledError(absl::StrCat("compacting ", TableName(table), ": cancelled"));
  }
  return FromRocks(s, absl::StrCat("compacting ", TableName(table)));
}

absl::StatusOr<std::vector<int>> RocksKvStore::FilesPerLevel(Table table) const {
  std::vector<int> files;
  rocksdb::ColumnFamilyHandle* handle = handles_[static_cast<int>(table)];
  for (int level = 0; level < db_->NumberLevels(handle); ++level) {
    std::string value;
    if (!db_->GetProperty(handle, absl::StrCat("rocksdb.num-files-at-level", level), &value)) {
      return absl::InternalError(absl::StrCat("no file count for level ", level, " of ", TableName(table)));
    }
    int count = 0;
    if (!absl::SimpleAtoi(value, &count)) return absl::InternalError(absl::StrCat("file count ", value, " is not a number"));
    files.push_back(count);
  }
  while (!files.empty() && files.back() == 0) files.pop_back();
  return files;
}

absl::StatusOr<bool> RocksKvStore::BackgroundWorkPending() const {
  uint64_t value = 0;
  for (const char* property : {"rocksdb.num-running-compactions", "rocksdb.num-running-flushes"}) {
    if (!db_->GetIntProperty(property, &value)) return absl::InternalError(absl::StrCat("no property ", property));
    if (value > 0) return true;
  }
  for (rocksdb::ColumnFamilyHandle* handle : handles_) {
    for (const char* property : {"rocksdb.compaction-pending", "rocksdb.mem-table-flush-pending"}) {
      if (!db_->GetIntProperty(handle, property, &value)) {
        return absl::InternalError(absl::StrCat("no property ", property));
      }
      if (value > 0) return true;
    }
  }
  return false;
}

absl::StatusOr<std::optional<std::string>> RocksKvStore::Get(Table table, absl::string_view key) const {
  std::string value;
  rocksdb::Status s =
      db_->Get(rocksdb::ReadOptions(), handles_[static_cast<int>(table)], ToSlice(key), &value);
  if (s.IsNotFound()) return std::optional<std::string>();
  RETURN_IF_ERROR(FromRocks(s, absl::StrCat("reading ", TableName(table))));
  return std::optional<std::string>(std::move(value));
}

absl::Status RocksKvStore::Scan(Table table, absl::string_view start, absl::string_view end,
                                bool reverse, const ScanVisitor& visit) const {
  rocksdb::ReadOptions read_options;
  rocksdb::Slice lower = ToSlice(start);
  rocksdb::Slice upper = ToSlice(end);
  read_options.iterate_lower_bound = &lower;
  if (!end.empty()) read_options.iterate_upper_bound = &upper;
  // Any other scan of a table with a prefix extractor must ignore the
  // prefix filters, or it would skip runs holding later prefixes.
  if (PrefixScanned(table) && !reverse && IsFirstPartScan(start, end)) {
    read_options.prefix_same_as_start = true;
  } else {
    read_options.total_order_seek = true;
  }
  std::unique_ptr<rocksdb::Iterator> it(
      db_->NewIterator(read_options, handles_[static_cast<int>(table)]));
  if (reverse) {
    if (end.empty()) {
      it->SeekToLast();
    } else {
      it->SeekForPrev(upper);
      // SeekForPrev lands on a key <= upper; the bound is exclusive.
      if (it->Valid() && it->key() == upper) it->Prev();
    }
  } else {
    it->Seek(lower);
  }
  for (; it->Valid(); reverse ? it->Prev() : it->Next()) {
    absl::string_view key(it->key().data(), it->key().size());
    absl::string_view value(it->value().data(), it->value().size());
    if (!visit(key, value)) break;
  }
  return FromRocks(it->status(), absl::StrCat("scanning ", TableName(table)));
}

// One iterator for every range: opening one costs a few allocations and a
// reference to the current files, which matching paid a dozen times per
// notification (docs/performance.md, "Bytes allocated"). Its bounds cannot
// move between ranges, so each range's end is checked here.
absl::Status RocksKvStore::ScanStoredKeyRanges(Table table, const std::vector<KeyRange>& ranges,
                                               const RangeVisitor& visit) const {
  if (ranges.empty()) return absl::OkStatus();
  rocksdb::ReadOptions read_options;
  // As in Scan: prefix filters only when every range is one first part.
  const bool by_prefix = PrefixScanned(table) && std::all_of(ranges.begin(), ranges.end(), [](const KeyRange& range) {
                           return IsFirstPartScan(range.start, range.end);
                         });
  if (by_prefix) {
    read_options.prefix_same_as_start = true;
  } else {
    read_options.total_order_seek = true;
  }
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(read_options, handles_[static_cast<int>(table)]));
  for (size_t i = 0; i < ranges.size(); ++i) {
    const KeyRange& range = ranges[i];
    for (it->Seek(ToSlice(range.start)); it->Valid(); it->Next()) {
      absl::string_view key(it->key().data(), it->key().size());
      if (!range.end.empty() && key >= range.end) break;
      absl::string_view value(it->value().data(), it->value().size());
      if (!visit(i, key, value)) break;
    }
    RETURN_IF_ERROR(FromRocks(it->status(), absl::StrCat("scanning ", TableName(table))));
  }
  return absl::OkStatus();
}

absl::Status RocksKvStore::Write(const std::vector<KvWrite>& writes, bool sync) {
  rocksdb::WriteBatch batch;
  for (const KvWrite& write : writes) {
    rocksdb::ColumnFamilyHandle* handle = handles_[static_cast<int>(write.table)];
    rocksdb::Status s = write.add               ? batch.Merge(handle, ToSlice(write.key), ToSlice(*write.value))
                        : write.value.has_value() ? batch.Put(handle, ToSlice(write.key), ToSlice(*write.value))
                                                  : batch.Delete(handle, ToSlice(write.key));
    RETURN_IF_ERROR(FromRocks(s, "preparing a write"));
  }
  RETURN_IF_ERROR(CheckFreeSpace());
  RETURN_IF_ERROR(ReadyToWrite());
  rocksdb::WriteOptions write_options;
  write_options.sync = sync;
  absl::Status written = FromRocks(db_->Write(write_options, &batch), "writing");
  if (!written.ok()) WriteFailed(written);
  return written;
}

absl::Status RocksKvStore::CheckFreeSpace() const {
  if (min_free_disk_bytes_ == 0) return absl::OkStatus();
  struct statvfs fs {};
  if (statvfs(path_.c_str(), &fs) != 0) return absl::OkStatus();  // the write itself will say
  if (uint64_t{fs.f_bavail} * fs.f_frsize >= min_free_disk_bytes_) return absl::OkStatus();
  return absl::UnavailableError(absl::StrCat("writing: the data directory's disk has less than ",
                                             min_free_disk_bytes_ >> 20,
                                             " MiB free (storage.min_free_disk_mb); retry once space is freed"));
}

void RocksKvStore::WriteFailed(const absl::Status& status) {
  absl::MutexLock lock(&recovery_mu_);
  if (write_failure_.ok()) write_failure_ = status;
  next_recovery_ = absl::Now() + kRecoveryInterval;
}

absl::Status RocksKvStore::ReadyToWrite() {
  absl::MutexLock lock(&recovery_mu_);
  if (write_failure_.ok()) return absl::OkStatus();
  const auto stopped = [&] {
    return absl::UnavailableError(
        absl::StrCat("writes are stopped until the store recovers from: ", write_failure_.message()));
  };
  if (absl::Now() < next_recovery_) return stopped();
  next_recovery_ = absl::Now() + kRecoveryInterval;
  // Resume clears RocksDB's background error (OK when there is none); the
  // flush moves the memtables to sorted files and writing to a new log file,
  // away from the one that failed.
  rocksdb::FlushOptions flush;
  flush.allow_write_stall = true;
  if (!db_->Resume().ok() || !db_->Flush(flush, handles_).ok()) return stopped();
  write_failure_ = absl::OkStatus();
  return absl::OkStatus();
}

}  // namespace liaison::storage
