// The fake Policy service (fake_broker.h).

#include "broker/ctl/fake_broker.h"
#include "google/protobuf/text_format.h"

namespace liaison::ctl::testing {

v1::PolicyExplanation FakePolicy::Explanation() {
  v1::PolicyExplanation explanation;
  google::protobuf::TextFormat::ParseFromString(
      R"pb(
        policy_version: "fake@0123456789abcdef"
        rule_ids: "callout/domestic-abuse"
        legal_basis: "Crime and Disorder Act 1998 s.115"
        priority: PRIORITY_SAME_DAY
        deliveries {
          recipient_id: "N07P1001"
          role: RECIPIENT_ROLE_OFFENDER_MANAGER
          crn: "X123456"
          priority: PRIORITY_SAME_DAY
          legal_basis: "Crime and Disorder Act 1998 s.115"
          rule_ids: "callout/domestic-abuse"
          ack_deadline_seconds: 28800
          escalation { recipient_id: "N07M0001" role: RECIPIENT_ROLE_MANAGER }
          escalation { recipient_id: "N07-DUTY" role: RECIPIENT_ROLE_DUTY_INBOX }
          visible: "subject.name"
          visible: "police_callout.summary"
          withheld: "related_people[1].person"
        }
        rules {
          rule_id: "arrest/under-supervision"
          effect: EFFECT_PERMIT
          crn: "X123456"
          link: LINK_SUBJECT
          why: "kinds: the notification is a POLICE_CALLOUT"
        }
        rules {
          rule_id: "callout/domestic-abuse"
          effect: EFFECT_PERMIT
          crn: "X123456"
          link: LINK_SUBJECT
          fired: true
          why: "held: kinds, callout_incident_types"
        }
      )pb",
      &explanation);
  return explanation;
}

grpc::Status FakePolicy::Explain(grpc::ServerContext* context, const v1::ExplainPolicyRequest* request,
                                 v1::PolicyExplanation* response) {
  absl::MutexLock lock(&mu_);
  principals_.push_back(PrincipalOf(context));
  explain_requests_.push_back(*request);
  if (request->crn() == "X404404") return grpc::Status(grpc::StatusCode::NOT_FOUND, "crn: no such offender");
  *response = Explanation();
  return grpc::Status::OK;
}

grpc::Status FakePolicy::Reload(grpc::ServerContext* context, const v1::ReloadPolicyRequest* request,
                                v1::ReloadPolicyResponse* response) {
  absl::MutexLock lock(&mu_);
  principals_.push_back(PrincipalOf(context));
  ++reload_calls_;
  if (!reload_refusal_.empty()) return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, reload_refusal_);
  response->set_version(kNextVersion);
  response->set_previous_version(kVersion);
  response->set_origin(kOrigin);
  return grpc::Status::OK;
}

grpc::Status FakePolicy::GetPolicy(grpc::ServerContext* context, const v1::GetPolicyRequest* request,
                                   v1::PolicyInfo* response) {
  absl::MutexLock lock(&mu_);
  principals_.push_back(PrincipalOf(context));
  response->set_version(kVersion);
  response->set_origin(kOrigin);
  return grpc::Status::OK;
}

void FakePolicy::set_reload_refusal(std::string report) {
  absl::MutexLock lock(&mu_);
  reload_refusal_ = std::move(report);
}

std::vector<v1::ExplainPolicyRequest> FakePolicy::explain_requests() const {
  absl::MutexLock lock(&mu_);
  return explain_requests_;
}

int FakePolicy::reload_calls() const {
  absl::MutexLock lock(&mu_);
  return reload_calls_;
}

std::vector<std::string> FakePolicy::principals() const {
  absl::MutexLock lock(&mu_);
  return principals_;
}

}  // namespace liaison::ctl::testing
