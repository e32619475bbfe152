#ifndef LIAISON_BROKER_INBOX_INBOX_H_
#define LIAISON_BROKER_INBOX_INBOX_H_

#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "broker/commit/committer.h"
#include "broker/common/clock.h"
#include "broker/common/key_locks.h"
#include "broker/inbox/inbox_hub.h"
#include "broker/metrics/broker_metrics.h"
#include "broker/storage/kv_store.h"
#include "liaison/v1/alert.pb.h"

namespace liaison::inbox {

class Subscription;

// Says whether the caller may see the inbox of a recipient id.
using RecipientFilter = std::function<bool(const std::string& recipient_id)>;

// Recipients' inboxes: ordered alerts, acknowledgements and at-least-once
// delivery to subscriptions. State changes to one inbox's alerts are
// serialised, and each is audited in the same atomic commit. Thread-safe.
class Inbox {
 public:
  struct Options {
    // An alert delivered (or created) this long ago and not acknowledged is
    // delivered again.
    absl::Duration ack_deadline = absl::Minutes(5);
    uint32_t default_max_in_flight = 64;
    uint32_t max_in_flight_limit = 1000;
  };
  struct Deps {
    storage::KvStore* store;
    commit::Committer* committer;
    Clock* clock;
    InboxHub* hub;
    // Optional: delivery and acknowledgement latencies are recorded here.
    metrics::BrokerMetrics* metrics = nullptr;
  };
  struct ListResult {
    std::vector<v1::Alert> alerts;
    uint64_t next_after_sequence = 0;  // 0: no more
  };
  struct AckResult {
    bool already_acknowledged = false;
    absl::Time acknowledged_at;
  };

  Inbox(Deps deps, Options options) : deps_(deps), options_(options) {}

  // Alerts with sequence > after_sequence, in order. page_size 0 means 100;
  // INVALID_ARGUMENT above 1000 or for a malformed recipient id.
  absl::StatusOr<ListResult> List(const std::string& recipient_id, uint64_t after_sequence,
                                  uint32_t page_size, bool include_acknowledged) const;

  // NOT_FOUND when absent or when `may_see` refuses its recipient (so
  // callers cannot probe other inboxes).
  absl::StatusOr<v1::Alert> Get(const std::string& alert_id, const RecipientFilter& may_see) const;

  // Idempotent. NOT_FOUND as for Get.
  absl::StatusOr<AckResult> Acknowledge(const std::string& alert_id, const std::string& actor,
                                        const RecipientFilter& may_see);

  // A stream of the inbox from `after_sequence`. max_in_flight 0 means the
  // default; INVALID_ARGUMENT above the limit.
  absl::StatusOr<std::unique_ptr<Subscription>> Subscribe(const std::string& recipient_id,
                                                          uint64_t after_sequence, uint32_t max_in_flight);

 private:
  friend class Subscription;

  // What a subscription at `cursor` may do next.
  struct PendingScan {
    uint32_t in_flight = 0;                 // unacknowledged alerts at or below the cursor
    std::optional<std::string> overdue;     // the first one due for (re)delivery
    absl::Time next_due = absl::InfiniteFuture();
  };
  absl::StatusOr<PendingScan> ScanPending(const std::string& recipient_id, uint64_t cursor,
                                          absl::Time now) const;
  // Up to `limit` alert ids after `cursor`, in order, with their sequences.
  absl::StatusOr<std::vector<std::pair<uint64_t, std::string>>> NextAfter(const std::string& recipient_id,
                                                                          uint64_t cursor, size_t limit) const;
  // Records a delivery attempt of each of `alert_ids` (alerts of
  // `recipient_id`) in one commit and returns the alerts as sent, in the
  // same order; an acknowledged alert is returned unchanged and an alert
  // deleted meanwhile (retention) is left out.
  absl::StatusOr<std::vector<v1::Alert>> RecordDeliveries(const std::string& recipient_id,
                                                          const std::vector<std::string>& alert_ids);
  absl::StatusOr<v1::Alert> Load(const std::string& alert_id) const;

  Deps deps_;
  Options options_;
  // Serialises the read-check-write of one alert's state (delivery against
  // acknowledgement); keyed by alert id.
  KeyLocks alert_locks_;
};

// One subscriber's position in an inbox. Not thread-safe: one stream uses it.
//
// The store's pending index is the truth about unacknowledged alerts; the
// subscription keeps an upper bound of it in memory (acknowledgements only
// remove) and scans the index only when that bound could change what it
// does: the window looks full, or the earliest known deadline has come. New
// alerts are recorded as delivered in batches of up to kMaxBatch, one commit
// each, and handed out one at a time.
class Subscription {
 public:
  static constexpr size_t kMaxBatch = 16;

  Subscription(Inbox* inbox, std::string recipient_id, uint64_t cursor, uint32_t max_in_flight)
      : inbox_(inbox),
        recipient_id_(std::move(recipient_id)),
        cursor_(cursor),
        handed_out_(cursor),
        max_in_flight_(max_in_flight) {}

  // Blocks until there is an alert to send: a redelivery of an overdue one,
  // else (while fewer than max_in_flight are unacknowledged) the next after
  // the cursor. Returns nullopt once `cancelled()` is true or the hub shuts
  // down. `cancelled` is polled at least every `poll` of real time.
  absl::StatusOr<std::optional<v1::Alert>> Next(const std::function<bool()>& cancelled,
                                                absl::Duration poll = absl::Seconds(1));

  // The sequence of the last alert handed out by Next.
  uint64_t cursor() const { return handed_out_; }

 private:
  Inbox* inbox_;
  std::string recipient_id_;
  uint64_t cursor_;  // the last alert recorded as delivered
  uint64_t handed_out_;
  uint32_t max_in_flight_;
  // At least the number of unacknowledged alerts at or below cursor_, and
  // at most the earliest time one of them falls due. The first Next scans.
  uint32_t known_in_flight_ = 0;
  absl::Time known_next_due_ = absl::InfinitePast();
  // Recorded as delivered, not yet handed out.
  std::deque<v1::Alert> ready_;
};

}  // namespace liaison::inbox

#endif  // LIAISON_BROKER_INBOX_INBOX_H_
