#include "tests/load/rabbitmq/consumer.h"

#include "absl/status/status.h"
#include "broker/common/status_macros.h"
#include "tests/load/rabbitmq/bench_message.h"

namespace liaison::load::rabbitmq {

void DeliveryBoard::Delivered(absl::Time at) {
  absl::MutexLock lock(&mu_);
  ++delivered_;
  if (at > last_delivery_) last_delivery_ = at;
}

bool DeliveryBoard::AwaitDelivered(int64_t target, absl::Time deadline) {
  absl::MutexLock lock(&mu_);
  auto reached = [&]() ABSL_SHARED_LOCKS_REQUIRED(mu_) { return delivered_ >= target; };
  return mu_.AwaitWithDeadline(absl::Condition(&reached), deadline);
}

void DeliveryBoard::Stop() {
  absl::MutexLock lock(&mu_);
  stopped_ = true;
}

bool DeliveryBoard::stopped() const {
  absl::MutexLock lock(&mu_);
  return stopped_;
}

int64_t DeliveryBoard::delivered() const {
  absl::MutexLock lock(&mu_);
  return delivered_;
}

absl::Time DeliveryBoard::last_delivery() const {
  absl::MutexLock lock(&mu_);
  return last_delivery_;
}

absl::StatusOr<ConsumerStats> RunConsumer(const std::string& queue, int prefetch, AmqpConnection& connection,
                                          DeliveryBoard& board) {
  RETURN_IF_ERROR(connection.Consume(queue, prefetch));
  ConsumerStats stats;
  // The poll interval only bounds how long Stop takes to be noticed.
  constexpr absl::Duration kPoll = absl::Milliseconds(50);
  while (!board.stopped()) {
    absl::StatusOr<amqp_envelope_t> envelope = connection.NextDelivery(kPoll);
    if (absl::IsDeadlineExceeded(envelope.status())) continue;
    if (!envelope.ok()) return envelope.status();
    const absl::Time now = absl::Now();
    const absl::StatusOr<absl::Time> intended = ReadIntendedTime(absl::string_view(
        static_cast<const char*>(envelope->message.body.bytes), envelope->message.body.len));
    const uint64_t tag = envelope->delivery_tag;
    amqp_destroy_envelope(&*envelope);
    RETURN_IF_ERROR(connection.Ack(tag));
    if (!intended.ok()) {
      ++stats.errors;
      continue;
    }
    stats.e2e_latency.Record(now - *intended);
    ++stats.delivered;
    board.Delivered(now);
  }
  return stats;
}

}  // namespace liaison::load::rabbitmq
