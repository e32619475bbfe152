#include "broker/matching/bench/size_run.h"

#include "broker/matching/match_index.h"

#include <filesystem>
#include <memory>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "broker/common/clock.h"
#include "broker/common/status_macros.h"
#include "broker/core/broker_core.h"
#include "broker/matching/bench/bench_format.h"
#include "broker/matching/match_index.h"
#include "broker/storage/encrypting_kv_store.h"
#include "broker/storage/keyring.h"
#include "broker/synth/population.h"
#include "broker/synth/query_generator.h"
#include "policy/testing.h"

namespace liaison::matching::bench {
namespace {

// The benchmark only matches (nothing is routed), so any valid policy does.
BrokerCore::Options CoreOptions() {
  BrokerCore::Options options;
  options.policy = policy::OffenderManagerTestPolicy();
  return options;
}

absl::StatusOr<Footprint> Measure(const storage::RocksKvStore& store, const std::string& dir) {
  Footprint footprint;
  ASSIGN_OR_RETURN(footprint.memory, ReadMemory());
  footprint.cache = store.cache_usage();
  ASSIGN_OR_RETURN(footprint.disk_bytes, DiskUsage(dir));
  return footprint;
}

absl::StatusOr<QueryStats> Query(int64_t size, const synth::Population& population, const BrokerCore& core,
                                 const BenchOptions& options) {
  synth::QueryOptions query_options;
  query_options.index_count = size;
  ASSIGN_OR_RETURN(synth::QueryGenerator generator, synth::QueryGenerator::Create(population, query_options));
  QueryRunOptions run;
  run.queries = options.queries;
  run.warmup = options.warmup;
  run.repeats = options.repeats;
  run.progress = options.progress;
  run.label = absl::StrCat("matching ", FormatSize(size));
  return RunQueries(generator, core.matcher(), run);
}

// Waits until the store has no flush or compaction queued or running,
// printing progress every 10 s; returns how long that took.
absl::StatusOr<absl::Duration> Settle(const storage::RocksKvStore& store, const std::string& label,
                                      std::ostream* progress) {
  const absl::Time start = absl::Now();
  absl::Time next_report = start + absl::Seconds(10);
  while (true) {
    ASSIGN_OR_RETURN(bool pending, store.BackgroundWorkPending());
    if (!pending) break;
    if (progress != nullptr && absl::Now() >= next_report) {
      *progress << "settling " << label << ": compactions still running after "
                << absl::FormatDuration(absl::Trunc(absl::Now() - start, absl::Seconds(1))) << "\n";
      next_report += absl::Seconds(10);
    }
    absl::SleepFor(absl::Milliseconds(200));
  }
  return absl::Now() - start;
}

// Everything between creating the directory and removing it.
absl::Status Run(const BenchOptions& options, SizeResult* result) {
  storage::RocksKvStore::Options store_options;
  store_options.path = result->data_dir;
  store_options.block_cache_bytes = options.block_cache_bytes;
  store_options.write_buffer_bytes = options.write_buffer_bytes;
  ASSIGN_OR_RETURN(std::unique_ptr<storage::RocksKvStore> store, storage::RocksKvStore::Open(store_options));
  std::unique_ptr<storage::EncryptingKvStore> encrypted;
  if (options.encrypt) {
    // The data key of a generated index stays beside it, so a kept
    // directory can be timed again (--reuse).
    const std::string key_path = result->data_dir + "/bench-data-key.textproto";
    config::v1::KeyFile key_file;
    if (options.reuse) {
      ASSIGN_OR_RETURN(key_file, storage::ReadKeyFile(key_path));
    } else {
      key_file = storage::NewKeyFile(absl::Now());
      RETURN_IF_ERROR(storage::WriteKeyFile(key_path, key_file));
    }
    ASSIGN_OR_RETURN(std::shared_ptr<const storage::Keyring> keys, storage::Keyring::FromProto(key_file));
    ASSIGN_OR_RETURN(encrypted, storage::EncryptingKvStore::Open(store.get(), keys));
  }
  storage::KvStore* kv = encrypted != nullptr ? static_cast<storage::KvStore*>(encrypted.get()) : store.get();
  ASSIGN_OR_RETURN(std::unique_ptr<BrokerCore> core, BrokerCore::Create(kv, RealClock::Get(), CoreOptions()));
  synth::PopulationOptions population_options;
  population_options.seed = options.seed;
  ASSIGN_OR_RETURN(synth::Population population, synth::Population::Create(population_options));

  LoadOptions load;
  load.count = result->size;
  load.progress = options.progress;
  load.progress_is_terminal = options.progress_is_terminal;
  if (!options.reuse) {
    ASSIGN_OR_RETURN(result->load, LoadIndex(population, core->registry(), load));
  }
  if (options.settle) {
    ASSIGN_OR_RETURN(result->settle, Settle(*store, FormatSize(result->size), options.progress));
  }
  if (options.compact) {
    if (options.progress != nullptr) *options.progress << "compacting the match tables of " << FormatSize(result->size) << "\n";
    const absl::Time start = absl::Now();
    RETURN_IF_ERROR(CompactMatchIndex(kv));
    result->compact = absl::Now() - start;
  }
  ASSIGN_OR_RETURN(result->after_load, Measure(*store, result->data_dir));
  // What stays resident once the allocator gives back what the load freed
  // (compaction buffers, batches): the load's lasting footprint.
  TrimHeap();
  ASSIGN_OR_RETURN(MemorySnapshot trimmed, ReadMemory());
  result->after_load_trimmed_rss_bytes = trimmed.rss_bytes;
  ASSIGN_OR_RETURN(result->query, Query(result->size, population, *core, options));
  ASSIGN_OR_RETURN(result->after_query, Measure(*store, result->data_dir));
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<SizeResult> RunSize(int64_t size, const BenchOptions& options) {
  SizeResult result;
  result.size = size;
  result.data_dir = (std::filesystem::path(options.dir) / absl::StrCat("index-", size)).string();
  std::error_code error;
  const bool exists = std::filesystem::exists(result.data_dir, error);
  if (error) return absl::FailedPreconditionError(absl::StrCat(result.data_dir, ": ", error.message()));
  if (exists && !options.reuse) {
    return absl::FailedPreconditionError(
        absl::StrCat(result.data_dir, " already exists: remove it, choose another --dir, or --reuse it"));
  }
  if (!exists && options.reuse) {
    return absl::FailedPreconditionError(
        absl::StrCat(result.data_dir, " does not exist: --reuse needs a directory kept by an earlier --keep run"));
  }
  // The previous size's memory is returned first, so this size's peak is
  // its own.
  if (absl::Status reset = ResetPeakResident(); !reset.ok() && options.progress != nullptr) {
    *options.progress << "warning: " << reset.message() << "; VmHWM covers the whole process\n";
  }
  const absl::Status status = Run(options, &result);
  if (!options.keep && !options.reuse) std::filesystem::remove_all(result.data_dir, error);
  RETURN_IF_ERROR(status);
  return result;
}

}  // namespace liaison::matching::bench
