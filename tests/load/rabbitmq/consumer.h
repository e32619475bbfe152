#ifndef LIAISON_TESTS_LOAD_RABBITMQ_CONSUMER_H_
#define LIAISON_TESTS_LOAD_RABBITMQ_CONSUMER_H_

#include <cstdint>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "tests/load/latency_histogram.h"
#include "tests/load/rabbitmq/amqp_connection.h"

namespace liaison::load::rabbitmq {

// Deliveries across all consumer threads, and the signal that stops them.
// Thread-safe.
class DeliveryBoard {
 public:
  void Delivered(absl::Time at) ABSL_LOCKS_EXCLUDED(mu_);
  // Waits until `target` deliveries were counted or `deadline` passes;
  // returns whether the target was reached.
  bool AwaitDelivered(int64_t target, absl::Time deadline) ABSL_LOCKS_EXCLUDED(mu_);
  void Stop() ABSL_LOCKS_EXCLUDED(mu_);
  bool stopped() const ABSL_LOCKS_EXCLUDED(mu_);
  int64_t delivered() const ABSL_LOCKS_EXCLUDED(mu_);
  absl::Time last_delivery() const ABSL_LOCKS_EXCLUDED(mu_);

 private:
  mutable absl::Mutex mu_;
  int64_t delivered_ ABSL_GUARDED_BY(mu_) = 0;
  absl::Time last_delivery_ ABSL_GUARDED_BY(mu_) = absl::InfinitePast();
  bool stopped_ ABSL_GUARDED_BY(mu_) = false;
};

struct ConsumerStats {
  int64_t delivered = 0;
  int64_t errors = 0;              // deliveries that were not benchmark messages
  LatencyHistogram e2e_latency;  // intended send time -> delivery received
};

// Consumes `queue` on `connection` with manual acks and `prefetch`, acking
// each message as it is received, until `board` is stopped. Returns the
// counts, or the connection's error.
absl::StatusOr<ConsumerStats> RunConsumer(const std::string& queue, int prefetch, AmqpConnection& connection,
                                          DeliveryBoard& board);

}  // namespace liaison::load::rabbitmq

#endif  // LIAISON_TESTS_LOAD_RABBITMQ_CONSUMER_H_
