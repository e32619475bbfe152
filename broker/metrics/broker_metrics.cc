#include "broker/metrics/broker_metrics.h"

#include <algorithm>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/strip.h"
#include "google/protobuf/descriptor.h"

namespace liaison::metrics {
namespace {

constexpr const char* kSubmitResults[] = {"accepted", "duplicate", "rejected", "failed"};

// A label value for an enum value: its name without the enum's prefix, in
// lower case (AGENCY_KIND_POLICE -> "police").
std::string LabelValue(const google::protobuf::EnumValueDescriptor& value, absl::string_view prefix) {
  absl::string_view name = value.name();
  absl::ConsumePrefix(&name, prefix);
  return absl::AsciiStrToLower(name);
}

// One series of `name` per value of `type`, indexed by enum number.
template <typename Add>
auto PerEnumValue(const google::protobuf::EnumDescriptor& type, absl::string_view prefix, Add add) {
  int max_number = 0;
  for (int i = 0; i < type.value_count(); ++i) max_number = std::max(max_number, type.value(i)->number());
  std::vector<decltype(add(std::string()))> series(max_number + 1);
  for (int i = 0; i < type.value_count(); ++i) {
    series[type.value(i)->number()] = add(LabelValue(*type.value(i), prefix));
  }
  return series;
}

// The index of enum `number` in a PerEnumValue vector: 0 (UNSPECIFIED) for a
// number the broker was built without.
template <typename T>
const T& At(const std::vector<T>& series, int number) {
  return series[number >= 0 && static_cast<size_t>(number) < series.size() ? number : 0];
}

}  // namespace

BrokerMetrics::BrokerMetrics(Registry* registry) : registry_(registry) {
  Registry& r = *registry;
  submissions_ = PerEnumValue(*v1::AgencyKind_descriptor(), "AGENCY_KIND_", [&](const std::string& agency) {
    std::vector<Counter*> by_result;
    for (const char* result : kSubmitResults) {
      by_result.push_back(r.AddCounter("liaison_submissions_total",
                                       "Notifications submitted, by the source's agency kind and what became of them",
                                       {{"agency", agency}, {"result", result}}));
    }
    return by_result;
  });
  matches_ = PerEnumValue(*v1::MatchDecision_descriptor(), "MATCH_DECISION_", [&](const std::string& decision) {
    return r.AddCounter("liaison_matches_total", "Match decisions for the subjects of newly accepted notifications",
                        {{"decision", decision}});
  });
  alerts_ = PerEnumValue(*v1::Priority_descriptor(), "PRIORITY_", [&](const std::string& priority) {
    return r.AddCounter("liaison_alerts_created_total",
                        "Alerts committed to inboxes (routing, review links, retroactive matches, escalations)",
                        {{"priority", priority}});
  });
  escalations_ = r.AddCounter("liaison_escalations_total", "Escalation alerts created for unacknowledged alerts");
  redeliveries_ = r.AddCounter("liaison_alert_redeliveries_total",
                               "Alerts sent again on a subscription stream after their acknowledgement deadline");
  delivery_latency_ =
      r.AddHistogram("liaison_alert_delivery_seconds",
                     "From an alert's creation to its first send on a subscription stream", LatencyBuckets());
  ack_latency_ =
      r.AddHistogram("liaison_alert_ack_seconds", "From an alert's creation to its acknowledgement", LatencyBuckets());
  store_write_ =
      r.AddHistogram("liaison_store_write_seconds",
                     "Duration of one group commit's atomic store write, including its sync", StoreWriteBuckets());
  store_batch_ = r.AddHistogram("liaison_store_write_batch_mutations", "Callers' changes merged into one group commit",
                                ExponentialBuckets(1, 2, 9));
  store_write_failures_ = r.AddCounter("liaison_store_write_failures_total", "Group commits the store refused");
  unacked_alerts_ = r.AddGauge("liaison_unacked_alerts", "Alerts not yet acknowledged, at scrape time");
  oldest_unacked_age_ = r.AddGauge("liaison_oldest_unacked_alert_age_seconds",
                                   "Age of the oldest unacknowledged alert at scrape time (0 when none)");
  review_queue_depth_ = r.AddGauge("liaison_review_queue_depth", "Open match reviews waiting for a person to decide");
  backlog_scan_truncated_ = r.AddGauge("liaison_backlog_scan_truncated",
                                       "1 when the unacked and review gauges stopped at their scan bound (then lower "
                                       "bounds)");
}

void BrokerMetrics::Submitted(v1::AgencyKind agency, SubmitResult result) {
  At(submissions_, agency)[static_cast<int>(result)]->Increment();
}

void BrokerMetrics::Matched(v1::MatchDecision decision) { At(matches_, decision)->Increment(); }

void BrokerMetrics::AlertCreated(v1::Priority priority) { At(alerts_, priority)->Increment(); }

void BrokerMetrics::Escalated() { escalations_->Increment(); }

void BrokerMetrics::AlertDelivered(absl::Duration since_created, uint32_t attempt) {
  if (attempt <= 1) {
    delivery_latency_->Observe(absl::ToDoubleSeconds(since_created));
  } else {
    redeliveries_->Increment();
  }
}

void BrokerMetrics::AlertAcknowledged(absl::Duration since_created) {
  ack_latency_->Observe(absl::ToDoubleSeconds(since_created));
}

void BrokerMetrics::StoreWrite(absl::Duration took, size_t mutations, bool ok) {
  if (!ok) {
    store_write_failures_->Increment();
    return;
  }
  store_write_->Observe(absl::ToDoubleSeconds(took));
  store_batch_->Observe(static_cast<double>(mutations));
}

}  // namespace liaison::metrics
