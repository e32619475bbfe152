#ifndef LIAISON_TESTS_LOAD_RABBITMQ_PUBLISHER_H_
#define LIAISON_TESTS_LOAD_RABBITMQ_PUBLISHER_H_

#include <cstddef>
#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "tests/load/latency_histogram.h"
#include "tests/load/rabbitmq/amqp_connection.h"

namespace liaison::load::rabbitmq {

// What one publishing thread does.
struct PublisherPlan {
  std::string exchange;     // "" = the default exchange
  std::string routing_key;  // the queue, for the default exchange
  size_t message_bytes = 1024;
  // Open loop at rate_per_s from `start` until `end` (fixed), or closed loop
  // keeping `concurrency` unconfirmed messages outstanding (max).
  bool fixed_rate = false;
  double rate_per_s = 0;
  // Max mode: messages kept outstanding. Fixed mode: the in-flight bound; a
  // send due while it is reached is skipped and counted as dropped.
  int concurrency = 64;
  absl::Time start;
  absl::Time end;
  // After `end`, confirms are awaited until this time; messages still
  // unconfirmed then count as errors.
  absl::Time drain_deadline;
};

struct PublisherStats {
  int64_t sent = 0;
  int64_t acked = 0;    // covered by a basic.ack confirm
  int64_t errors = 0;   // nacked, or unconfirmed at the drain deadline
  int64_t dropped = 0;  // fixed mode: skipped at the in-flight bound
  LatencyHistogram ack_latency;  // intended send time -> confirm received
  absl::Time last_confirm = absl::InfinitePast();
};

// Puts `connection`'s channel in confirm mode and publishes persistent
// messages per `plan`, reading confirms on the same connection. Returns the
// counts, or the connection's error (UNAVAILABLE, FAILED_PRECONDITION) or an
// INVALID_ARGUMENT if the broker confirms a tag never published.
absl::StatusOr<PublisherStats> RunPublisher(const PublisherPlan& plan, AmqpConnection& connection);

}  // namespace liaison::load::rabbitmq

#endif  // LIAISON_TESTS_LOAD_RABBITMQ_PUBLISHER_H_
