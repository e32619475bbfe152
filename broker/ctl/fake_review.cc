// FakeReview, declared in fake_broker.h.

#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "broker/common/proto_time.h"
#include "broker/ctl/fake_broker.h"

namespace liaison::ctl::testing {
namespace {

// Item i (from 0) was opened at kOpenedAt + 100 * i.
constexpr int64_t kOpenedAt = 1795000000;

struct CannedRow {
  const char* field;
  const char* subject;
  const char* candidate;
  const char* level;
  double weight;
};

struct CannedCandidate {
  const char* crn;
  double weight;
  const char* offender_manager;
  std::vector<CannedRow> rows;
};

v1::PersonDescriptor Person(const char* given, const char* family, const char* dob) {
  v1::PersonDescriptor person;
  person.mutable_name()->set_given_names(given);
  person.mutable_name()->set_family_name(family);
  person.set_date_of_birth(dob);
  return person;
}

// Jon Paul Smith, with an alias, an address and a PNC.
v1::PersonDescriptor FullSubject() {
  v1::PersonDescriptor person = Person("Jon Paul", "Smith", "1980-02-03");
  v1::PersonName* alias = person.add_aliases();
  alias->set_given_names("Johnny");
  alias->set_family_name("Smith");
  v1::Address* address = person.add_addresses();
  address->add_lines("Flat 3");
  address->add_lines("12 Long Street");
  address->set_town("Newtown");
  address->set_postcode("AB1 2CD");
  v1::Identifier* pnc = person.add_identifiers();
  pnc->set_type(v1::IDENTIFIER_TYPE_PNC);
  pnc->set_value("2001/0000001A");
  return person;
}

v1::ReviewDetail MakeDetail(int index, v1::MatchDecision decision, const char* reason,
                            v1::PersonDescriptor subject,
                            const std::vector<CannedCandidate>& candidates) {
  v1::ReviewDetail detail;
  v1::ReviewItem& item = *detail.mutable_item();
  item.set_notification_id(absl::StrCat("N-R", index + 1));
  item.set_decision(decision);
  item.set_reason(reason);
  item.set_model_version("fs-test-1");
  const int64_t opened = kOpenedAt + int64_t{100} * index;
  *item.mutable_opened_at() = ToProtoTime(absl::FromUnixSeconds(opened));
  item.set_state(v1::REVIEW_STATE_OPEN);
  *detail.mutable_subject() = std::move(subject);
  for (const CannedCandidate& canned : candidates) {
    v1::ReviewCandidate& candidate = *item.add_candidates();
    v1::CandidateDetail& candidate_detail = *detail.add_candidates();
    candidate.set_crn(canned.crn);
    candidate.set_weight(canned.weight);
    candidate_detail.set_crn(canned.crn);
    candidate_detail.set_weight(canned.weight);
    candidate_detail.set_offender_manager(canned.offender_manager);
    for (const CannedRow& canned_row : canned.rows) {
      v1::FieldComparison& comparison = *candidate.add_comparisons();
      comparison.set_field(canned_row.field);
      comparison.set_level(canned_row.level);
      comparison.set_weight(canned_row.weight);
      v1::FieldRow& row = *candidate_detail.add_rows();
      row.set_field(canned_row.field);
      row.set_subject_value(canned_row.subject);
      row.set_candidate_value(canned_row.candidate);
      row.set_level(canned_row.level);
      row.set_weight(canned_row.weight);
    }
  }
  return detail;
}

// An item a reviewer has already linked.
v1::ReviewDetail LinkedDetail(int index) {
  v1::ReviewDetail linked = MakeDetail(index, v1::MATCH_DECISION_REVIEW, "match weight 8.00",
                                       Person("Di", "Ode", "1966-03-03"),
                                       {{"X1000007", 8.0, "N07P1007", {}}});
  v1::ReviewItem& item = *linked.mutable_item();
  item.set_state(v1::REVIEW_STATE_LINKED);
  item.set_linked_crn("X1000007");
  item.set_resolved_by("reviewer-0");
  *item.mutable_resolved_at() = ToProtoTime(absl::FromUnixSeconds(kOpenedAt + 5000));
  item.set_note("same person");
  return linked;
}

std::vector<v1::ReviewDetail> CannedDetails() {
  std::vector<v1::ReviewDetail> details;
  details.push_back(MakeDetail(
      0, v1::MATCH_DECISION_REVIEW, "match weight 9.50 is in the review band", FullSubject(),
      {{"X1000001", 9.5, "N07P1001",
        {{"forename", "Jon Paul", "John Paul", "jw92", 3.1},
         {"surname", "Smith", "Smith", "exact", 6.2},
         {"dob", "1980-02-03", "1980-03-02", "day_month_swap", 1.4},
         {"address", "Flat 3, 12 Long Street, Newtown, AB1 2CD",
          "Flat 3 Long Street Apartments, 12 Long Street Lower Precinct, Newtown Hill, Newtown, "
          "AB1 2CE",
          "jw85", 0.8},
         {"postcode", "AB1 2CD", "", "missing", 0}}},
       {"X1000002", 4.25, "N07P1002",
        {{"forename", "Jon Paul", "Jon", "prefix", 1.2},
         {"surname", "Smith", "Smyth", "metaphone", 3.05},
         {"dob", "1980-02-03", "1981-02-03", "year_off_by_one", -1.5}}}}));
  details.push_back(MakeDetail(1, v1::MATCH_DECISION_SUSPICIOUS,
                               "PNC agrees but date of birth and surname disagree",
                               Person("Ann", "Lee", "1990-01-01"),
                               {{"X1000003", 2.0, "N07P1003",
                                 {{"id:PNC", "1999/0000002B", "1999/0000002B", "exact", 8.0},
                                  {"surname", "Lee", "Leigh", "different", -5.0}}}}));
  details.push_back(MakeDetail(
      2, v1::MATCH_DECISION_CONFLICT, "PNC and NOMS point at different records",
      Person("Bo", "Khan", "1975-06-30"),
      {{"X1000004", 12.0, "N07P1004", {{"id:PNC", "1975/0000003C", "1975/0000003C", "exact", 9}}},
       {"X1000005", 11.0, "N07P1005", {{"id:NOMS", "A1234BC", "A1234BC", "exact", 9}}}}));
  details.push_back(MakeDetail(3, v1::MATCH_DECISION_REVIEW, "two candidates within 1.0",
                               Person("Cy", "Ng", "2001-12-12"),
                               {{"X1000006", 7.0, "N07P1006", {}}}));
  details.push_back(LinkedDetail(4));
  return details;
}

grpc::Status ApplyOutcome(const v1::ResolveReviewRequest& request, v1::ReviewItem& item) {
  switch (request.outcome_case()) {
    case v1::ResolveReviewRequest::kLinkCrn: {
      const auto& candidates = item.candidates();
      if (std::none_of(candidates.begin(), candidates.end(),
                       [&](const auto& c) { return c.crn() == request.link_crn(); })) {
        return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                            absl::StrCat("link_crn: ", request.link_crn(), " is not a candidate"));
      }
      item.set_state(v1::REVIEW_STATE_LINKED);
      item.set_linked_crn(request.link_crn());
      return grpc::Status::OK;
    }
    case v1::ResolveReviewRequest::kNotLinked:
      if (!request.not_linked()) break;
      item.set_state(v1::REVIEW_STATE_NOT_LINKED);
      return grpc::Status::OK;
    case v1::ResolveReviewRequest::OUTCOME_NOT_SET:
      break;
  }
  return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                      "outcome: link_crn or not_linked is required");
}

}  // namespace

