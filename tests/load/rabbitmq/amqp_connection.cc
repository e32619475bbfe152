#include "tests/load/rabbitmq/amqp_connection.h"

#include <amqp_tcp_socket.h>
#include <sys/time.h>

#include "absl/strings/str_cat.h"
#include "broker/common/status_macros.h"

namespace liaison::load::rabbitmq {
namespace {

amqp_bytes_t Bytes(absl::string_view s) { return amqp_bytes_t{s.size(), const_cast<char*>(s.data())}; }

timeval TimevalFor(absl::Duration d) {
  if (d < absl::ZeroDuration()) d = absl::ZeroDuration();
  return absl::ToTimeval(d);
}

absl::Status LibraryError(int code, absl::string_view what) {
  return absl::UnavailableError(absl::StrCat(what, ": ", amqp_error_string2(code)));
}

}  // namespace

absl::Status ReplyToStatus(const amqp_rpc_reply_t& reply, absl::string_view what) {
  switch (reply.reply_type) {
    case AMQP_RESPONSE_NORMAL:
      return absl::OkStatus();
    case AMQP_RESPONSE_NONE:
      return absl::UnavailableError(absl::StrCat(what, ": no reply from the broker"));
    case AMQP_RESPONSE_LIBRARY_EXCEPTION:
      return LibraryError(reply.library_error, what);
    case AMQP_RESPONSE_SERVER_EXCEPTION:
      break;
  }
  if (reply.reply.id == AMQP_CHANNEL_CLOSE_METHOD) {
    const auto* close = static_cast<const amqp_channel_close_t*>(reply.reply.decoded);
    return absl::FailedPreconditionError(absl::StrCat(what, ": channel closed by the broker: ", close->reply_code, " ",
                                                      absl::string_view(static_cast<const char*>(close->reply_text.bytes),
                                                                        close->reply_text.len)));
  }
  if (reply.reply.id == AMQP_CONNECTION_CLOSE_METHOD) {
    const auto* close = static_cast<const amqp_connection_close_t*>(reply.reply.decoded);
    return absl::FailedPreconditionError(absl::StrCat(what, ": connection closed by the broker: ", close->reply_code,
                                                      " ",
                                                      absl::string_view(static_cast<const char*>(close->reply_text.bytes),
                                                                        close->reply_text.len)));
  }
  return absl::FailedPreconditionError(absl::StrCat(what, ": unexpected broker method ", reply.reply.id));
}

absl::StatusOr<std::unique_ptr<AmqpConnection>> AmqpConnection::Open(const AmqpEndpoint& endpoint) {
  amqp_connection_state_t state = amqp_new_connection();
  if (state == nullptr) return absl::ResourceExhaustedError("amqp_new_connection failed");
  std::unique_ptr<AmqpConnection> connection(new AmqpConnection(state));
  amqp_socket_t* socket = amqp_tcp_socket_new(state);
  if (socket == nullptr) return absl::ResourceExhaustedError("amqp_tcp_socket_new failed");
  timeval connect_timeout = TimevalFor(absl::Seconds(10));
  if (int rc = amqp_socket_open_noblock(socket, endpoint.host.c_str(), endpoint.port, &connect_timeout); rc != 0) {
    return LibraryError(rc, absl::StrCat("connecting to ", endpoint.host, ":", endpoint.port));
  }
  RETURN_IF_ERROR(ReplyToStatus(amqp_login(state, "/", 0, AMQP_DEFAULT_FRAME_SIZE, /*heartbeat=*/0,
                                           AMQP_SASL_METHOD_PLAIN, endpoint.user.c_str(), endpoint.password.c_str()),
                                "login"));
  amqp_channel_open(state, kChannel);
  RETURN_IF_ERROR(connection->RpcStatus("channel.open"));
  connection->channel_open_ = true;
  return connection;
}

AmqpConnection::~AmqpConnection() {
  if (channel_open_) amqp_channel_close(state_, kChannel, AMQP_REPLY_SUCCESS);
  amqp_connection_close(state_, AMQP_REPLY_SUCCESS);
  amqp_destroy_connection(state_);
}

absl::Status AmqpConnection::RpcStatus(absl::string_view what) {
  absl::Status status = ReplyToStatus(amqp_get_rpc_reply(state_), what);
  if (!status.ok()) channel_open_ = false;
  return status;
}

absl::Status AmqpConnection::DeclareQuorumQueue(absl::string_view queue) {
  amqp_table_entry_t type;
  type.key = amqp_cstring_bytes("x-queue-type");
  type.value.kind = AMQP_FIELD_KIND_UTF8;
  type.value.value.bytes = amqp_cstring_bytes("quorum");
  const amqp_table_t arguments{1, &type};
  amqp_queue_declare(state_, kChannel, Bytes(queue), /*passive=*/0, /*durable=*/1, /*exclusive=*/0,
                     /*auto_delete=*/0, arguments);
  return RpcStatus(absl::StrCat("declaring quorum queue ", queue));
}

absl::Status AmqpConnection::DeleteQueue(absl::string_view queue) {
  amqp_queue_delete(state_, kChannel, Bytes(queue), /*if_unused=*/0, /*if_empty=*/0);
  return RpcStatus(absl::StrCat("deleting queue ", queue));
}

absl::Status AmqpConnection::DeclareFanoutExchange(absl::string_view exchange) {
  amqp_exchange_declare(state_, kChannel, Bytes(exchange), amqp_cstring_bytes("fanout"), /*passive=*/0,
                        /*durable=*/1, /*auto_delete=*/0, /*internal=*/0, amqp_empty_table);
  return RpcStatus(absl::StrCat("declaring fanout exchange ", exchange));
}

absl::Status AmqpConnection::DeleteExchange(absl::string_view exchange) {
  amqp_exchange_delete(state_, kChannel, Bytes(exchange), /*if_unused=*/0);
  return RpcStatus(absl::StrCat("deleting exchange ", exchange));
}

absl::Status AmqpConnection::Bind(absl::string_view queue, absl::string_view exchange) {
  amqp_queue_bind(state_, kChannel, Bytes(queue), Bytes(exchange), amqp_empty_bytes, amqp_empty_table);
  return RpcStatus(absl::StrCat("binding ", queue, " to ", exchange));
}

absl::Status AmqpConnection::SelectConfirms() {
  amqp_confirm_select(state_, kChannel);
  return RpcStatus("confirm.select");
}

absl::Status AmqpConnection::Publish(absl::string_view exchange, absl::string_view routing_key,
                                     absl::string_view body) {
  amqp_basic_properties_t props;
  props._flags = AMQP_BASIC_DELIVERY_MODE_FLAG;
  props.delivery_mode = AMQP_DELIVERY_PERSISTENT;
  int rc = amqp_basic_publish(state_, kChannel, Bytes(exchange), Bytes(routing_key), /*mandatory=*/0,
                              /*immediate=*/0, &props, Bytes(body));
  return rc == AMQP_STATUS_OK ? absl::OkStatus() : LibraryError(rc, "basic.publish");
}

absl::StatusOr<amqp_frame_t> AmqpConnection::WaitFrame(absl::Duration timeout) {
  amqp_frame_t frame;
  timeval tv = TimevalFor(timeout);
  int rc = amqp_simple_wait_frame_noblock(state_, &frame, &tv);
  if (rc == AMQP_STATUS_TIMEOUT) return absl::DeadlineExceededError("no frame");
  if (rc != AMQP_STATUS_OK) return LibraryError(rc, "waiting for a frame");
  return frame;
}

absl::Status AmqpConnection::Consume(absl::string_view queue, int prefetch) {
  amqp_basic_qos(state_, kChannel, 0, static_cast<uint16_t>(prefetch), /*global=*/0);
  RETURN_IF_ERROR(RpcStatus("basic.qos"));
  amqp_basic_consume(state_, kChannel, Bytes(queue), amqp_empty_bytes, /*no_local=*/0, /*no_ack=*/0,
                     /*exclusive=*/0, amqp_empty_table);
  return RpcStatus(absl::StrCat("consuming ", queue));
}

absl::StatusOr<amqp_envelope_t> AmqpConnection::NextDelivery(absl::Duration timeout) {
  amqp_maybe_release_buffers(state_);
  amqp_envelope_t envelope;
  timeval tv = TimevalFor(timeout);
  const amqp_rpc_reply_t reply = amqp_consume_message(state_, &envelope, &tv, 0);
  if (reply.reply_type == AMQP_RESPONSE_LIBRARY_EXCEPTION && reply.library_error == AMQP_STATUS_TIMEOUT) {
    return absl::DeadlineExceededError("no delivery");
  }
  RETURN_IF_ERROR(ReplyToStatus(reply, "waiting for a delivery"));
  return envelope;
}

absl::Status AmqpConnection::Ack(uint64_t delivery_tag) {
  int rc = amqp_basic_ack(state_, kChannel, delivery_tag, /*multiple=*/0);
  return rc == AMQP_STATUS_OK ? absl::OkStatus() : LibraryError(rc, "basic.ack");
}

}  // namespace liaison::load::rabbitmq
