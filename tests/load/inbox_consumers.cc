#include "tests/load/inbox_consumers.h"

#include <map>

#include "absl/time/clock.h"
#include "tests/load/callout_factory.h"

namespace liaison::load {

// One subscription stream, acknowledging on the same principal's stub.
// Owned by InboxConsumers; outlives its OnDone.
class InboxConsumers::Reader : public grpc::ClientReadReactor<v1::SubscribeResponse> {
 public:
  Reader(InboxConsumers* owner, v1::Inbox::Stub* stub, const Inbox& inbox)
      : owner_(owner), stub_(stub), principal_(inbox.principal) {
    SetPrincipal(owner->transport_, principal_, &context_);
    request_.set_recipient_id(inbox.recipient_id);
    request_.set_max_in_flight(1000);
    stub->async()->Subscribe(&context_, &request_, this);
    StartRead(&response_);
    StartCall();
  }
  void Cancel() { context_.TryCancel(); }

  void OnReadDone(bool ok) override {
    if (!ok) return;  // OnDone follows.
    owner_->OnAlert(response_.alert());
    Acknowledge(response_.alert());
    StartRead(&response_);
  }
  void OnDone(const grpc::Status& status) override {
    owner_->OnStreamDone(status.error_code() == grpc::StatusCode::CANCELLED, status.ok());
  }

 private:
  struct AckCall {
    grpc::ClientContext context;
    v1::AcknowledgeRequest request;
    v1::AcknowledgeResponse response;
  };

  void Acknowledge(const v1::Alert& alert) {
    auto* call = new AckCall;
    SetPrincipal(owner_->transport_, principal_, &call->context);
    call->request.set_alert_id(alert.alert_id());
    call->request.set_recipient_id(alert.recipient_id());
    InboxConsumers* owner = owner_;
    stub_->async()->Acknowledge(&call->context, &call->request, &call->response, [owner, call](grpc::Status status) {
      delete call;
      owner->OnAckDone(status.ok());
    });
  }

  InboxConsumers* owner_;
  v1::Inbox::Stub* stub_;
  std::string principal_;
  grpc::ClientContext context_;
  v1::SubscribeRequest request_;
  v1::SubscribeResponse response_;
};

InboxConsumers::InboxConsumers(Transport transport, std::string run_id, const std::vector<Inbox>& inboxes)
    : transport_(std::move(transport)), run_id_(std::move(run_id)) {
  {
    absl::MutexLock lock(&mu_);
    open_streams_ = static_cast<int>(inboxes.size());
  }
  // One connection per principal, as one inbox client per principal would.
  std::map<std::string, v1::Inbox::Stub*> by_principal;
  for (const Inbox& inbox : inboxes) {
    auto& stub = by_principal[inbox.principal];
    if (stub == nullptr) {
      channels_.push_back(MakeChannel(transport_, inbox.principal, 1000 + static_cast<int>(channels_.size())));
      stubs_.push_back(v1::Inbox::NewStub(channels_.back()));
      stub = stubs_.back().get();
    }
    readers_.push_back(std::make_unique<Reader>(this, stub, inbox));
  }
}

InboxConsumers::~InboxConsumers() {
  for (auto& reader : readers_) reader->Cancel();
  absl::MutexLock lock(&mu_);
  mu_.Await(absl::Condition(
      +[](InboxConsumers* self)
           ABSL_EXCLUSIVE_LOCKS_REQUIRED(self->mu_) { return self->open_streams_ == 0 && self->pending_acks_ == 0; },
      this));
}

void InboxConsumers::OnAlert(const v1::Alert& alert) {
  const absl::Time now = absl::Now();
  const auto decoded = DecodeSourceRef(alert.notification().source_ref(), run_id_);
  absl::MutexLock lock(&mu_);
  ++pending_acks_;
  if (!decoded.has_value()) {
    ++other_runs_;
    return;
  }
  if (!seen_.insert(alert.alert_id()).second) {
    ++duplicates_;
    return;
  }
  ++delivered_;
  e2e_.Record(now - decoded->intended);
}

void InboxConsumers::OnAckDone(bool ok) {
  absl::MutexLock lock(&mu_);
  --pending_acks_;
  if (!ok) ++ack_errors_;
}

void InboxConsumers::OnStreamDone(bool cancelled, bool ok) {
  absl::MutexLock lock(&mu_);
  --open_streams_;
  if (!cancelled && !ok) ++stream_errors_;
}

uint64_t InboxConsumers::delivered() const {
  absl::MutexLock lock(&mu_);
  return delivered_;
}
uint64_t InboxConsumers::other_runs() const {
  absl::MutexLock lock(&mu_);
  return other_runs_;
}
uint64_t InboxConsumers::duplicates() const {
  absl::MutexLock lock(&mu_);
  return duplicates_;
}
uint64_t InboxConsumers::ack_errors() const {
  absl::MutexLock lock(&mu_);
  return ack_errors_;
}
uint64_t InboxConsumers::stream_errors() const {
  absl::MutexLock lock(&mu_);
  return stream_errors_;
}
LatencyHistogram InboxConsumers::e2e_latency() const {
  absl::MutexLock lock(&mu_);
  return e2e_;
}

bool InboxConsumers::WaitForDelivered(uint64_t count, absl::Duration timeout) const {
  absl::MutexLock lock(&mu_);
  struct Arg {
    const InboxConsumers* self;
    uint64_t count;
  } arg{this, count};
  return mu_.AwaitWithTimeout(
      absl::Condition(
          +[](Arg* a) ABSL_NO_THREAD_SAFETY_ANALYSIS { return a->self->delivered_ >= a->count; }, &arg),
      timeout);
}

void InboxConsumers::Reset() {
  absl::MutexLock lock(&mu_);
  delivered_ = 0;
  duplicates_ = 0;
  e2e_ = LatencyHistogram();
}

}  // namespace liaison::load
