#ifndef LIAISON_TESTS_LOAD_RABBITMQ_CONFIRM_TRACKER_H_
#define LIAISON_TESTS_LOAD_RABBITMQ_CONFIRM_TRACKER_H_

#include <cstdint>
#include <map>

#include "absl/functional/function_ref.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace liaison::load::rabbitmq {

// Publisher-confirm bookkeeping for one AMQP channel in confirm mode. After
// confirm.select the broker numbers the channel's publishes 1, 2, 3, ... and
// answers each with basic.ack or basic.nack carrying a delivery tag; with
// multiple=true the answer covers every outstanding tag up to and including
// it. A message counts as acknowledged only when such an ack covers it.
// Not thread-safe: one per publishing connection.
class ConfirmTracker {
 public:
  // Records the next publish on the channel, which the broker will know by
  // the returned delivery tag. `intended` is what latency is measured from.
  uint64_t Published(absl::Time intended);

  // Settles the message `delivery_tag` (multiple=false) or every outstanding
  // message with a tag <= `delivery_tag` (multiple=true), calling `settled`
  // with each one's intended send time in tag order. Returns how many were
  // settled. INVALID_ARGUMENT if a single tag is not outstanding, or a
  // multiple settles nothing while naming a tag never published: the broker
  // and this tracker disagree, and the run's counts cannot be trusted.
  absl::StatusOr<int64_t> Settle(uint64_t delivery_tag, bool multiple, absl::FunctionRef<void(absl::Time)> settled);

  // Messages published and not yet settled.
  int64_t outstanding() const { return static_cast<int64_t>(pending_.size()); }
  // The tag the last Published returned (0 before any).
  uint64_t last_tag() const { return next_tag_ - 1; }

 private:
  uint64_t next_tag_ = 1;
  std::map<uint64_t, absl::Time> pending_;  // delivery tag -> intended send time
};

}  // namespace liaison::load::rabbitmq

#endif  // LIAISON_TESTS_LOAD_RABBITMQ_CONFIRM_TRACKER_H_
