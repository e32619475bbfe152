#ifndef LIAISON_BROKER_MATCHING_INDEX_COMPACTOR_H_
#define LIAISON_BROKER_MATCHING_INDEX_COMPACTOR_H_

#include <atomic>
#include <cstdint>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "broker/common/background_worker.h"
#include "broker/common/clock.h"
#include "broker/storage/kv_store.h"

namespace liaison::matching {

// Compacts the match tables (CompactMatchIndex) on a background thread
// when asked, as after a large bulk load: a bulk load leaves the blocking
// keys and match forms spread over every level of the LSM tree, and each
// match then pays a filter and index check per level for each key and
// candidate it looks up (docs/matching.md, "Scale benchmark"). Matches
// and writes go on meanwhile. Thread-safe.
class IndexCompactor {
 public:
  // Bulk loads of at least this many records ask for a compaction
  // (RegistryService::BulkLoad): an initial or national load, not the
  // daily changes, whose few records the LSM tree absorbs in its top levels.
  static constexpr uint64_t kAfterBulkLoadRecords = 50'000;

  // `store` and `clock` are not owned and must outlive the compactor.
  IndexCompactor(storage::KvStore* store, Clock* clock);
  ~IndexCompactor() { Stop(); }

  void Start();
  // Cancels a compaction in progress (the tables stay whole: RocksDB keeps
  // the files it had until a compaction's output replaces them) and joins
  // the thread. Start may follow.
  void Stop();
  // A compaction runs soon; asked for while one runs, it runs once more
  // after it (the load that asked may have written after it began).
  void Request() ABSL_LOCKS_EXCLUDED(mu_);

  // Compactions finished (successfully or not) since creation.
  uint64_t finished() const ABSL_LOCKS_EXCLUDED(mu_);
  // Blocks until `finished()` reaches `count` or `timeout` passes (real
  // time); returns whether it did. For tests and tools.
  bool AwaitFinished(uint64_t count, absl::Duration timeout) const ABSL_LOCKS_EXCLUDED(mu_);

 private:
  absl::Time Round() ABSL_LOCKS_EXCLUDED(mu_);

  storage::KvStore* const store_;
  std::atomic<bool> cancelled_{false};
  mutable absl::Mutex mu_;
  bool requested_ ABSL_GUARDED_BY(mu_) = false;
  uint64_t finished_ ABSL_GUARDED_BY(mu_) = 0;
  BackgroundWorker worker_;
};

}  // namespace liaison::matching

#endif  // LIAISON_BROKER_MATCHING_INDEX_COMPACTOR_H_
