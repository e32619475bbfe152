#ifndef LIAISON_BROKER_CORE_STATE_GAUGES_H_
#define LIAISON_BROKER_CORE_STATE_GAUGES_H_

#include <cstddef>
#include <cstdint>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "broker/common/clock.h"
#include "broker/metrics/broker_metrics.h"
#include "broker/storage/kv_store.h"

namespace liaison {

// The broker's backlog as the store holds it now, for the scrape-time
// gauges (unacknowledged alerts, the oldest one's age, open reviews).
struct BacklogReading {
  uint64_t unacked_alerts = 0;
  // Zero when no alert is unacknowledged.
  absl::Duration oldest_unacked_age;
  uint64_t open_reviews = 0;
  // True when a table held more than `max_keys`: the counts are then lower
  // bounds and the age is the oldest among the keys read.
  bool truncated = false;
};

// Reads the backlog with key scans of the pending and review-queue indexes
// (at most `max_keys` keys each) and one alert read per recipient with
// unacknowledged alerts: a recipient's first pending alert is its oldest,
// as inbox sequences follow commit order. A scan per scrape keeps the hot
// path free of bookkeeping and the figure exact across restarts.
// UNAVAILABLE / DATA_LOSS from the store.
absl::StatusOr<BacklogReading> ReadBacklog(const storage::KvStore& store, absl::Time now, size_t max_keys);

// Registers a collector on `metrics`' registry that sets its backlog gauges
// from ReadBacklog at every scrape (a failed read leaves the last values
// and is logged). The pointers are not owned and must outlive the registry's
// use.
void AddBacklogGauges(const storage::KvStore* store, Clock* clock, metrics::BrokerMetrics* metrics,
                      size_t max_keys = 200'000);

}  // namespace liaison

#endif  // LIAISON_BROKER_CORE_STATE_GAUGES_H_
