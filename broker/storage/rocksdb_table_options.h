#ifndef LIAISON_BROKER_STORAGE_ROCKSDB_TABLE_OPTIONS_H_
#define LIAISON_BROKER_STORAGE_ROCKSDB_TABLE_OPTIONS_H_

// How RocksKvStore lays out each table in RocksDB: memtable sizing within
// the shared write budget, block-based table options (filters, partitioned
// index and filter blocks in the shared cache), the prefix extractor of
// the blocking tables and the counter merge operator. Internal to
// liaison_rocksdb_store.

#include <cstdint>
#include <memory>

#include "absl/strings/string_view.h"
#include "broker/storage/kv_store.h"
#include "rocksdb/cache.h"
#include "rocksdb/options.h"

namespace liaison::storage {

// Tables whose keys are key "\0" id and which are read by looking up every
// id filed under one key (the blocking keys). A lookup is a prefix scan; a
// prefix bloom filter lets it skip each sorted run that holds no entry for
// the key, so a lookup reads about one data block instead of one per level
// of the LSM tree (the growth measured at 10M records, docs/matching.md).
bool PrefixScanned(Table table);

// True when [start, end) is exactly the keys whose first part is `start`
// (start ends in its only '\0', end is PrefixEnd(start)): the one kind of
// scan the prefix filter may serve.
bool IsFirstPartScan(absl::string_view start, absl::string_view end);

// The options of `table`'s column family, its blocks in `cache`, its
// memtable sized within `write_buffer_bytes` shared by all tables.
rocksdb::ColumnFamilyOptions TableColumnFamilyOptions(Table table, const std::shared_ptr<rocksdb::Cache>& cache,
                                                      uint64_t write_buffer_bytes);

}  // namespace liaison::storage

#endif  // LIAISON_BROKER_STORAGE_ROCKSDB_TABLE_OPTIONS_H_
