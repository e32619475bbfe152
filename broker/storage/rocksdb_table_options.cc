#include "broker/storage/rocksdb_table_options.h"

#include <algorithm>
#include <cstring>
#include <iterator>
#include <string>

#include "rocksdb/filter_policy.h"
#include "rocksdb/merge_operator.h"
#include "rocksdb/slice_transform.h"
#include "rocksdb/table.h"

namespace liaison::storage {
namespace {

// Adds signed 64-bit counters (storage::EncodeCounter) for KvWrite::add.
class CounterAddOperator : public rocksdb::AssociativeMergeOperator {
 public:
  bool Merge(const rocksdb::Slice& key, const rocksdb::Slice* existing, const rocksdb::Slice& value,
             std::string* new_value, rocksdb::Logger* logger) const override {
    const int64_t base = existing == nullptr ? 0 : DecodeCounter(absl::string_view(existing->data(), existing->size()));
    *new_value = EncodeCounter(base + DecodeCounter(absl::string_view(value.data(), value.size())));
    return true;
  }
  const char* Name() const override { return "LiaisonCounterAdd"; }
};

// Counters take one merge operand per update, and a read folds every
// operand not yet compacted away: a counter bumped by each record of a
// bulk load would make every read of it walk a memtable holding hundreds of
// thousands of them. Past this many successive operands in the memtable,
// the write folds them into a plain value instead.
constexpr size_t kMaxSuccessiveMerges = 16;

// The part of a key up to and including its first '\0'; keys without one
// are outside the domain (and are never filtered).
class FirstPartTransform : public rocksdb::SliceTransform {
 public:
  const char* Name() const override { return "liaison.FirstPart"; }
  rocksdb::Slice Transform(const rocksdb::Slice& key) const override {
    const void* nul = std::memchr(key.data(), '\0', key.size());
    return rocksdb::Slice(key.data(), static_cast<const char*>(nul) - key.data() + 1);
  }
  bool InDomain(const rocksdb::Slice& key) const override {
    return std::memchr(key.data(), '\0', key.size()) != nullptr;
  }
};

// Tables only ever scanned (by prefix or range), never read by key: a whole
// key bloom filter would only take cache space and compaction time from them.
bool ScannedOnly(Table table) {
  switch (table) {
    case Table::kBlocking:
    case Table::kAuditIndex:
    case Table::kUnmatchedKeys:
    case Table::kUnmatched:
    case Table::kInbox:
    case Table::kPending:
    case Table::kReviewQueue:
    case Table::kMerges:
    case Table::kEscalations:
    case Table::kPersonNotifications:
      return true;
    default:
      return false;
  }
}

// Tables the broker's traffic writes: a record or more per notification,
// alert, delivery and acknowledgement, most keyed by a sequence or a time,
// or by a person or recipient and then a time. Such keys arrive in a few
// streams that only grow, so each flushed file tends to lie wholly after
// the last, and levelled compaction moves it down a level without merging
// it with anything: the table kept one file per flush for ever (in the
// soak, where every notification concerns one person, the audit log, the
// person's notification list, their two inboxes and the escalation timers
// did so). Under a small write budget that is a file of a few kilobytes to
// a megabyte several times a minute, and RocksDB keeps about 2 KB of
// metadata in memory per file, so resident memory grew with the store's
// age (docs/faults.md, "Soak"). Universal compaction merges successive
// files into sorted runs of doubling size, so such a table holds a few runs
// (cut at target_file_size_base) however long the broker runs, and each
// record is rewritten about log2(table size / flush size) times, where
// levelled compaction rewrote the randomly keyed tables (alerts,
// notifications) once into level 1 for every few flushes.
// The offender index and the matching tables stay levelled: they are read
// on every match, and levelled keeps one file to probe per level.
bool TrafficTable(Table table) {
  switch (table) {
    case Table::kMeta:
    case Table::kOffenders:
    case Table::kIdentity:
    case Table::kMatchForms:
    case Table::kBlocking:
    case Table::kNameCounts:
    case Table::kUnmatchedKeys:
      return false;
    default:
      return true;
  }
}

// Index and filter blocks live in the shared cache. They are partitioned so
// a lookup loads one small partition, not a whole file's index or filter:
// once a large index's metadata outgrows the cache, whole-file blocks of
// several megabytes would be evicted and read back on every lookup.
rocksdb::BlockBasedTableOptions TableOptions(const std::shared_ptr<rocksdb::Cache>& cache, Table table) {
  rocksdb::BlockBasedTableOptions options;
  options.block_cache = cache;
  options.cache_index_and_filter_blocks = true;
  options.cache_index_and_filter_blocks_with_high_priority = true;
  options.pin_l0_filter_and_index_blocks_in_cache = true;
  options.pin_top_level_index_and_filter = true;
  options.index_type = rocksdb::BlockBasedTableOptions::kTwoLevelIndexSearch;
  if (!ScannedOnly(table)) {
    options.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
    options.partition_filters = true;
  } else if (PrefixScanned(table)) {
    options.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
    options.partition_filters = true;
    options.whole_key_filtering = false;
  }
  return options;
}

// Each table's memtable, within the write buffer manager's budget for all
// of them. The manager flushes the table with the oldest memtable whenever
// the tables together pass 7/8 of the budget. With RocksDB's defaults
// (64 MB per table, arena blocks of 1 MB) two dozen tables holding a few
// records each reserve more than a small budget by themselves, so every
// write flushed one: at write_buffer_mb 8 and 300 notifications a second,
// 290 flushes a second of a few kilobytes each and 10,000 files in three
// minutes (append-only tables move such files down a level without merging
// them), each costing about 12 KB of memory outside the cache, so resident
// memory grew without bound. Sized here, every table's first arena block
// together take an eighth of the budget, and a busy table flushes itself
// at a quarter of it, before the manager has to choose.
struct TableBuffers {
  size_t write_buffer_size;
  size_t arena_block_size;
};

TableBuffers SizeTableBuffers(uint64_t write_buffer_bytes) {
  constexpr size_t kTables = std::size(kAllTables);
  return TableBuffers{
      .write_buffer_size = std::max<size_t>(write_buffer_bytes / 4, size_t{1} << 20),
      .arena_block_size = std::clamp<size_t>(write_buffer_bytes / (8 * kTables), size_t{16} << 10, size_t{1} << 20),
  };
}

}  // namespace

bool PrefixScanned(Table table) { return table == Table::kBlocking || table == Table::kUnmatchedKeys; }

bool IsFirstPartScan(absl::string_view start, absl::string_view end) {
  return !start.empty() && start.find('\0') == start.size() - 1 && end == PrefixEnd(start);
}

rocksdb::ColumnFamilyOptions TableColumnFamilyOptions(Table table, const std::shared_ptr<rocksdb::Cache>& cache,
                                                      uint64_t write_buffer_bytes) {
  const TableBuffers buffers = SizeTableBuffers(write_buffer_bytes);
  rocksdb::ColumnFamilyOptions options;
  options.write_buffer_size = buffers.write_buffer_size;
  options.arena_block_size = buffers.arena_block_size;
  options.merge_operator = std::make_shared<CounterAddOperator>();
  options.max_successive_merges = kMaxSuccessiveMerges;
  options.table_factory.reset(rocksdb::NewBlockBasedTableFactory(TableOptions(cache, table)));
  options.compression = rocksdb::kLZ4Compression;
  if (PrefixScanned(table)) options.prefix_extractor = std::make_shared<FirstPartTransform>();
  if (TrafficTable(table)) {
    // RocksDB's universal defaults: a merge once four runs are waiting, of
    // runs within 1% of the size of those newer than them, never a trivial
    // move (which would keep the small files as they are).
    options.compaction_style = rocksdb::kCompactionStyleUniversal;
  }
  return options;
}

}  // namespace liaison::storage
