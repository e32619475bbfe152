#ifndef LIAISON_BROKER_INGEST_INGESTOR_H_
#define LIAISON_BROKER_INGEST_INGESTOR_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "broker/commit/committer.h"
#include "broker/common/clock.h"
#include "broker/common/key_locks.h"
#include "broker/matching/matcher.h"
#include "broker/metrics/broker_metrics.h"
#include "broker/storage/kv_store.h"
#include "liaison/v1/notification.pb.h"
#include "policy/policy.h"

namespace liaison::ingest {

struct SubmitOutcome {
  std::string notification_id;
  // The (source, source_ref) was accepted before with the same payload.
  bool duplicate = false;
  absl::Time received_at;
};

// Accepts agency notifications: validates, deduplicates, matches, routes
// under the policy and commits the notification, its alerts and its audit
// entries in one atomic, synced write. Thread-safe.
class Ingestor {
 public:
  struct Options {
    size_t max_notification_bytes = 65536;
    size_t max_batch_items = 500;
  };
  // Not owned; all must outlive the ingestor.
  struct Deps {
    storage::KvStore* store;
    commit::Committer* committer;
    const matching::Matcher* matcher;
    const policy::Policy* policy;
    Clock* clock;
    // Optional: submissions by result and match decisions are counted here.
    metrics::BrokerMetrics* metrics = nullptr;
  };

  Ingestor(Deps deps, Options options) : deps_(deps), options_(options) {}

  // `source` is the caller's authenticated identity (principal non-empty).
  // Errors: INVALID_ARGUMENT naming the field (nothing written);
  // ALREADY_EXISTS when source_ref was used with a different payload;
  // UNAVAILABLE when storage failed (nothing written; retry).
  absl::StatusOr<SubmitOutcome> Submit(const v1::Source& source, v1::Notification notification);

  // Each item is accepted or refused on its own; accepted items are
  // committed together. INVALID_ARGUMENT for the whole call when there are
  // more than max_batch_items.
  absl::StatusOr<std::vector<absl::StatusOr<SubmitOutcome>>> SubmitBatch(
      const v1::Source& source, std::vector<v1::Notification> notifications);

 private:
  // One item on its way through a submit.
  struct Item {
    v1::Notification notification;
    absl::Status status;
    std::string key;           // idempotency key
    std::string payload_hash;
    std::optional<SubmitOutcome> outcome;
    // Index of an earlier item with the same key in the same batch.
    std::optional<size_t> same_as;
    // For the log line once committed.
    v1::MatchDecision decision = v1::MATCH_DECISION_UNSPECIFIED;
    int alerts = 0;
  };

  Item Check(const v1::Source& source, v1::Notification notification, absl::Time now) const;
  // With the item's key locked: resolves duplicates or adds its records to
  // `mutation`.
  absl::Status Prepare(const v1::Source& source, absl::Time now, Item* item, commit::Mutation* mutation);
  absl::Status AddRecords(const v1::Source& source, absl::Time now, Item* item, commit::Mutation* mutation);
  absl::StatusOr<std::vector<absl::StatusOr<SubmitOutcome>>> Run(const v1::Source& source,
                                                                 std::vector<Item> items);

  // Counts each result and, for accepted items, the match decision.
  void Record(const v1::Source& source, const std::vector<Item>& items,
              const std::vector<absl::StatusOr<SubmitOutcome>>& results) const;

  Deps deps_;
  Options options_;
  KeyLocks key_locks_;
};

}  // namespace liaison::ingest

#endif  // LIAISON_BROKER_INGEST_INGESTOR_H_
