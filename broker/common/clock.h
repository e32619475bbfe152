#ifndef LIAISON_BROKER_COMMON_CLOCK_H_
#define LIAISON_BROKER_COMMON_CLOCK_H_

#include <cstdint>
#include <functional>
#include <map>
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
  // use this to re-check. Returns an id for RemoveJumpListener; the
  // listener must stay callable until it is removed.
  virtual uint64_t AddJumpListener(std::function<void()> listener) { return 0; }
  virtual void RemoveJumpListener(uint64_t id) {}
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
  uint64_t AddJumpListener(std::function<void()> listener) override;
  void RemoveJumpListener(uint64_t id) override;
  // Moves time forward by `d` and notifies listeners.
  void Advance(absl::Duration d);

 private:
  mutable absl::Mutex mu_;
  absl::Time now_ ABSL_GUARDED_BY(mu_);
  std::map<uint64_t, std::function<void()>> listeners_ ABSL_GUARDED_BY(mu_);
  uint64_t next_listener_ ABSL_GUARDED_BY(mu_) = 1;
};

}  // namespace liaison

#endif  // LIAISON_BROKER_COMMON_CLOCK_H_
