#include "broker/ingest/ingestor.h"

#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "broker/common/crypto.h"
#include "broker/common/log.h"
#include "broker/common/proto_time.h"
#include "broker/common/proto_util.h"
#include "broker/common/status_macros.h"
#include "broker/ingest/ingest_records.h"
#include "broker/ingest/routing.h"
#include "broker/storage/keys.h"
#include "broker/validation/notification_validation.h"
#include "liaison/store/v1/records.pb.h"

namespace liaison::ingest {
namespace {

using storage::Table;

bool SameSource(const v1::Source& given, const v1::Source& caller) {
  return given.agency_kind() == caller.agency_kind() && given.organisation_code() == caller.organisation_code() &&
         given.system() == caller.system() && (given.principal().empty() || given.principal() == caller.principal());
}

// Rejects output-only fields a caller tried to set.
absl::Status CheckCallerFields(const v1::Source& caller, v1::Notification* n) {
  if (n->has_source()) {
    if (!SameSource(n->source(), caller)) {
      return absl::InvalidArgumentError(
          "source: is set by the broker from your certificate; leave it empty or repeat it exactly");
    }
    n->clear_source();
  }
  if (!n->notification_id().empty()) {
    return absl::InvalidArgumentError("notification_id: is assigned by the broker; leave it empty");
  }
  if (n->has_received_at()) {
    return absl::InvalidArgumentError("received_at: is assigned by the broker; leave it empty");
  }
  return absl::OkStatus();
}

}  // namespace

Ingestor::Item Ingestor::Check(const v1::Source& source, v1::Notification notification, absl::Time now) const {
  Item item;
  item.status = CheckCallerFields(source, &notification);
  if (!item.status.ok()) return item;
  const size_t size = notification.ByteSizeLong();
  if (size > options_.max_notification_bytes) {
    item.status = absl::InvalidArgumentError(
        absl::StrCat("notification: is ", size, " bytes; the limit is ", options_.max_notification_bytes));
    return item;
  }
  item.status = validation::ValidateNotification(&notification, now);
  if (!item.status.ok()) return item;
  // Hashed after canonicalisation, so the same notification with its
  // identifiers spelt differently is still a duplicate.
  item.payload_hash = Sha256({DeterministicBytes(notification)});
  item.key = storage::IdempotencyKey(source.principal(), notification.source_ref());
  item.notification = std::move(notification);
  return item;
}

absl::StatusOr<SubmitOutcome> Ingestor::Submit(const v1::Source& source, v1::Notification notification) {
  std::vector<Item> items;
  items.push_back(Check(source, std::move(notification), deps_.clock->Now()));
  ASSIGN_OR_RETURN(auto results, Run(source, std::move(items)));
  return std::move(results[0]);
}

absl::StatusOr<std::vector<absl::StatusOr<SubmitOutcome>>> Ingestor::SubmitBatch(
    const v1::Source& source, std::vector<v1::Notification> notifications) {
  if (notifications.size() > options_.max_batch_items) {
    return absl::InvalidArgumentError(absl::StrCat("notifications: ", notifications.size(),
                                                   " items; the limit is ", options_.max_batch_items));
  }
  const absl::Time now = deps_.clock->Now();
  std::vector<Item> items;
  items.reserve(notifications.size());
  for (v1::Notification& n : notifications) items.push_back(Check(source, std::move(n), now));
  return Run(source, std::move(items));
}

absl::StatusOr<std::vector<absl::StatusOr<SubmitOutcome>>> Ingestor::Run(const v1::Source& source,
                                                                         std::vector<Item> items) {
  absl::flat_hash_map<std::string, size_t> first_with_key;
  std::vector<std::string> keys;
  for (size_t i = 0; i < items.size(); ++i) {
    if (!items[i].status.ok()) continue;
    auto [it, inserted] = first_with_key.emplace(items[i].key, i);
    if (inserted) {
      keys.push_back(items[i].key);
    } else {
      items[i].same_as = it->second;
    }
  }
  KeyLocks::Guard guard = key_locks_.Lock(std::move(keys));
  const absl::Time now = deps_.clock->Now();
  commit::Mutation mutation;
  std::vector<size_t> written;
  for (size_t i = 0; i < items.size(); ++i) {
    Item& item = items[i];
    if (!item.status.ok() || item.same_as.has_value()) continue;
    const size_t before = mutation.writes.size();
    item.status = Prepare(source, now, &item, &mutation);
    if (mutation.writes.size() != before) written.push_back(i);
  }
  if (!written.empty()) {
    absl::StatusOr<commit::CommitReceipt> receipt = deps_.committer->Commit(std::move(mutation));
    if (!receipt.ok()) {
      Log(LogLevel::kError, "commit_failed", {{"code", absl::StatusCodeToString(receipt.status().code())}});
      for (size_t i : written) items[i].status = receipt.status();
    } else {
      for (size_t i : written) {
        Log(LogLevel::kInfo, "notification_accepted",
            {{"notification_id", items[i].outcome->notification_id},
             {"match", v1::MatchDecision_Name(items[i].decision)},
             {"alerts", items[i].alerts}});
      }
    }
  }

  std::vector<absl::StatusOr<SubmitOutcome>> results;
  results.reserve(items.size());
  for (Item& item : items) {
    if (item.same_as.has_value()) {
      const Item& first = items[*item.same_as];
      if (first.payload_hash != item.payload_hash) {
        results.push_back(absl::AlreadyExistsError(
            "source_ref: used twice in this batch for different notifications"));
      } else if (!first.status.ok()) {
        results.push_back(first.status);
      } else {
        SubmitOutcome outcome = *first.outcome;
        outcome.duplicate = true;
        results.push_back(outcome);
      }
      continue;
    }
    if (!item.status.ok()) {
      results.push_back(item.status);
    } else {
      results.push_back(*item.outcome);
    }
  }
  if (deps_.metrics != nullptr) Record(source, items, results);
  return results;
}

void Ingestor::Record(const v1::Source& source, const std::vector<Item>& items,
                      const std::vector<absl::StatusOr<SubmitOutcome>>& results) const {
  using metrics::SubmitResult;
  for (size_t i = 0; i < results.size(); ++i) {
    SubmitResult result = SubmitResult::kFailed;
    if (results[i].ok()) {
      result = results[i]->duplicate ? SubmitResult::kDuplicate : SubmitResult::kAccepted;
    } else if (absl::IsInvalidArgument(results[i].status()) || absl::IsAlreadyExists(results[i].status())) {
      result = SubmitResult::kRejected;
    }
    deps_.metrics->Submitted(source.agency_kind(), result);
    if (result == SubmitResult::kAccepted) deps_.metrics->Matched(items[i].decision);
  }
}

absl::Status Ingestor::Prepare(const v1::Source& source, absl::Time now, Item* item,
                               commit::Mutation* mutation) {
  ASSIGN_OR_RETURN(auto existing, deps_.store->Get(Table::kIdempotency, item->key));
  if (!existing.has_value()) return AddRecords(source, now, item, mutation);
  ASSIGN_OR_RETURN(auto record, ParseStored<store::v1::IdempotencyRecord>(*existing, "idempotency"));
  if (record.payload_hash() != item->payload_hash) {
    return absl::AlreadyExistsError(absl::StrCat(
        "source_ref: already used by this source for a different notification (", record.notification_id(),
        "); use a new source_ref for a new notification"));
  }
  item->outcome = SubmitOutcome{record.notification_id(), true, FromProtoTime(record.received_at())};
  return absl::OkStatus();
}

absl::Status Ingestor::AddRecords(const v1::Source& source, absl::Time now, Item* item,
                                  commit::Mutation* mutation) {
  v1::Notification& n = item->notification;
  n.set_notification_id(NewRandomId("ntf_"));
  *n.mutable_source() = source;
  *n.mutable_received_at() = ToProtoTime(now);
  ASSIGN_OR_RETURN(matching::MatchOutcome match, deps_.matcher->Match(n.subject()));

  store::v1::StoredNotification stored;
  stored.set_payload_hash(item->payload_hash);
  *stored.mutable_match() = match.result;
  mutation->audit.push_back(AcceptedEntry(n));
  mutation->audit.back().set_crn(match.result.crn());  // so a query by person finds it
  mutation->audit.push_back(MatchEntry(n, match.result));

  // Related people linked to offender records: the policy may share with
  // their offender managers too (story 5). Decided now, whatever becomes of
  // the subject's match.
  std::vector<policy::RelatedLink> related;
  for (int i = 0; i < n.related_people_size(); ++i) {
    const v1::RelatedPerson& person = n.related_people(i);
    if (!person.has_person()) continue;
    ASSIGN_OR_RETURN(matching::MatchOutcome related_match, deps_.matcher->Match(person.person()));
    if (related_match.result.decision() != v1::MATCH_DECISION_LINKED || !related_match.offender.has_value()) continue;
    if (match.result.decision() == v1::MATCH_DECISION_LINKED && related_match.result.crn() == match.result.crn()) {
      continue;  // the subject again
    }
    v1::AuditEntry entry = MatchEntry(n, related_match.result);
    entry.mutable_match()->set_note(absl::StrCat("related_people[", i, "] (", v1::RelatedRole_Name(person.role()), ")"));
    mutation->audit.push_back(std::move(entry));
    store::v1::RelatedLinkRecord* record = stored.add_related_links();
    record->set_related_index(i);
    *record->mutable_match() = related_match.result;
    related.push_back({i, std::move(related_match.result), *std::move(related_match.offender)});
  }

  if (match.result.decision() == v1::MATCH_DECISION_LINKED) {
    AddRouting(*deps_.policy, n, match.result, match.offender ? &*match.offender : nullptr, related, now, &stored,
               mutation);
  } else {
    AddRetained(n, match, &stored, mutation);
    if (NeedsReview(match.result.decision())) {
      AddReviewOpened(n, match, match.result.model_version(), now, mutation);
    }
    if (!related.empty()) AddRouting(*deps_.policy, n, match.result, nullptr, related, now, &stored, mutation);
  }
  item->decision = match.result.decision();
  item->alerts = stored.alert_ids_size();
  store::v1::IdempotencyRecord idempotency;
  idempotency.set_notification_id(n.notification_id());
  idempotency.set_payload_hash(item->payload_hash);
  *idempotency.mutable_received_at() = n.received_at();
  item->outcome = SubmitOutcome{n.notification_id(), false, now};
  *stored.mutable_notification() = std::move(n);
  mutation->writes.push_back({Table::kIdempotency, item->key, idempotency.SerializeAsString()});
  mutation->writes.push_back({Table::kReceived,
                              storage::ReceivedKey(static_cast<uint64_t>(ToUnixMicrosClamped(now)),
                                                   stored.notification().notification_id()),
                              ""});
  mutation->writes.push_back(
      {Table::kNotifications, stored.notification().notification_id(), stored.SerializeAsString()});
  return absl::OkStatus();
}

}  // namespace liaison::ingest
