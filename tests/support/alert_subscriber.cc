#include "tests/support/alert_subscriber.h"

#include "absl/time/clock.h"
#include "broker/common/proto_time.h"
#include "liaison/v1/inbox_service.grpc.pb.h"

namespace liaison::testing {

AlertSubscriber::AlertSubscriber(ChannelSource source, std::string recipient_id, uint64_t after_sequence)
    : source_(std::move(source)), recipient_id_(std::move(recipient_id)), cursor_(after_sequence) {
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
    grpc::ClientContext ack_ctx;
    ack_ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    v1::AcknowledgeRequest ack;
    ack.set_alert_id(alert.alert_id());
    v1::AcknowledgeResponse acked;
    // A lost acknowledgement only means a redelivery (counted).
    stub->Acknowledge(&ack_ctx, ack, &acked).IgnoreError();
  }
  reader->Finish().IgnoreError();
  absl::MutexLock lock(&mu_);
  stream_ = nullptr;
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
  absl::MutexLock lock(&mu_);
  auto all = [&]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    for (const std::string& id : alert_ids) {
      if (!received_.contains(id)) return false;
    }
    return true;
  };
  mu_.AwaitWithTimeout(absl::Condition(&all), timeout);
  std::vector<std::string> missing;
  for (const std::string& id : alert_ids) {
    if (!received_.contains(id)) missing.push_back(id);
  }
  return missing;
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
