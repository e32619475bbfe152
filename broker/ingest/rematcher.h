#ifndef LIAISON_BROKER_INGEST_REMATCHER_H_
#define LIAISON_BROKER_INGEST_REMATCHER_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "broker/commit/committer.h"
#include "broker/common/clock.h"
#include "broker/common/key_locks.h"
#include "broker/matching/match_index.h"
#include "broker/matching/matcher.h"
#include "broker/storage/kv_store.h"
#include "policy/policy.h"

namespace liaison::ingest {

// Retroactive matching (domain.md stories 7 and 8). When an offender record
// is created or gains a name, identifier or address, the registry writes a
// job for its CRN in the same commit as the change (`rematch_jobs`). Running
// the job finds the retained, unmatched notifications that share a blocking
// key with the record, matches each again against the whole index (the new
// record may or may not be the best candidate) and routes those that now
// link; each outcome is one atomic commit with a REMATCHED entry. The job is
// deleted last, so a crash part-way only repeats work (a notification that
// already linked is skipped). Thread-safe.
class Rematcher {
 public:
  struct Deps {
    storage::KvStore* store;
    commit::Committer* committer;
    const matching::Matcher* matcher;
    const policy::Policy* policy;
    Clock* clock;
    // Serialises changes to one notification with the review queue.
    KeyLocks* notification_locks;
  };
  struct Options {
    // Notifications received longer ago than this are not matched again.
    absl::Duration retention = absl::Hours(24 * 365);
    matching::CandidateOptions lookup;
  };
  struct Result {
    int examined = 0;
    int linked = 0;
    int reviews_opened = 0;
  };

  Rematcher(Deps deps, Options options) : deps_(deps), options_(options) {}

  // Runs the job for `crn` if there is one. UNAVAILABLE from the store (the
  // job stays and runs again).
  absl::StatusOr<Result> Run(const std::string& crn);
  // Runs every pending job (at start-up, after a crash).
  absl::StatusOr<Result> RunPending();

 private:
  // Matches one retained notification again; adds to `result`.
  absl::Status Rematch(const std::string& notification_id, const std::string& trigger_crn, Result* result);

  Deps deps_;
  Options options_;
};

}  // namespace liaison::ingest

#endif  // LIAISON_BROKER_INGEST_REMATCHER_H_
