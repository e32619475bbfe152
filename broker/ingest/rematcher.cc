#include "broker/ingest/rematcher.h"

#include "absl/strings/str_cat.h"
#include "broker/common/log.h"
#include "broker/common/proto_time.h"
#include "broker/common/proto_util.h"
#include "broker/common/status_macros.h"
#include "broker/ingest/ingest_records.h"
#include "broker/ingest/routing.h"
#include "broker/matching/blocking.h"
#include "broker/storage/keys.h"
#include "liaison/store/v1/records.pb.h"

namespace liaison::ingest {
namespace {

using storage::Table;

// Closes an open review item the index change made moot.
absl::Status SupersedeReview(const storage::KvStore& store, const std::string& notification_id, absl::Time now,
                             commit::Mutation* mutation) {
  ASSIGN_OR_RETURN(std::optional<std::string> stored, store.Get(Table::kReviews, notification_id));
  if (!stored.has_value()) return absl::OkStatus();
  ASSIGN_OR_RETURN(v1::ReviewItem item, ParseStored<v1::ReviewItem>(*stored, "review"));
  if (item.state() != v1::REVIEW_STATE_OPEN) return absl::OkStatus();
  mutation->writes.push_back(
      {Table::kReviewQueue,
       absl::StrCat(storage::EncodeU64(ToUnixMicrosClamped(FromProtoTime(item.opened_at()))), notification_id),
       std::nullopt});
  item.set_state(v1::REVIEW_STATE_SUPERSEDED);
  *item.mutable_resolved_at() = ToProtoTime(now);
  mutation->writes.push_back({Table::kReviews, notification_id, item.SerializeAsString()});
  return absl::OkStatus();
}

}  // namespace

absl::Status Rematcher::Rematch(const std::string& notification_id, const std::string& trigger_crn,
                                Result* result) {
  KeyLocks::Guard guard = deps_.notification_locks->Lock({notification_id});
  ASSIGN_OR_RETURN(std::optional<std::string> bytes, deps_.store->Get(Table::kNotifications, notification_id));
  if (!bytes.has_value()) return absl::OkStatus();
  ASSIGN_OR_RETURN(auto stored, ParseStored<store::v1::StoredNotification>(*bytes, "notification"));
  const v1::Notification& n = stored.notification();
  const absl::Time now = deps_.clock->Now();
  if (stored.match().decision() == v1::MATCH_DECISION_LINKED || stored.retention_keys().empty()) {
    return absl::OkStatus();
  }
  // The policy's retention period for the kind, else the configured default.
  const absl::Duration retention = deps_.policy->UnmatchedRetention(policy::KindOf(n), options_.retention);
  if (FromProtoTime(n.received_at()) + retention < now) return absl::OkStatus();
  ++result->examined;
  matching::MatchOptions match_options;
  match_options.excluded_crns.assign(stored.rejected_crns().begin(), stored.rejected_crns().end());
  ASSIGN_OR_RETURN(matching::MatchOutcome outcome, deps_.matcher->Match(n.subject(), match_options));
  const v1::MatchDecision decision = outcome.result.decision();
  commit::Mutation mutation;
  if (decision == v1::MATCH_DECISION_LINKED) {
    RemoveRetained(&stored, &mutation);
    RETURN_IF_ERROR(SupersedeReview(*deps_.store, notification_id, now, &mutation));
    *stored.mutable_match() = outcome.result;
    mutation.audit.push_back(RematchedEntry(n, outcome.result, trigger_crn));
    AddRouting(*deps_.policy, n, outcome.result, outcome.offender ? &*outcome.offender : nullptr, {}, now, &stored,
               &mutation);
    ++result->linked;
  } else if (NeedsReview(decision) && !NeedsReview(stored.match().decision())) {
    *stored.mutable_match() = outcome.result;
    mutation.audit.push_back(RematchedEntry(n, outcome.result, trigger_crn));
    AddReviewOpened(n, outcome, outcome.result.model_version(), now, &mutation);
    ++result->reviews_opened;
  } else {
    return absl::OkStatus();  // nothing changed
  }
  mutation.writes.push_back({Table::kNotifications, notification_id, stored.SerializeAsString()});
  RETURN_IF_ERROR(deps_.committer->Commit(std::move(mutation)).status());
  Log(LogLevel::kInfo, "notification_rematched",
      {{"notification_id", notification_id}, {"match", v1::MatchDecision_Name(decision)}});
  return absl::OkStatus();
}

absl::StatusOr<Rematcher::Result> Rematcher::Run(const std::string& crn) {
  Result result;
  ASSIGN_OR_RETURN(std::optional<std::string> job, deps_.store->Get(Table::kRematchJobs, crn));
  if (!job.has_value()) return result;
  ASSIGN_OR_RETURN(std::optional<std::string> form_bytes, deps_.store->Get(Table::kMatchForms, crn));
  if (form_bytes.has_value()) {
    ASSIGN_OR_RETURN(auto form, ParseStored<matching::v1::MatchForm>(*form_bytes, "match form"));
    ASSIGN_OR_RETURN(matching::CandidateSet hits, matching::LookUpKeys(*deps_.store, Table::kUnmatchedKeys,
                                                                       matching::IndexKeys(form), options_.lookup));
    for (const std::string& stored_id : hits.ids) {
      ASSIGN_OR_RETURN(std::string notification_id, deps_.store->DecodeKey(Table::kUnmatchedKeys, stored_id));
      RETURN_IF_ERROR(Rematch(notification_id, crn, &result));
    }
  }
  commit::Mutation done;
  done.writes.push_back({Table::kRematchJobs, crn, std::nullopt});
  RETURN_IF_ERROR(deps_.committer->Commit(std::move(done)).status());
  return result;
}

absl::StatusOr<Rematcher::Result> Rematcher::RunPending() {
  std::vector<std::string> crns;
  RETURN_IF_ERROR(deps_.store->Scan(Table::kRematchJobs, "", "", false, [&](absl::string_view key, absl::string_view) {
    crns.emplace_back(key);
    return true;
  }));
  Result total;
  for (const std::string& crn : crns) {
    ASSIGN_OR_RETURN(Result r, Run(crn));
    total.examined += r.examined;
    total.linked += r.linked;
    total.reviews_opened += r.reviews_opened;
  }
  return total;
}

}  // namespace liaison::ingest
