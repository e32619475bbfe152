#ifndef LIAISON_ADAPTERS_COMMON_DELIVERER_H_
#define LIAISON_ADAPTERS_COMMON_DELIVERER_H_

// Delivers spooled actions to the broker, oldest first, so a reception and
// the release that reverses it reach the index in the order they arrived.
// Notifications next to each other in the spool go in one SubmitBatch. A
// failure a retry may fix stops the round and backs off exponentially with
// jitter; a refusal for good moves the action to quarantine with the
// broker's reason. Retries resend the same source_ref or change_ref, so
// the broker applies each action once.

#include <atomic>
#include <cstdint>
#include <random>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "adapters/common/adapter_store.h"
#include "adapters/common/broker_client.h"
#include "broker/common/clock.h"

namespace liaison::adapters {

struct BackoffOptions {
  absl::Duration initial = absl::Milliseconds(100);
  absl::Duration max = absl::Seconds(30);
};

// Exponential backoff with "equal jitter": attempt n (from 0) waits a
// uniformly random time in [d/2, d], d = min(max, initial * 2^n).
absl::Duration BackoffDelay(const BackoffOptions& options, uint32_t attempt, std::mt19937_64& random);

class Deliverer {
 public:
  struct Options {
    size_t max_batch = 100;
    BackoffOptions backoff;
    uint64_t seed = 0;  // 0: random
  };
  struct Round {
    size_t delivered = 0;
    size_t quarantined = 0;
    // Set when a retryable failure stopped the round: wait this long.
    std::optional<absl::Duration> retry_after;
  };

  Deliverer(AdapterStore* store, BrokerClient* client, Clock* clock, Options options);
  ~Deliverer();

  // One pass over the spool's oldest actions (at most max_batch of them).
  absl::StatusOr<Round> RunOnce();

  // Runs rounds on a thread until Stop(): waits for Wake() when the spool
  // is empty, and the backoff after a failure.
  void Start();
  void Stop();
  // New actions were spooled.
  void Wake();

 private:
  void Loop();

  AdapterStore* store_;
  BrokerClient* client_;
  Clock* clock_;
  Options options_;
  std::mt19937_64 random_;
  uint32_t failures_ = 0;  // consecutive

  absl::Mutex mu_;
  bool stop_ ABSL_GUARDED_BY(mu_) = false;
  bool woken_ ABSL_GUARDED_BY(mu_) = false;
  std::thread thread_;
};

}  // namespace liaison::adapters

#endif  // LIAISON_ADAPTERS_COMMON_DELIVERER_H_
