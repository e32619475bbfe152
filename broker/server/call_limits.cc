#include "broker/server/call_limits.h"

#include <algorithm>

#include "absl/strings/str_cat.h"

namespace liaison::server {

RateLimiter::RateLimiter(double per_second, double burst, Clock* clock)
    : per_second_(per_second), burst_(burst), clock_(clock) {}

absl::Status RateLimiter::Take(absl::string_view principal_id) {
  const absl::Time now = clock_->Now();
  absl::MutexLock lock(&mu_);
  auto [it, inserted] = buckets_.try_emplace(principal_id, Bucket{burst_, now});
  Bucket& bucket = it->second;
  if (now > bucket.refilled) {
    bucket.tokens = std::min(burst_, bucket.tokens + absl::ToDoubleSeconds(now - bucket.refilled) * per_second_);
    bucket.refilled = now;
  }
  if (bucket.tokens < 1) {
    return absl::ResourceExhaustedError(absl::StrCat("limits.requests_per_second: this client has exceeded ",
                                                     per_second_, " calls per second (burst ", burst_,
                                                     "); retry later"));
  }
  bucket.tokens -= 1;
  return absl::OkStatus();
}

SubscriptionLimiter::Slot::~Slot() {
  if (limiter_ != nullptr) limiter_->Release(principal_id_);
}

absl::StatusOr<SubscriptionLimiter::Slot> SubscriptionLimiter::Acquire(absl::string_view principal_id) {
  absl::MutexLock lock(&mu_);
  uint32_t& open = open_[principal_id];
  if (open >= max_) {
    return absl::ResourceExhaustedError(absl::StrCat("limits.max_subscriptions_per_principal: this client already has ",
                                                     open, " subscriptions open; the limit is ", max_));
  }
  ++open;
  return Slot(this, std::string(principal_id));
}

uint32_t SubscriptionLimiter::open(absl::string_view principal_id) const {
  absl::MutexLock lock(&mu_);
  auto it = open_.find(principal_id);
  return it == open_.end() ? 0 : it->second;
}

void SubscriptionLimiter::Release(const std::string& principal_id) {
  absl::MutexLock lock(&mu_);
  auto it = open_.find(principal_id);
  if (it == open_.end()) return;
  if (--it->second == 0) open_.erase(it);
}

}  // namespace liaison::server
