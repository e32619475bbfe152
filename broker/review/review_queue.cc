#include "broker/review/review_queue.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "broker/common/log.h"
#include "broker/common/proto_time.h"
#include "broker/common/proto_util.h"
#include "broker/common/status_macros.h"
#include "broker/identifiers/identifiers.h"
#include "broker/ingest/ingest_records.h"
#include "broker/ingest/routing.h"
#include "broker/storage/keys.h"
#include "broker/validation/field_checks.h"
#include "liaison/store/v1/records.pb.h"

namespace liaison::review {
namespace {

using storage::Table;

constexpr uint32_t kDefaultPageSize = 50;
constexpr uint32_t kMaxPageSize = 500;

std::string QueueKey(const v1::ReviewItem& item) {
  return absl::StrCat(storage::EncodeU64(ToUnixMicrosClamped(FromProtoTime(item.opened_at()))),
                      item.notification_id());
}

bool IsCandidate(const v1::ReviewItem& item, const std::string& crn) {
  return std::any_of(item.candidates().begin(), item.candidates().end(),
                     [&](const v1::ReviewCandidate& c) { return c.crn() == crn; });
}

}  // namespace

absl::StatusOr<v1::ReviewItem> ReviewQueue::LoadItem(absl::string_view notification_id) const {
  ASSIGN_OR_RETURN(std::optional<std::string> bytes, deps_.store->Get(Table::kReviews, notification_id));
  if (!bytes.has_value()) return absl::NotFoundError("notification_id: has no review item");
  return ParseStored<v1::ReviewItem>(*bytes, "review");
}

absl::StatusOr<v1::ListReviewsResponse> ReviewQueue::List(const v1::ListReviewsRequest& request) const {
  if (request.page_size() > kMaxPageSize) {
    return validation::FieldError("page_size", absl::StrCat("must be at most ", kMaxPageSize));
  }
  const uint32_t limit = request.page_size() == 0 ? kDefaultPageSize : request.page_size();
  const bool open_only = !request.all_states() &&
                         (request.state() == v1::REVIEW_STATE_UNSPECIFIED || request.state() == v1::REVIEW_STATE_OPEN);
  // The page token is the last key returned; scanning resumes after it.
  const std::string start = request.page_token().empty() ? "" : request.page_token() + std::string(1, '\0');
  v1::ListReviewsResponse response;
  std::string last_key;
  absl::Status status;
  auto take = [&](absl::string_view key, const std::string& notification_id) {
    absl::StatusOr<v1::ReviewItem> item = LoadItem(notification_id);
    if (!item.ok()) {
      status = item.status();
      return false;
    }
    if (!request.all_states() && !open_only && item->state() != request.state()) return true;
    if (response.items_size() == static_cast<int>(limit)) {
      response.set_next_page_token(last_key);
      return false;
    }
    *response.add_items() = *std::move(item);
    last_key = std::string(key);
    return true;
  };
  if (open_only) {
    RETURN_IF_ERROR(deps_.store->Scan(Table::kReviewQueue, start, "", false, [&](absl::string_view key, absl::string_view) {
      return key.size() > 8 && take(key, std::string(key.substr(8)));
    }));
  } else {
    RETURN_IF_ERROR(deps_.store->Scan(Table::kReviews, start, "", false, [&](absl::string_view key, absl::string_view) {
      return take(key, std::string(key));
    }));
  }
  RETURN_IF_ERROR(status);
  return response;
}

absl::StatusOr<v1::ReviewItem> ReviewQueue::Resolve(const v1::ResolveReviewRequest& request,
                                                    absl::string_view actor) {
  RETURN_IF_ERROR(validation::CheckId("notification_id", request.notification_id()));
  RETURN_IF_ERROR(validation::CheckText("note", request.note(), 500, false));
  if (request.outcome_case() == v1::ResolveReviewRequest::OUTCOME_NOT_SET ||
      (request.has_not_linked() && !request.not_linked())) {
    return validation::FieldError("outcome", "set link_crn or not_linked");
  }
  std::string link_crn;
  if (request.has_link_crn()) {
    absl::StatusOr<std::string> crn = identifiers::CanonicalCrn(request.link_crn());
    if (!crn.ok()) return validation::FieldError("link_crn", crn.status().message());
    link_crn = *crn;
  }
  KeyLocks::Guard guard = deps_.notification_locks->Lock({request.notification_id()});
  ASSIGN_OR_RETURN(v1::ReviewItem item, LoadItem(request.notification_id()));
  if (item.state() != v1::REVIEW_STATE_OPEN) {
    return absl::FailedPreconditionError(
        absl::StrCat("notification_id: the review is already closed (", v1::ReviewState_Name(item.state()), ")"));
  }
  if (!link_crn.empty() && !IsCandidate(item, link_crn)) {
    return validation::FieldError("link_crn", "is not one of this review's candidates");
  }
  ASSIGN_OR_RETURN(std::optional<std::string> bytes, deps_.store->Get(Table::kNotifications, item.notification_id()));
  if (!bytes.has_value()) return absl::DataLossError("a review item's notification is missing");
  ASSIGN_OR_RETURN(auto stored, ParseStored<store::v1::StoredNotification>(*bytes, "notification"));
  const v1::Notification& n = stored.notification();
  const absl::Time now = deps_.clock->Now();

  v1::MatchResult match;
  match.set_method(v1::MATCH_METHOD_HUMAN_REVIEW);
  match.set_decided_by(std::string(actor));
  match.set_model_version(item.model_version());
  commit::Mutation mutation;
  std::optional<v1::OffenderRecord> offender;
  if (!link_crn.empty()) {
    // Follow merges: the person now lives on the surviving record.
    for (int hops = 0; hops < 16; ++hops) {
      ASSIGN_OR_RETURN(std::optional<std::string> record, deps_.store->Get(Table::kOffenders, link_crn));
      if (!record.has_value()) return absl::FailedPreconditionError("link_crn: the offender record no longer exists");
      ASSIGN_OR_RETURN(offender, ParseStored<v1::OffenderRecord>(*record, "offender"));
      if (offender->merged_into().empty()) break;
      link_crn = offender->merged_into();
    }
    match.set_decision(v1::MATCH_DECISION_LINKED);
    match.set_crn(link_crn);
    match.set_reason("linked by a reviewer");
    ingest::RemoveRetained(&stored, &mutation);
    item.set_state(v1::REVIEW_STATE_LINKED);
    item.set_linked_crn(link_crn);
  } else {
    match.set_decision(v1::MATCH_DECISION_NO_MATCH);
    match.set_reason("not linked by a reviewer");
    for (const v1::ReviewCandidate& c : item.candidates()) stored.add_rejected_crns(c.crn());
    item.set_state(v1::REVIEW_STATE_NOT_LINKED);
  }
  item.set_resolved_by(std::string(actor));
  *item.mutable_resolved_at() = ToProtoTime(now);
  item.set_note(request.note());
  *stored.mutable_match() = match;
  mutation.audit.push_back(ingest::ReviewResolvedEntry(n, match, actor, item));
  if (offender.has_value()) ingest::AddRouting(*deps_.policy, n, match, &*offender, {}, now, &stored, &mutation);
  mutation.writes.push_back({Table::kReviewQueue, QueueKey(item), std::nullopt});
  mutation.writes.push_back({Table::kReviews, item.notification_id(), item.SerializeAsString()});
  mutation.writes.push_back({Table::kNotifications, item.notification_id(), stored.SerializeAsString()});
  RETURN_IF_ERROR(deps_.committer->Commit(std::move(mutation)).status());
  Log(LogLevel::kInfo, "review_resolved",
      {{"notification_id", item.notification_id()}, {"state", v1::ReviewState_Name(item.state())},
       {"alerts", stored.alert_ids_size()}});
  return item;
}

}  // namespace liaison::review
