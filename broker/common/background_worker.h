#ifndef LIAISON_BROKER_COMMON_BACKGROUND_WORKER_H_
#define LIAISON_BROKER_COMMON_BACKGROUND_WORKER_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "broker/common/clock.h"

namespace liaison {

// A background thread that runs a round of work, then sleeps until the
// round says it is next due (by `clock`), at most `poll` of real time, or
// until a fake clock jumps or Wake is called. The broker's periodic jobs
// (escalation, retention) share it. Thread-safe.
class BackgroundWorker {
 public:
  // One round; returns when the next is due on `clock` (InfiniteFuture: at
  // the next poll). Rounds report their own errors.
  using Round = std::function<absl::Time()>;

  // `clock` is not owned and must outlive the worker.
  BackgroundWorker(Clock* clock, Round round) : clock_(clock), round_(std::move(round)) {}
  ~BackgroundWorker() { Stop(); }
  BackgroundWorker(const BackgroundWorker&) = delete;
  BackgroundWorker& operator=(const BackgroundWorker&) = delete;

  // Starts the thread, which runs a round at once (a no-op when running).
  void Start(absl::Duration poll) ABSL_LOCKS_EXCLUDED(mu_);
  // Stops and joins the thread (idempotent); a round in progress finishes.
  void Stop() ABSL_LOCKS_EXCLUDED(mu_);
  // Runs the next round now rather than at its time.
  void Wake() ABSL_LOCKS_EXCLUDED(mu_);

 private:
  void Loop(absl::Duration poll);
  bool Woken() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return stopping_ || woken_; }

  Clock* const clock_;
  const Round round_;
  absl::Mutex mu_;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  bool woken_ ABSL_GUARDED_BY(mu_) = false;
  std::unique_ptr<std::thread> thread_ ABSL_GUARDED_BY(mu_);
  uint64_t jump_listener_ ABSL_GUARDED_BY(mu_) = 0;
};

}  // namespace liaison

#endif  // LIAISON_BROKER_COMMON_BACKGROUND_WORKER_H_
