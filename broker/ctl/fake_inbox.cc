// FakeInbox, declared in fake_broker.h.

#include <algorithm>
#include <utility>

#include "absl/time/clock.h"
#include "broker/ctl/fake_broker.h"

namespace liaison::ctl::testing {
namespace {

constexpr uint32_t kDefaultPageSize = 2;

}  // namespace

void FakeInbox::AddAlert(v1::Alert alert) {
  absl::MutexLock lock(&mu_);
  alerts_.push_back(std::move(alert));
}

void FakeInbox::set_end_streams(bool end) {
  absl::MutexLock lock(&mu_);
  end_streams_ = end;
}

bool FakeInbox::WaitForRoom(grpc::ServerContext* context, uint32_t max_in_flight) {
  if (max_in_flight == 0) return true;
  const auto has_room = [this, max_in_flight]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    size_t outstanding = 0;
    for (const std::string& id : delivered_ids_) {
      if (std::find(acknowledged_.begin(), acknowledged_.end(), id) == acknowledged_.end()) {
        ++outstanding;
      }
    }
    return outstanding < max_in_flight;
  };
  // Polls for cancellation: a waiting stream has no other way to hear of it.
  while (!context->IsCancelled()) {
    absl::MutexLock lock(&mu_);
    if (mu_.AwaitWithTimeout(absl::Condition(&has_room), absl::Milliseconds(10))) return true;
  }
  return false;
}

grpc::Status FakeInbox::Subscribe(grpc::ServerContext* context, const v1::SubscribeRequest* request,
                                  grpc::ServerWriter<v1::SubscribeResponse>* writer) {
  std::vector<v1::Alert> backlog;
  bool end = false;
  {
    absl::MutexLock lock(&mu_);
    subscribe_requests_.push_back(*request);
    principals_.push_back(PrincipalOf(context));
    for (const v1::Alert& alert : alerts_) {
      if (alert.recipient_id() == request->recipient_id() &&
          alert.sequence() > request->after_sequence()) {
        backlog.push_back(alert);
      }
    }
    end = end_streams_;
  }
  for (v1::Alert& alert : backlog) {
    if (!WaitForRoom(context, request->max_in_flight())) return grpc::Status::CANCELLED;
    alert.set_delivery_attempt(1);
    v1::SubscribeResponse response;
    *response.mutable_alert() = alert;
    if (!writer->Write(response)) return grpc::Status::CANCELLED;
    absl::MutexLock lock(&mu_);
    delivered_ids_.insert(alert.alert_id());
    ++delivered_;
  }
  if (end) return grpc::Status::OK;
  while (!context->IsCancelled()) absl::SleepFor(absl::Milliseconds(5));
  return grpc::Status::CANCELLED;
}

grpc::Status FakeInbox::ListAlerts(grpc::ServerContext* context,
                                   const v1::ListAlertsRequest* request,
                                   v1::ListAlertsResponse* response) {
  absl::MutexLock lock(&mu_);
  list_requests_.push_back(*request);
  principals_.push_back(PrincipalOf(context));
  const uint32_t page_size = request->page_size() == 0 ? kDefaultPageSize : request->page_size();
  for (const v1::Alert& alert : alerts_) {
    if (alert.recipient_id() != request->recipient_id() ||
        alert.sequence() <= request->after_sequence()) {
      continue;
    }
    if (!request->include_acknowledged() && alert.state() == v1::ALERT_STATE_ACKNOWLEDGED) {
      continue;
    }
    if (static_cast<uint32_t>(response->alerts_size()) == page_size) {
      // There is more: continue after the last one returned.
      response->set_next_after_sequence(response->alerts(response->alerts_size() - 1).sequence());
      break;
    }
    *response->add_alerts() = alert;
  }
  return grpc::Status::OK;
}

grpc::Status FakeInbox::GetAlert(grpc::ServerContext* context, const v1::GetAlertRequest* request,
                                 v1::Alert* response) {
  absl::MutexLock lock(&mu_);
  principals_.push_back(PrincipalOf(context));
  for (const v1::Alert& alert : alerts_) {
    if (alert.alert_id() == request->alert_id()) {
      *response = alert;
      return grpc::Status::OK;
    }
  }
  return grpc::Status(grpc::StatusCode::NOT_FOUND, "no such alert");
}

grpc::Status FakeInbox::Acknowledge(grpc::ServerContext* context,
                                    const v1::AcknowledgeRequest* request,
                                    v1::AcknowledgeResponse* response) {
  absl::MutexLock lock(&mu_);
  principals_.push_back(PrincipalOf(context));
  const auto alert = std::find_if(alerts_.begin(), alerts_.end(), [&](const v1::Alert& a) {
    return a.alert_id() == request->alert_id();
  });
  if (alert == alerts_.end()) return grpc::Status(grpc::StatusCode::NOT_FOUND, "no such alert");
  response->set_already_acknowledged(alert->state() == v1::ALERT_STATE_ACKNOWLEDGED);
  alert->set_state(v1::ALERT_STATE_ACKNOWLEDGED);
  acknowledged_.push_back(request->alert_id());
  return grpc::Status::OK;
}

std::vector<std::string> FakeInbox::acknowledged() const {
  absl::MutexLock lock(&mu_);
  return acknowledged_;
}

std::vector<v1::ListAlertsRequest> FakeInbox::list_requests() const {
  absl::MutexLock lock(&mu_);
  return list_requests_;
}

std::vector<v1::SubscribeRequest> FakeInbox::subscribe_requests() const {
  absl::MutexLock lock(&mu_);
  return subscribe_requests_;
}

std::vector<std::string> FakeInbox::principals() const {
  absl::MutexLock lock(&mu_);
  return principals_;
}

void FakeInbox::WaitForDelivered(size_t n) const {
  const auto delivered = [this, n]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return delivered_ >= n; };
  absl::MutexLock lock(&mu_);
  mu_.Await(absl::Condition(&delivered));
}

}  // namespace liaison::ctl::testing
