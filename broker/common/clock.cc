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

uint64_t FakeClock::AddJumpListener(std::function<void()> listener) {
  absl::MutexLock lock(&mu_);
  const uint64_t id = next_listener_++;
  listeners_.emplace(id, std::move(listener));
  return id;
}

void FakeClock::RemoveJumpListener(uint64_t id) {
  absl::MutexLock lock(&mu_);
  listeners_.erase(id);
}

void FakeClock::Advance(absl::Duration d) {
  std::vector<std::function<void()>> listeners;
  {
    absl::MutexLock lock(&mu_);
    now_ += d;
    for (const auto& [id, listener] : listeners_) listeners.push_back(listener);
  }
  for (const auto& listener : listeners) listener();
}

}  // namespace liaison
