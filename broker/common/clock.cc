#include "broker/common/clock.h"

#include <utility>

namespace liaison {

Clock* RealClock::Get() {
  static RealClock* clock = new RealClock();
  return clock;
}

absl::Time FakeClock::Now() const {
  absl::MutexLock lock(&mu_);
  return now_;
}

void FakeClock::AddJumpListener(std::function<void()> listener) {
  absl::MutexLock lock(&mu_);
  listeners_.push_back(std::move(listener));
}

void FakeClock::Advance(absl::Duration d) {
  std::vector<std::function<void()>> listeners;
  {
    absl::MutexLock lock(&mu_);
    now_ += d;
    listeners = listeners_;
  }
  for (const auto& listener : listeners) listener();
}

}  // namespace liaison
