#ifndef LIAISON_BROKER_COMMON_CLOCK_H_
#define LIAISON_BROKER_COMMON_CLOCK_H_

#include <functional>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace liaison {

// The source of "now" for everything that records or compares times, so
// tests control time instead of sleeping. Thread-safe.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual absl::Time Now() const = 0;
  // Registers `listener`, called after the clock jumps (fake clocks only;
  // real time passing calls nothing). Waiters that sleep until a clock time
  // use this to re-check. The listener must outlive the clock's use.
  virtual void AddJumpListener(std::function<void()> listener) {}
};

// The system's wall clock.
class RealClock : public Clock {
 public:
  absl::Time Now() const override { return absl::Now(); }
  // A process-wide instance.
  static Clock* Get();
};

// A clock that moves only when told to. Thread-safe.
class FakeClock : public Clock {
 public:
  explicit FakeClock(absl::Time start) : now_(start) {}
  absl::Time Now() const override;
  void AddJumpListener(std::function<void()> listener) override;
  // Moves time forward by `d` and notifies listeners.
  void Advance(absl::Duration d);

 private:
  mutable absl::Mutex mu_;
  absl::Time now_ ABSL_GUARDED_BY(mu_);
  std::vector<std::function<void()>> listeners_ ABSL_GUARDED_BY(mu_);
};

}  // namespace liaison

#endif  // LIAISON_BROKER_COMMON_CLOCK_H_