FakeReview::FakeReview() : details_(CannedDetails()) {}

v1::ReviewDetail* FakeReview::Find(const std::string& notification_id) {
  for (v1::ReviewDetail& detail : details_) {
    if (detail.item().notification_id() == notification_id) return &detail;
  }
  return nullptr;
}

grpc::Status FakeReview::ListReviews(grpc::ServerContext* context,
                                     const v1::ListReviewsRequest* request,
                                     v1::ListReviewsResponse* response) {
  absl::MutexLock lock(&mu_);
  principals_.push_back(PrincipalOf(context));
  list_requests_.push_back(*request);
  const v1::ReviewState state =
      request->state() == v1::REVIEW_STATE_UNSPECIFIED ? v1::REVIEW_STATE_OPEN : request->state();
  std::vector<const v1::ReviewItem*> matching;
  for (const v1::ReviewDetail& detail : details_) {
    if (request->all_states() || detail.item().state() == state) {
      matching.push_back(&detail.item());
    }
  }
  size_t offset = 0;
  absl::string_view token = request->page_token();
  if (!token.empty() &&
      !(absl::ConsumePrefix(&token, "page-") && absl::SimpleAtoi(token, &offset))) {
    return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "bad page token");
  }
  const size_t size = request->page_size() == 0 ? kMaxPageSize
                                                : std::min(request->page_size(), kMaxPageSize);
  for (size_t i = offset; i < std::min(matching.size(), offset + size); ++i) {
    *response->add_items() = *matching[i];
  }
  if (offset + size < matching.size()) {
    response->set_next_page_token(absl::StrCat("page-", offset + size));
  }
  return grpc::Status::OK;
}

