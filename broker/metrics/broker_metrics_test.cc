#include "broker/metrics/broker_metrics.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace liaison::metrics {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(BrokerMetricsTest, LabelsComeFromEnumNames) {
  Registry registry;
  BrokerMetrics metrics(&registry);
  metrics.Submitted(v1::AGENCY_KIND_POLICE, SubmitResult::kAccepted);
  metrics.Submitted(v1::AGENCY_KIND_POLICE, SubmitResult::kAccepted);
  metrics.Submitted(v1::AGENCY_KIND_PRISON, SubmitResult::kRejected);
  metrics.Matched(v1::MATCH_DECISION_NO_MATCH);
  metrics.AlertCreated(v1::PRIORITY_IMMEDIATE);
  const std::string text = registry.Render();
  EXPECT_THAT(text, HasSubstr("liaison_submissions_total{agency=\"police\",result=\"accepted\"} 2\n"));
  EXPECT_THAT(text, HasSubstr("liaison_submissions_total{agency=\"prison\",result=\"rejected\"} 1\n"));
  EXPECT_THAT(text, HasSubstr("liaison_submissions_total{agency=\"social_care\",result=\"duplicate\"} 0\n"));
  EXPECT_THAT(text, HasSubstr("liaison_matches_total{decision=\"no_match\"} 1\n"));
  EXPECT_THAT(text, HasSubstr("liaison_alerts_created_total{priority=\"immediate\"} 1\n"));
}

TEST(BrokerMetricsTest, UnknownEnumNumbersCountAsUnspecified) {
  Registry registry;
  BrokerMetrics metrics(&registry);
  metrics.AlertCreated(static_cast<v1::Priority>(99));
  metrics.Matched(static_cast<v1::MatchDecision>(-1));
  const std::string text = registry.Render();
  EXPECT_THAT(text, HasSubstr("liaison_alerts_created_total{priority=\"unspecified\"} 1\n"));
  EXPECT_THAT(text, HasSubstr("liaison_matches_total{decision=\"unspecified\"} 1\n"));
}

TEST(BrokerMetricsTest, FirstDeliveriesAreTimedAndLaterOnesCounted) {
  Registry registry;
  BrokerMetrics metrics(&registry);
  metrics.AlertDelivered(absl::Milliseconds(3), 1);
  metrics.AlertDelivered(absl::Minutes(6), 2);
  metrics.AlertAcknowledged(absl::Seconds(40));
  metrics.StoreWrite(absl::Microseconds(800), 3, true);
  metrics.StoreWrite(absl::Microseconds(1), 1, false);
  const std::string text = registry.Render();
  EXPECT_THAT(text, HasSubstr("liaison_alert_delivery_seconds_bucket{le=\"0.0025\"} 0\n"));
  EXPECT_THAT(text, HasSubstr("liaison_alert_delivery_seconds_bucket{le=\"0.005\"} 1\n"));
  EXPECT_THAT(text, HasSubstr("liaison_alert_delivery_seconds_count 1\n"));
  EXPECT_THAT(text, HasSubstr("liaison_alert_redeliveries_total 1\n"));
  EXPECT_THAT(text, HasSubstr("liaison_alert_ack_seconds_bucket{le=\"30\"} 0\n"));
  EXPECT_THAT(text, HasSubstr("liaison_alert_ack_seconds_bucket{le=\"60\"} 1\n"));
  EXPECT_THAT(text, HasSubstr("liaison_store_write_seconds_bucket{le=\"0.001\"} 1\n"));
  EXPECT_THAT(text, HasSubstr("liaison_store_write_batch_mutations_bucket{le=\"2\"} 0\n"));
  EXPECT_THAT(text, HasSubstr("liaison_store_write_batch_mutations_bucket{le=\"4\"} 1\n"));
  EXPECT_THAT(text, HasSubstr("liaison_store_write_failures_total 1\n"));
  EXPECT_THAT(text, Not(HasSubstr("NaN")));
}

}  // namespace
}  // namespace liaison::metrics
