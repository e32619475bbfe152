#ifndef LIAISON_BROKER_INGEST_ESCALATOR_H_
#define LIAISON_BROKER_INGEST_ESCALATOR_H_

#include <memory>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "broker/commit/committer.h"
#include "broker/common/background_worker.h"
#include "broker/common/clock.h"
#include "broker/metrics/broker_metrics.h"
#include "broker/storage/kv_store.h"

namespace liaison::ingest {

// Escalates alerts nobody acknowledged by their deadline (docs/policy.md,
// "Deadlines and escalation"). The policy's chain is stored with each alert
// as a durable timer (`escalations`, keyed by due time): when it is due and
// neither the alert nor any escalation of it has been acknowledged, the
// escalator creates an escalation alert for the next recipient, audits
// ALERT_ESCALATED and schedules the following step, all in one commit that
// also deletes the timer, so every step happens exactly once however the
// process stops. Thread-safe.
class Escalator {
 public:
  struct Deps {
    storage::KvStore* store;
    commit::Committer* committer;
    Clock* clock;
    // Optional: escalations are counted here.
    metrics::BrokerMetrics* metrics = nullptr;
  };

  explicit Escalator(Deps deps);
  ~Escalator() { Stop(); }

  // Handles every timer due at or before the clock's now. Returns the
  // number of escalation alerts created. UNAVAILABLE / DATA_LOSS from the
  // store (timers not handled stay for the next run).
  absl::StatusOr<int> RunDue() ABSL_LOCKS_EXCLUDED(run_mu_);

  // When the earliest timer is due (InfiniteFuture when none).
  absl::StatusOr<absl::Time> NextDue() const;

  // Runs RunDue in a background thread whenever a timer falls due (checking
  // at least every `poll` of real time, and when a fake clock jumps).
  void Start(absl::Duration poll = absl::Seconds(5));
  // Stops and joins the background thread (idempotent).
  void Stop();

 private:
  // Handles one due timer; true when it created an escalation alert.
  absl::StatusOr<bool> Escalate(const std::string& key, const std::string& value, absl::Time now);
  // One round of the background thread; returns when the next timer is due.
  absl::Time Round();

  Deps deps_;
  absl::Mutex run_mu_;
  BackgroundWorker worker_;
};

}  // namespace liaison::ingest

#endif  // LIAISON_BROKER_INGEST_ESCALATOR_H_