grpc::Status FakeReview::GetReview(grpc::ServerContext* context,
                                   const v1::GetReviewRequest* request,
                                   v1::ReviewDetail* response) {
  absl::MutexLock lock(&mu_);
  principals_.push_back(PrincipalOf(context));
  const v1::ReviewDetail* detail = Find(request->notification_id());
  if (detail == nullptr) {
    return grpc::Status(grpc::StatusCode::NOT_FOUND,
                        absl::StrCat("no review item for ", request->notification_id()));
  }
  *response = *detail;
  return grpc::Status::OK;
}

grpc::Status FakeReview::ResolveReview(grpc::ServerContext* context,
                                       const v1::ResolveReviewRequest* request,
                                       v1::ReviewItem* response) {
  absl::MutexLock lock(&mu_);
  principals_.push_back(PrincipalOf(context));
  last_resolve_ = *request;
  ++resolve_calls_;
  v1::ReviewDetail* detail = Find(request->notification_id());
  if (detail == nullptr) {
    return grpc::Status(grpc::StatusCode::NOT_FOUND,
                        absl::StrCat("no review item for ", request->notification_id()));
  }
  v1::ReviewItem item = detail->item();
  if (item.state() != v1::REVIEW_STATE_OPEN) {
    return grpc::Status(grpc::StatusCode::FAILED_PRECONDITION,
                        absl::StrCat("review item ", item.notification_id(), " is not open (",
                                     v1::ReviewState_Name(item.state()), ")"));
  }
  if (grpc::Status status = ApplyOutcome(*request, item); !status.ok()) return status;
  item.set_resolved_by(PrincipalOf(context));
  *item.mutable_resolved_at() = ToProtoTime(absl::FromUnixSeconds(kResolvedAt));
  item.set_note(request->note());
  *detail->mutable_item() = item;
  *response = std::move(item);
  return grpc::Status::OK;
}

std::optional<v1::ReviewDetail> FakeReview::detail(const std::string& notification_id) const {
  absl::MutexLock lock(&mu_);
  for (const v1::ReviewDetail& detail : details_) {
    if (detail.item().notification_id() == notification_id) return detail;
  }
  return std::nullopt;
}

std::vector<v1::ListReviewsRequest> FakeReview::list_requests() const {
  absl::MutexLock lock(&mu_);
  return list_requests_;
}

std::optional<v1::ResolveReviewRequest> FakeReview::last_resolve() const {
  absl::MutexLock lock(&mu_);
  return last_resolve_;
}

int FakeReview::resolve_calls() const {
  absl::MutexLock lock(&mu_);
  return resolve_calls_;
}

std::vector<std::string> FakeReview::principals() const {
  absl::MutexLock lock(&mu_);
  return principals_;
}

}  // namespace liaison::ctl::testing
