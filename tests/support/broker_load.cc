#include "tests/support/broker_load.h"

#include <fstream>
#include <functional>
#include <sstream>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "absl/time/clock.h"
#include "broker/common/proto_time.h"
#include "broker/identifiers/identifiers.h"
#include "liaison/v1/registry_service.grpc.pb.h"

namespace liaison::testing {

TestOffender NumberedOffender(int n, const std::string& manager, const std::string& co_worker) {
  return TestOffender{absl::StrCat("X", 200000 + n), identifiers::FormatPnc(1985, 163001 + n), manager,
                      co_worker};
}

absl::Status UpsertOffender(const std::shared_ptr<grpc::Channel>& registry, const TestOffender& offender) {
  v1::UpsertOffenderRequest upsert;
  v1::OffenderRecord* record = upsert.mutable_offender();
  record->set_crn(offender.crn);
  record->mutable_name()->set_family_name("Ashworth");
  record->mutable_name()->set_given_names("Dean");
  record->set_date_of_birth("1985-03-02");
  v1::Identifier* id = record->add_identifiers();
  id->set_type(v1::IDENTIFIER_TYPE_PNC);
  id->set_value(offender.pnc);
  record->mutable_offender_manager()->set_staff_code(offender.manager);
  if (!offender.co_worker.empty()) record->mutable_co_worker()->set_staff_code(offender.co_worker);
  // What the shipped policy shares a domestic abuse callout on.
  record->set_area_code("N07");
  record->add_registrations("ADVP");
  record->set_status(v1::SUPERVISION_STATUS_COMMUNITY_ORDER);
  grpc::ClientContext ctx;
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
  v1::UpsertOffenderResponse response;
  grpc::Status status = v1::Registry::NewStub(registry)->UpsertOffender(&ctx, upsert, &response);
  if (status.ok()) return absl::OkStatus();
  return absl::Status(static_cast<absl::StatusCode>(status.error_code()), status.error_message());
}

v1::SubmitRequest Callout(const std::string& source_ref, const std::string& pnc) {
  v1::SubmitRequest request;
  v1::Notification* n = request.mutable_notification();
  n->set_source_ref(source_ref);
  // One time per process, so resubmitting a ref sends the same payload.
  static const absl::Time occurred_at = absl::Now() - absl::Hours(1);
  *n->mutable_occurred_at() = ToProtoTime(occurred_at);
  n->set_classification(v1::CLASSIFICATION_OFFICIAL_SENSITIVE);
  v1::Identifier* id = n->mutable_subject()->add_identifiers();
  id->set_type(v1::IDENTIFIER_TYPE_PNC);
  id->set_value(pnc);
  n->mutable_subject()->mutable_name()->set_given_names("Dean");
  n->mutable_subject()->mutable_name()->set_family_name("Ashworth");
  n->mutable_subject()->set_date_of_birth("1985-03-02");
  n->mutable_police_callout()->set_incident_type(v1::CALLOUT_INCIDENT_TYPE_DOMESTIC_ABUSE);
  n->mutable_police_callout()->set_summary(std::string(600, 's'));
  return request;
}

grpc::Status SubmitWithDeadline(v1::Ingest::Stub& stub, const v1::SubmitRequest& request,
                                v1::SubmitResponse* response, absl::Duration deadline) {
  grpc::ClientContext ctx;
  ctx.set_deadline(std::chrono::system_clock::now() + absl::ToChronoMilliseconds(deadline));
  return stub.Submit(&ctx, request, response);
}

int64_t ResidentKib(pid_t pid) {
  std::ifstream in(absl::StrCat("/proc/", pid, "/status"));
  std::string line;
  while (std::getline(in, line)) {
    absl::string_view rest = line;
    if (!absl::ConsumePrefix(&rest, "VmRSS:")) continue;
    rest = absl::StripAsciiWhitespace(rest);
    absl::ConsumeSuffix(&rest, "kB");
    int64_t kib = -1;
    return absl::SimpleAtoi(absl::StripAsciiWhitespace(rest), &kib) ? kib : -1;
  }
  return -1;
}

void SubmitLoad::Start(const std::shared_ptr<grpc::Channel>& channel) {
  stop_ = false;
  absl::MutexLock lock(&mu_);
  running_ = options_.submitters;
  for (int i = 0; i < options_.submitters; ++i) threads_.emplace_back([this, i, channel] { Run(i, channel); });
}

void SubmitLoad::Stop() {
  stop_ = true;
  for (std::thread& thread : threads_) thread.join();
  threads_.clear();
}

size_t SubmitLoad::AwaitAcknowledged(size_t n, absl::Duration timeout) {
  absl::MutexLock lock(&mu_);
  auto done = [&]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return acknowledged_.size() >= n || running_ == 0; };
  mu_.AwaitWithTimeout(absl::Condition(&done), timeout);
  return acknowledged_.size();
}

