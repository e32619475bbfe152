#ifndef LIAISON_TESTS_LOAD_RABBITMQ_AMQP_CONNECTION_H_
#define LIAISON_TESTS_LOAD_RABBITMQ_AMQP_CONNECTION_H_

#include <amqp.h>

#include <cstdint>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace liaison::load::rabbitmq {

struct AmqpEndpoint {
  std::string host = "127.0.0.1";
  int port = 5672;
  std::string user = "guest";
  std::string password = "guest";
};

// One rabbitmq-c connection with one open channel (number 1). rabbitmq-c
// connections are not thread-safe: each thread opens its own and is the only
// one to touch it. Every method returns UNAVAILABLE when the socket or the
// broker fails, and the broker's reply code and text when it refuses (a
// refused operation closes the channel or connection: open a new one).
class AmqpConnection {
 public:
  static constexpr amqp_channel_t kChannel = 1;

  // Connects, logs in (no heartbeats) and opens channel 1.
  static absl::StatusOr<std::unique_ptr<AmqpConnection>> Open(const AmqpEndpoint& endpoint);
  ~AmqpConnection();
  AmqpConnection(const AmqpConnection&) = delete;
  AmqpConnection& operator=(const AmqpConnection&) = delete;

  // A durable quorum queue (x-queue-type=quorum), created if absent.
  absl::Status DeclareQuorumQueue(absl::string_view queue);
  // Deletes `queue` and its messages; OK if it does not exist.
  absl::Status DeleteQueue(absl::string_view queue);
  // A durable fanout exchange, and a binding of `queue` to it.
  absl::Status DeclareFanoutExchange(absl::string_view exchange);
  absl::Status DeleteExchange(absl::string_view exchange);
  absl::Status Bind(absl::string_view queue, absl::string_view exchange);

  // Puts the channel in confirm mode (confirm.select).
  absl::Status SelectConfirms();
  // Publishes a persistent message (delivery_mode 2), not mandatory.
  absl::Status Publish(absl::string_view exchange, absl::string_view routing_key, absl::string_view body);
  // Waits up to `timeout` for the next frame on this connection. Returns
  // DEADLINE_EXCEEDED if none arrived; the frame otherwise (its decoded
  // method stays valid until the next call).
  absl::StatusOr<amqp_frame_t> WaitFrame(absl::Duration timeout);

  // Sets the prefetch (basic.qos) and starts consuming `queue` with manual
  // acknowledgements.
  absl::Status Consume(absl::string_view queue, int prefetch);
  // Waits up to `timeout` for a delivery; DEADLINE_EXCEEDED if none. The
  // envelope is the caller's to amqp_destroy_envelope.
  absl::StatusOr<amqp_envelope_t> NextDelivery(absl::Duration timeout);
  absl::Status Ack(uint64_t delivery_tag);

  amqp_connection_state_t state() { return state_; }

 private:
  explicit AmqpConnection(amqp_connection_state_t state) : state_(state) {}
  // The last synchronous RPC's outcome as a status; `what` names it.
  absl::Status RpcStatus(absl::string_view what);

  amqp_connection_state_t state_;
  bool channel_open_ = false;
};

// A rabbitmq-c reply as a status: OK, UNAVAILABLE for library (socket)
// errors, FAILED_PRECONDITION naming the broker's reply code and text.
absl::Status ReplyToStatus(const amqp_rpc_reply_t& reply, absl::string_view what);

}  // namespace liaison::load::rabbitmq

#endif  // LIAISON_TESTS_LOAD_RABBITMQ_AMQP_CONNECTION_H_
