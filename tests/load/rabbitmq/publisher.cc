#include "tests/load/rabbitmq/publisher.h"

#include <cmath>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "broker/common/status_macros.h"
#include "tests/load/rabbitmq/bench_message.h"
#include "tests/load/rabbitmq/confirm_tracker.h"
#include "tests/load/rabbitmq/open_loop_schedule.h"

namespace liaison::load::rabbitmq {
namespace {

// Publishing and confirm handling for one run on one connection.
class PublisherLoop {
 public:
  PublisherLoop(const PublisherPlan& plan, AmqpConnection& connection)
      : plan_(plan), connection_(connection), body_(MakeBenchBody(plan.message_bytes)) {}

  absl::StatusOr<PublisherStats> Run() {
    RETURN_IF_ERROR(connection_.SelectConfirms());
    RETURN_IF_ERROR(plan_.fixed_rate ? RunFixed() : RunMax());
    while (tracker_.outstanding() > 0 && absl::Now() < plan_.drain_deadline) {
      RETURN_IF_ERROR(Pump(plan_.drain_deadline - absl::Now()));
    }
    stats_.errors += tracker_.outstanding();  // never confirmed
    return std::move(stats_);
  }

 private:
  absl::Status RunMax() {
    for (absl::Time now = absl::Now(); now < plan_.end; now = absl::Now()) {
      while (tracker_.outstanding() < plan_.concurrency) RETURN_IF_ERROR(Publish(absl::Now()));
      RETURN_IF_ERROR(Pump(plan_.end - now));
    }
    return absl::OkStatus();
  }

  absl::Status RunFixed() {
    const auto total = static_cast<int64_t>(std::floor(plan_.rate_per_s * absl::ToDoubleSeconds(plan_.end - plan_.start)));
    const OpenLoopSchedule schedule(plan_.start, plan_.rate_per_s, total);
    int64_t next = 0;
    while (next < total) {
      for (const int64_t due = schedule.DueBy(absl::Now()); next < due; ++next) {
        if (tracker_.outstanding() >= plan_.concurrency) {
          ++stats_.dropped;
        } else {
          RETURN_IF_ERROR(Publish(schedule.IntendedTime(next)));
        }
      }
      if (next < total) RETURN_IF_ERROR(Pump(schedule.IntendedTime(next) - absl::Now()));
    }
    return absl::OkStatus();
  }

  absl::Status Publish(absl::Time intended) {
    StampIntendedTime(body_, intended);
    tracker_.Published(intended);
    ++stats_.sent;
    return connection_.Publish(plan_.exchange, plan_.routing_key, body_);
  }

  // Handles the frames that arrive within `timeout` (at least one wait),
  // then those already buffered.
  absl::Status Pump(absl::Duration timeout) {
    amqp_maybe_release_buffers(connection_.state());
    absl::StatusOr<amqp_frame_t> frame = connection_.WaitFrame(timeout);
    while (frame.ok()) {
      RETURN_IF_ERROR(Handle(*frame));
      if (!amqp_frames_enqueued(connection_.state()) && !amqp_data_in_buffer(connection_.state())) break;
      frame = connection_.WaitFrame(absl::ZeroDuration());
    }
    return frame.ok() || absl::IsDeadlineExceeded(frame.status()) ? absl::OkStatus() : frame.status();
  }

  absl::Status Handle(const amqp_frame_t& frame) {
    if (frame.frame_type != AMQP_FRAME_METHOD) return absl::OkStatus();
    const amqp_method_t& method = frame.payload.method;
    const absl::Time now = absl::Now();
    switch (method.id) {
      case AMQP_BASIC_ACK_METHOD: {
        const auto* ack = static_cast<const amqp_basic_ack_t*>(method.decoded);
        ASSIGN_OR_RETURN(int64_t n, tracker_.Settle(ack->delivery_tag, ack->multiple != 0, [&](absl::Time intended) {
          stats_.ack_latency.Record(now - intended);
        }));
        stats_.acked += n;
        stats_.last_confirm = now;
        return absl::OkStatus();
      }
      case AMQP_BASIC_NACK_METHOD: {
        const auto* nack = static_cast<const amqp_basic_nack_t*>(method.decoded);
        ASSIGN_OR_RETURN(int64_t n, tracker_.Settle(nack->delivery_tag, nack->multiple != 0, [](absl::Time) {}));
        stats_.errors += n;
        stats_.last_confirm = now;
        return absl::OkStatus();
      }
      case AMQP_CHANNEL_CLOSE_METHOD:
      case AMQP_CONNECTION_CLOSE_METHOD: {
        amqp_rpc_reply_t reply{};
        reply.reply_type = AMQP_RESPONSE_SERVER_EXCEPTION;
        reply.reply = method;
        return ReplyToStatus(reply, "publishing");
      }
      default:
        return absl::OkStatus();
    }
  }

  const PublisherPlan& plan_;
  AmqpConnection& connection_;
  std::string body_;
  ConfirmTracker tracker_;
  PublisherStats stats_;
};

}  // namespace

absl::StatusOr<PublisherStats> RunPublisher(const PublisherPlan& plan, AmqpConnection& connection) {
  return PublisherLoop(plan, connection).Run();
}

}  // namespace liaison::load::rabbitmq