std::string SubmitLoad::NextRef() { return absl::StrCat(options_.ref_prefix, "-", next_ref_++); }

v1::SubmitRequest SubmitLoad::RequestFor(const std::string& ref) const {
  const size_t h = std::hash<std::string>()(ref);
  // Every third names someone unknown: unmatched notifications too.
  const bool known = !options_.pncs.empty() && h % 3 != 0;
  return Callout(ref, known ? options_.pncs[h % options_.pncs.size()] : options_.unknown_pnc);
}

void SubmitLoad::Record(const std::string& ref, const grpc::Status& status, const v1::SubmitResponse& response) {
  absl::MutexLock lock(&mu_);
  if (status.ok()) {
    acknowledged_[ref] = response.notification_id();
    return;
  }
  unresolved_.push_back(ref);
  ++failures_[absl::StatusCodeToString(static_cast<absl::StatusCode>(status.error_code()))];
  last_failure_ = status.error_message();
}

void SubmitLoad::Run(int index, std::shared_ptr<grpc::Channel> channel) {
  auto stub = v1::Ingest::NewStub(channel);
  const absl::Duration interval =
      options_.rate_per_second > 0 ? absl::Seconds(1) / options_.rate_per_second : absl::ZeroDuration();
  // Paced from a fixed schedule, so a slow answer does not lower the rate.
  absl::Time next_send = absl::Now() + interval * index / std::max(options_.submitters, 1);
  while (!stop_.load()) {
    if (interval > absl::ZeroDuration()) {
      absl::SleepFor(next_send - absl::Now());
      next_send += interval;
    }
    std::string ref;
    {
      absl::MutexLock lock(&mu_);
      ref = NextRef();
    }
    v1::SubmitResponse response;
    const grpc::Status status = SubmitWithDeadline(*stub, RequestFor(ref), &response, options_.call_deadline);
    Record(ref, status, response);
    if (!status.ok() && !options_.continue_after_failure) break;
  }
  absl::MutexLock lock(&mu_);
  --running_;
}

absl::Status SubmitLoad::ResolveUnresolved(const std::shared_ptr<grpc::Channel>& channel, int attempts) {
  std::vector<std::string> refs;
  {
    absl::MutexLock lock(&mu_);
    refs.swap(unresolved_);
  }
  auto stub = v1::Ingest::NewStub(channel);
  for (const std::string& ref : refs) {
    grpc::Status status;
    v1::SubmitResponse response;
    for (int attempt = 0; attempt < attempts; ++attempt) {
      status = SubmitWithDeadline(*stub, RequestFor(ref), &response, options_.call_deadline);
      if (status.ok()) break;
      absl::SleepFor(absl::Milliseconds(100));  // a client's retry backoff
    }
    if (!status.ok()) {
      return absl::UnavailableError(absl::StrCat("resubmitting ", ref, ": ", status.error_message()));
    }
    absl::MutexLock lock(&mu_);
    acknowledged_[ref] = response.notification_id();
  }
  return absl::OkStatus();
}

std::map<std::string, std::string> SubmitLoad::acknowledged() const {
  absl::MutexLock lock(&mu_);
  return acknowledged_;
}

size_t SubmitLoad::acknowledged_count() const {
  absl::MutexLock lock(&mu_);
  return acknowledged_.size();
}

size_t SubmitLoad::unresolved_count() const {
  absl::MutexLock lock(&mu_);
  return unresolved_.size();
}

std::map<std::string, int> SubmitLoad::failures() const {
  absl::MutexLock lock(&mu_);
  return failures_;
}

std::string SubmitLoad::last_failure() const {
  absl::MutexLock lock(&mu_);
  return last_failure_;
}

}  // namespace liaison::testing
