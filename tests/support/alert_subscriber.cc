#include "tests/support/alert_subscriber.h"

#include <algorithm>

#include "absl/time/clock.h"
#include "broker/common/proto_time.h"
#include "liaison/v1/inbox_service.grpc.pb.h"

namespace liaison::testing {

AlertSubscriber::AlertSubscriber(ChannelSource source, std::string recipient_id, uint64_t after_sequence,
                                 bool pipelined_acks)
    : source_(std::move(source)),
      recipient_id_(std::move(recipient_id)),
      pipelined_acks_(pipelined_acks),
      cursor_(after_sequence) {
  thread_ = std::thread([this] { Run(); });
}

void AlertSubscriber::Stop() {
  {
    absl::MutexLock lock(&mu_);
    stop_ = true;
    if (stream_ != nullptr) stream_->TryCancel();
  }
  if (thread_.joinable()) thread_.join();
}

void AlertSubscriber::Run() {
  while (true) {
    std::shared_ptr<grpc::Channel> channel = source_();
    if (channel != nullptr) Follow(channel);
    absl::MutexLock lock(&mu_);
    if (stop_) return;
    // A client's reconnect backoff; Stop ends it at once.
    mu_.AwaitWithTimeout(absl::Condition(&stop_), absl::Milliseconds(20));
    if (stop_) return;
  }
}

void AlertSubscriber::Follow(const std::shared_ptr<grpc::Channel>& channel) {
  auto stub = v1::Inbox::NewStub(channel);
  grpc::ClientContext ctx;
  v1::SubscribeRequest request;
  request.set_recipient_id(recipient_id_);
  {
    absl::MutexLock lock(&mu_);
    if (stop_) return;
    stream_ = &ctx;
    request.set_after_sequence(cursor_);
    ++streams_;
  }
  auto reader = stub->Subscribe(&ctx, request);
  v1::SubscribeResponse response;
  while (reader->Read(&response)) {
    const v1::Alert& alert = response.alert();
    Receive(alert.alert_id(), alert.sequence(), FromProtoTime(alert.created_at()));
    // A lost acknowledgement only means a redelivery (counted).
    if (pipelined_acks_) {
      struct Call {
        grpc::ClientContext ctx;
        v1::AcknowledgeRequest request;
        v1::AcknowledgeResponse response;
      };
      auto* call = new Call;
      call->ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
      call->request.set_alert_id(alert.alert_id());
      {
        absl::MutexLock lock(&mu_);
        ++acks_in_flight_;
      }
      stub->async()->Acknowledge(&call->ctx, &call->request, &call->response, [this, call](grpc::Status) {
        delete call;
        absl::MutexLock lock(&mu_);
        --acks_in_flight_;
      });
      continue;
    }
    grpc::ClientContext ack_ctx;
    ack_ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    v1::AcknowledgeRequest ack;
    ack.set_alert_id(alert.alert_id());
    v1::AcknowledgeResponse acked;
    stub->Acknowledge(&ack_ctx, ack, &acked).IgnoreError();
  }
  reader->Finish().IgnoreError();
  absl::MutexLock lock(&mu_);
  stream_ = nullptr;
  // The stub goes with this stream: its calls finish first (each has a
  // deadline).
  auto drained = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return acks_in_flight_ == 0; };
  mu_.Await(absl::Condition(&drained));
}

void AlertSubscriber::Receive(const std::string& alert_id, uint64_t sequence, absl::Time created_at) {
  absl::MutexLock lock(&mu_);
  cursor_ = std::max(cursor_, sequence);
  if (!received_.emplace(alert_id, sequence).second) {
    ++duplicates_;
    return;
  }
  latencies_.push_back(absl::Now() - created_at);
}

std::vector<std::string> AlertSubscriber::AwaitAll(const std::set<std::string>& alert_ids, absl::Duration timeout) {
  const absl::Time deadline = absl::Now() + timeout;
  std::vector<std::string> missing(alert_ids.begin(), alert_ids.end());
  absl::MutexLock lock(&mu_);
  while (true) {
    missing.erase(std::remove_if(missing.begin(), missing.end(),
                                 [&](const std::string& id) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
                                   return received_.contains(id);
                                 }),
                  missing.end());
    if (missing.empty() || absl::Now() >= deadline) return missing;
    // absl::Mutex evaluates a waiter's condition on every unlock, on the
    // subscriber's own thread: keep it a comparison, and look through the
    // missing ids again only once a fair share of them could have come.
    const size_t wake_at = received_.size() + std::max<size_t>(1, missing.size() / 8);
    auto grown = [&]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return received_.size() >= wake_at; };
    mu_.AwaitWithDeadline(absl::Condition(&grown), std::min(deadline, absl::Now() + absl::Milliseconds(200)));
  }
}

std::map<std::string, uint64_t> AlertSubscriber::received() const {
  absl::MutexLock lock(&mu_);
  return received_;
}

uint64_t AlertSubscriber::duplicates() const {
  absl::MutexLock lock(&mu_);
  return duplicates_;
}

int AlertSubscriber::streams() const {
  absl::MutexLock lock(&mu_);
  return streams_;
}

std::vector<absl::Duration> AlertSubscriber::delivery_latencies() const {
  absl::MutexLock lock(&mu_);
  return latencies_;
}

}  // namespace liaison::testing
