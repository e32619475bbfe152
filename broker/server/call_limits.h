#ifndef LIAISON_BROKER_SERVER_CALL_LIMITS_H_
#define LIAISON_BROKER_SERVER_CALL_LIMITS_H_

// Per-principal abuse limits that need state across calls: the request rate
// and the number of open subscriptions. One principal's use never touches
// another's budget.

#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "broker/common/clock.h"

namespace liaison::server {

// A token bucket per principal: `burst` calls at once, refilled at
// `per_second`. Thread-safe.
class RateLimiter {
 public:
  // REQUIRES: per_second > 0, burst >= 1; `clock` outlives this.
  RateLimiter(double per_second, double burst, Clock* clock);

  // Takes one token from `principal_id`'s bucket: OK, or RESOURCE_EXHAUSTED
  // naming limits.requests_per_second when the bucket is empty.
  absl::Status Take(absl::string_view principal_id);

 private:
  struct Bucket {
    double tokens;
    absl::Time refilled;
  };
  const double per_second_;
  const double burst_;
  Clock* const clock_;
  absl::Mutex mu_;
  absl::flat_hash_map<std::string, Bucket> buckets_ ABSL_GUARDED_BY(mu_);
};

// Counts each principal's open subscriptions against a maximum.
// Thread-safe.
class SubscriptionLimiter {
 public:
  explicit SubscriptionLimiter(uint32_t max_per_principal) : max_(max_per_principal) {}

  // Holds one subscription place until destroyed. Move-only; the limiter
  // must outlive it.
  class Slot {
   public:
    Slot(Slot&& other) noexcept : limiter_(other.limiter_), principal_id_(std::move(other.principal_id_)) {
      other.limiter_ = nullptr;
    }
    Slot& operator=(Slot&&) = delete;
    ~Slot();

   private:
    friend class SubscriptionLimiter;
    Slot(SubscriptionLimiter* limiter, std::string principal_id)
        : limiter_(limiter), principal_id_(std::move(principal_id)) {}
    SubscriptionLimiter* limiter_;
    std::string principal_id_;
  };

  // A place for one more subscription of `principal_id`, or
  // RESOURCE_EXHAUSTED naming limits.max_subscriptions_per_principal when
  // it already holds the maximum.
  absl::StatusOr<Slot> Acquire(absl::string_view principal_id);

  // Subscriptions `principal_id` holds now.
  uint32_t open(absl::string_view principal_id) const;

 private:
  void Release(const std::string& principal_id);

  const uint32_t max_;
  mutable absl::Mutex mu_;
  absl::flat_hash_map<std::string, uint32_t> open_ ABSL_GUARDED_BY(mu_);
};

}  // namespace liaison::server

#endif  // LIAISON_BROKER_SERVER_CALL_LIMITS_H_
