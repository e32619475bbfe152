#include "broker/core/state_gauges.h"

#include <string>
#include <vector>

#include "broker/common/log.h"
#include "broker/common/proto_time.h"
#include "broker/common/proto_util.h"
#include "broker/common/status_macros.h"
#include "liaison/store/v1/records.pb.h"
#include "liaison/v1/alert.pb.h"

namespace liaison {
namespace {

using storage::Table;

// An InboxKey's recipient part (the key without "\0" and the 8-byte
// sequence).
absl::string_view RecipientOf(absl::string_view inbox_key) {
  constexpr size_t kSuffix = 1 + 8;
  return inbox_key.size() > kSuffix ? inbox_key.substr(0, inbox_key.size() - kSuffix) : inbox_key;
}

// Counts pending alerts and returns the alert id of each recipient's first.
absl::StatusOr<std::vector<std::string>> ScanPending(const storage::KvStore& store, size_t max_keys,
                                                     BacklogReading* reading) {
  std::vector<std::string> first_alerts;
  std::string recipient;
  absl::Status status;
  RETURN_IF_ERROR(store.Scan(Table::kPending, "", "", false, [&](absl::string_view key, absl::string_view value) {
    if (reading->unacked_alerts == max_keys) {
      reading->truncated = true;
      return false;
    }
    ++reading->unacked_alerts;
    if (!first_alerts.empty() && RecipientOf(key) == recipient) return true;
    recipient = std::string(RecipientOf(key));
    auto pending = ParseStored<store::v1::PendingRecord>(value, "pending");
    if (!pending.ok()) {
      status = pending.status();
      return false;
    }
    first_alerts.push_back(pending->alert_id());
    return true;
  }));
  RETURN_IF_ERROR(status);
  return first_alerts;
}

}  // namespace

absl::StatusOr<BacklogReading> ReadBacklog(const storage::KvStore& store, absl::Time now, size_t max_keys) {
  BacklogReading reading;
  ASSIGN_OR_RETURN(std::vector<std::string> first_alerts, ScanPending(store, max_keys, &reading));
  absl::Time oldest = absl::InfiniteFuture();
  for (const std::string& alert_id : first_alerts) {
    ASSIGN_OR_RETURN(std::optional<std::string> bytes, store.Get(Table::kAlerts, alert_id));
    if (!bytes.has_value()) continue;  // acknowledged and gone meanwhile
    ASSIGN_OR_RETURN(v1::Alert alert, ParseStored<v1::Alert>(*bytes, "alert"));
    oldest = std::min(oldest, FromProtoTime(alert.created_at()));
  }
  if (oldest != absl::InfiniteFuture()) reading.oldest_unacked_age = std::max(absl::ZeroDuration(), now - oldest);
  RETURN_IF_ERROR(store.Scan(Table::kReviewQueue, "", "", false, [&](absl::string_view, absl::string_view) {
    if (reading.open_reviews == max_keys) {
      reading.truncated = true;
      return false;
    }
    ++reading.open_reviews;
    return true;
  }));
  return reading;
}

void AddBacklogGauges(const storage::KvStore* store, Clock* clock, metrics::BrokerMetrics* metrics, size_t max_keys) {
  metrics->registry().AddCollector([store, clock, metrics, max_keys] {
    absl::StatusOr<BacklogReading> reading = ReadBacklog(*store, clock->Now(), max_keys);
    if (!reading.ok()) {
      Log(LogLevel::kWarning, "metrics_backlog_unreadable",
          {{"code", absl::StatusCodeToString(reading.status().code())}});
      return;
    }
    metrics->unacked_alerts()->Set(static_cast<double>(reading->unacked_alerts));
    metrics->oldest_unacked_age_seconds()->Set(absl::ToDoubleSeconds(reading->oldest_unacked_age));
    metrics->review_queue_depth()->Set(static_cast<double>(reading->open_reviews));
    metrics->backlog_scan_truncated()->Set(reading->truncated ? 1 : 0);
  });
}

}  // namespace liaison
