#include "broker/matching/index_compactor.h"

#include "broker/common/log.h"
#include "broker/matching/match_index.h"

namespace liaison::matching {

IndexCompactor::IndexCompactor(storage::KvStore* store, Clock* clock)
    : store_(store), worker_(clock, [this] { return Round(); }) {}

void IndexCompactor::Start() {
  cancelled_ = false;
  worker_.Start(absl::Minutes(1));
}

void IndexCompactor::Stop() {
  cancelled_ = true;
  worker_.Stop();
}

void IndexCompactor::Request() {
  {
    absl::MutexLock lock(&mu_);
    requested_ = true;
  }
  worker_.Wake();
}

uint64_t IndexCompactor::finished() const {
  absl::MutexLock lock(&mu_);
  return finished_;
}

bool IndexCompactor::AwaitFinished(uint64_t count, absl::Duration timeout) const {
  absl::MutexLock lock(&mu_);
  auto done = [this, count]() ABSL_SHARED_LOCKS_REQUIRED(mu_) { return finished_ >= count; };
  return mu_.AwaitWithTimeout(absl::Condition(&done), timeout);
}

absl::Time IndexCompactor::Round() {
  {
    absl::MutexLock lock(&mu_);
    if (!requested_) return absl::InfiniteFuture();
    requested_ = false;
  }
  Log(LogLevel::kInfo, "match_index_compaction_started");
  const absl::Time start = absl::Now();
  const absl::Status status = CompactMatchIndex(store_, &cancelled_);
  const int64_t millis = absl::ToInt64Milliseconds(absl::Now() - start);
  if (status.ok()) {
    Log(LogLevel::kInfo, "match_index_compacted", {{"millis", millis}});
  } else if (absl::IsCancelled(status)) {
    Log(LogLevel::kInfo, "match_index_compaction_cancelled", {{"millis", millis}});
  } else {
    // The store's message names tables and RocksDB's reason, never records.
    Log(LogLevel::kWarning, "match_index_compaction_failed",
        {{"millis", millis}, {"code", absl::StatusCodeToString(status.code())}, {"detail", status.message()}});
  }
  absl::MutexLock lock(&mu_);
  ++finished_;
  return requested_ ? absl::InfinitePast() : absl::InfiniteFuture();
}

}  // namespace liaison::matching
