#ifndef LIAISON_BROKER_MATCHING_BENCH_SIZE_RUN_H_
#define LIAISON_BROKER_MATCHING_BENCH_SIZE_RUN_H_

// One index size of the match benchmark: a fresh RocksDB store, the broker
// core on it, the synthetic index loaded through the registry, then timed
// matches, with memory and disk measured after each phase.

#include <cstdint>
#include <ostream>
#include <string>

#include "absl/status/statusor.h"
#include "broker/matching/bench/index_loader.h"
#include "broker/matching/bench/process_stats.h"
#include "broker/matching/bench/query_runner.h"
#include "broker/storage/rocksdb_kv_store.h"

namespace liaison::matching::bench {

struct BenchOptions {
  // Each size gets a fresh directory "index-SIZE" under this one.
  std::string dir;
  // Keep the data directories after the run.
  bool keep = false;
  // Time matches on a size's directory kept by an earlier run (--keep)
  // instead of loading a new one; its data key is the one that run left
  // there. The load figures are then zero.
  bool reuse = false;
  uint64_t seed = 1;
  uint64_t block_cache_bytes = 256ull << 20;
  uint64_t write_buffer_bytes = 64ull << 20;
  int64_t queries = 5000;
  int64_t warmup = 500;
  int repeats = 3;
  // Wait after the load until RocksDB's background flushes and compactions
  // are done, so matches are timed on the index as it settles hours after a
  // bulk load rather than while the load's compactions still run.
  bool settle = true;
  // Then compact the match tables (CompactMatchIndex), as an operator does
  // after a bulk load, and time that.
  bool compact = false;
  // Through encryption at rest (EncryptingKvStore), as the broker runs.
  bool encrypt = true;
  // Progress lines (not owned; null: none), and whether it is a terminal.
  std::ostream* progress = nullptr;
  bool progress_is_terminal = false;
};

// What the process and the store looked like at one moment.
struct Footprint {
  MemorySnapshot memory;
  storage::RocksKvStore::CacheUsage cache;
  uint64_t disk_bytes = 0;
};

struct SizeResult {
  int64_t size = 0;
  std::string data_dir;
  LoadStats load;
  QueryStats query;
  Footprint after_load;
  // Time from the end of the load until background work finished (zero
  // without settle).
  absl::Duration settle = absl::ZeroDuration();
  // How long CompactMatchIndex took (zero without compact).
  absl::Duration compact = absl::ZeroDuration();
  // VmRSS after load once freed heap was returned to the system (TrimHeap).
  uint64_t after_load_trimmed_rss_bytes = 0;
  Footprint after_query;
};

// Runs one size. FAILED_PRECONDITION when the size's directory already
// exists (without reuse) or does not (with reuse); otherwise errors from the store or the core. The directory is
// removed afterwards (also on error) unless options.keep.
absl::StatusOr<SizeResult> RunSize(int64_t size, const BenchOptions& options);

}  // namespace liaison::matching::bench

#endif  // LIAISON_BROKER_MATCHING_BENCH_SIZE_RUN_H_
