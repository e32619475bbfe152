#ifndef LIAISON_BROKER_INGEST_RETENTION_H_
#define LIAISON_BROKER_INGEST_RETENTION_H_

#include <cstdint>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "broker/commit/committer.h"
#include "broker/common/background_worker.h"
#include "broker/common/clock.h"
#include "broker/common/key_locks.h"
#include "broker/storage/kv_store.h"
#include "policy/policy.h"

namespace liaison::ingest {

// Deletes notifications past the policy's retention period, with their
// alerts (docs/data-safety.md, "Retention"):
//  - never routed (unmatched, in review, not linked): received +
//    Retention.unmatched_days for its kind (else Options::unmatched_fallback);
//  - routed (linked, or with alerts): received + Retention.delivered_days for
//    its kind; kept indefinitely when the policy gives none, and kept while
//    any of its alerts is unacknowledged.
// Each deletion is one commit that removes the notification and every
// record about it (alerts, inbox and pending entries, indexes, review) and
// appends RETENTION_DELETED naming the notification and the alerts (ids,
// never content); the audit entries about it stay. After a round that
// deleted anything the tables are compacted to reclaim the space.
// Thread-safe.
class RetentionJob {
 public:
  struct Deps {
    storage::KvStore* store;
    commit::Committer* committer;
    Clock* clock;
    const policy::Policy* policy;
    // Held per notification while it is examined and deleted (shared with
    // retroactive matching and review).
    KeyLocks* notification_locks;
  };
  struct Options {
    absl::Duration unmatched_fallback = absl::Hours(24 * 365);
    // How often the background thread runs a round.
    absl::Duration every = absl::Hours(1);
  };
  struct Report {
    uint64_t examined = 0;
    uint64_t notifications_deleted = 0;
    uint64_t alerts_deleted = 0;
    // Past retention but with an unacknowledged alert.
    uint64_t kept_unacknowledged = 0;
  };

  RetentionJob(Deps deps, Options options);
  ~RetentionJob() { Stop(); }

  // One round at the clock's now. UNAVAILABLE / DATA_LOSS from the store
  // (what was not deleted is retried next round).
  absl::StatusOr<Report> RunOnce() ABSL_LOCKS_EXCLUDED(run_mu_);

  // Runs a round every Options::every (and when a fake clock jumps).
  void Start(absl::Duration poll = absl::Minutes(1)) { worker_.Start(poll); }
  void Stop() { worker_.Stop(); }

 private:
  absl::Time Round();

  Deps deps_;
  Options options_;
  absl::Mutex run_mu_;
  BackgroundWorker worker_;
};

}  // namespace liaison::ingest

#endif  // LIAISON_BROKER_INGEST_RETENTION_H_
