#ifndef LIAISON_BROKER_METRICS_BROKER_METRICS_H_
#define LIAISON_BROKER_METRICS_BROKER_METRICS_H_

#include <cstddef>
#include <vector>

#include "absl/time/time.h"
#include "broker/metrics/registry.h"
#include "liaison/v1/alert.pb.h"
#include "liaison/v1/notification.pb.h"

namespace liaison::metrics {

// What became of one submitted notification.
enum class SubmitResult {
  kAccepted,   // new, committed
  kDuplicate,  // the same (source, source_ref) and payload as before
  kRejected,   // refused: invalid, or source_ref reused for another payload
  kFailed,     // storage or internal failure; the caller should retry
};

// The broker's metrics (docs/metrics.md lists each with its meaning). Every
// label value comes from a proto enum or SubmitResult, so the series are
// fixed at construction and no identifier of a person, notification, alert
// or recipient can reach a label. Thread-safe; each update is a few relaxed
// atomic operations.
class BrokerMetrics {
 public:
  // Registers the series in `registry` (not owned; must outlive this).
  explicit BrokerMetrics(Registry* registry);

  Registry& registry() { return *registry_; }

  void Submitted(v1::AgencyKind agency, SubmitResult result);
  // The subject's match decision for a newly accepted notification.
  void Matched(v1::MatchDecision decision);
  void AlertCreated(v1::Priority priority);
  void Escalated();
  // An alert sent on a subscription stream `since_created` after it was
  // created; `attempt` 1 is its first delivery (only first deliveries are
  // observed in the latency histogram; later ones count as redeliveries).
  void AlertDelivered(absl::Duration since_created, uint32_t attempt);
  void AlertAcknowledged(absl::Duration since_created);
  // One group commit: the store write (and sync) took `took`, carrying
  // `mutations` callers' changes; `ok` false when the write failed.
  void StoreWrite(absl::Duration took, size_t mutations, bool ok);

  // Set by a collector at scrape time (broker/core/state_gauges.h).
  Gauge* unacked_alerts() { return unacked_alerts_; }
  Gauge* oldest_unacked_age_seconds() { return oldest_unacked_age_; }
  Gauge* review_queue_depth() { return review_queue_depth_; }
  // 1 when the scan behind the three gauges above stopped at its bound.
  Gauge* backlog_scan_truncated() { return backlog_scan_truncated_; }

 private:
  Registry* const registry_;
  // Indexed by enum number; unknown numbers count as index 0 (UNSPECIFIED).
  std::vector<std::vector<Counter*>> submissions_;  // [agency][result]
  std::vector<Counter*> matches_;
  std::vector<Counter*> alerts_;
  Counter* escalations_;
  Counter* redeliveries_;
  Histogram* delivery_latency_;
  Histogram* ack_latency_;
  Histogram* store_write_;
  Histogram* store_batch_;
  Counter* store_write_failures_;
  Gauge* unacked_alerts_;
  Gauge* oldest_unacked_age_;
  Gauge* review_queue_depth_;
  Gauge* backlog_scan_truncated_;
};

}  // namespace liaison::metrics

#endif  // LIAISON_BROKER_METRICS_BROKER_METRICS_H_
