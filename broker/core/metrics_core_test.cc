// The broker's metrics move with what the core does, and a scrape carries
// no personal data.

#include <optional>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "broker/core/core_test_fixture.h"
#include "broker/core/state_gauges.h"
#include "gmock/gmock.h"

namespace liaison {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kCrn[] = "X100001";
constexpr char kPnc[] = "1979/0163001B";
constexpr char kOm[] = "N07P1001";

// The value of the sample `series` (name and labels exactly as rendered);
// nullopt when absent.
std::optional<double> Sample(const std::string& text, const std::string& series) {
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    if (!absl::ConsumePrefix(&line, series + " ")) continue;
    double value = 0;
    if (absl::SimpleAtod(line, &value)) return value;
  }
  return std::nullopt;
}

class MetricsCoreTest : public CoreTest {
 protected:
  void SetUp() override {
    CoreTest::SetUp();
    AddOffender(kCrn, kPnc, kOm);
  }
  std::string Scrape() { return core_->metrics_registry().Render(); }
};

TEST_F(MetricsCoreTest, SubmissionsMatchesAndAlertsAreCounted) {
  Submit("CAD-1", kPnc);
  ASSERT_TRUE(core_->ingestor().Submit(Police(), Callout("CAD-1", kPnc)).ok());  // a duplicate
  v1::Notification invalid = Callout("CAD-2", kPnc);
  invalid.clear_occurred_at();
  EXPECT_FALSE(core_->ingestor().Submit(Police(), invalid).ok());

  const std::string text = Scrape();
  EXPECT_EQ(Sample(text, "liaison_submissions_total{agency=\"police\",result=\"accepted\"}"), 1);
  EXPECT_EQ(Sample(text, "liaison_submissions_total{agency=\"police\",result=\"duplicate\"}"), 1);
  EXPECT_EQ(Sample(text, "liaison_submissions_total{agency=\"police\",result=\"rejected\"}"), 1);
  EXPECT_EQ(Sample(text, "liaison_matches_total{decision=\"linked\"}"), 1);
  const std::vector<v1::Alert> alerts = Pending(kOm);
  ASSERT_EQ(alerts.size(), 1u);
  const std::string name = v1::Priority_Name(alerts[0].priority());
  absl::string_view priority = name;
  absl::ConsumePrefix(&priority, "PRIORITY_");
  EXPECT_EQ(
      Sample(text, absl::StrCat("liaison_alerts_created_total{priority=\"", absl::AsciiStrToLower(priority), "\"}")),
      1);
  EXPECT_GE(Sample(text, "liaison_store_write_seconds_count").value_or(0), 2);  // offender, notification
}

TEST_F(MetricsCoreTest, BacklogDeliveryAndAcknowledgementLatencies) {
  Submit("CAD-1", kPnc);
  clock_.Advance(absl::Minutes(1));
  Submit("CAD-2", kPnc);
  clock_.Advance(absl::Minutes(9));
  std::string text = Scrape();
  EXPECT_EQ(Sample(text, "liaison_unacked_alerts"), 2);
  EXPECT_EQ(Sample(text, "liaison_oldest_unacked_alert_age_seconds"), 600);

  auto subscription = core_->inbox().Subscribe(kOm, 0, 0).value();
  auto first = subscription->Next([] { return false; });
  ASSERT_TRUE(first.ok() && first->has_value());
  clock_.Advance(absl::Seconds(30));
  ASSERT_TRUE(core_->inbox().Acknowledge((*first)->alert_id(), "om", [](const std::string&) { return true; }).ok());

  text = Scrape();
  // The subscription records the backlog's deliveries in one batch: both
  // at 600 s, the first 600 s after its creation and the second 540 s
  // after; the first acknowledged 630 s after creation.
  EXPECT_EQ(Sample(text, "liaison_alert_delivery_seconds_count"), 2);
  EXPECT_EQ(Sample(text, "liaison_alert_delivery_seconds_bucket{le=\"300\"}"), 0);
  EXPECT_EQ(Sample(text, "liaison_alert_delivery_seconds_bucket{le=\"900\"}"), 2);
  EXPECT_EQ(Sample(text, "liaison_alert_delivery_seconds_sum"), 1140);
  EXPECT_EQ(Sample(text, "liaison_alert_ack_seconds_sum"), 630);
  EXPECT_EQ(Sample(text, "liaison_unacked_alerts"), 1);
  EXPECT_EQ(Sample(text, "liaison_oldest_unacked_alert_age_seconds"), 570);  // the second, 9.5 minutes old
}

TEST_F(MetricsCoreTest, ReviewQueueDepthAndBacklogBound) {
  // The PNC agrees but surname and date of birth differ: suspicious, a
  // person decides (twice, for two notifications).
  for (const char* ref : {"CAD-R1", "CAD-R2"}) {
    v1::Notification suspicious = Callout(ref, kPnc);
    suspicious.mutable_subject()->mutable_name()->set_family_name("Okonkwo");
    suspicious.mutable_subject()->set_date_of_birth("1961-11-19");
    ASSERT_TRUE(core_->ingestor().Submit(Police(), suspicious).ok());
  }
  const std::string text = Scrape();
  EXPECT_EQ(Sample(text, "liaison_review_queue_depth"), 2);
  EXPECT_EQ(Sample(text, "liaison_matches_total{decision=\"suspicious\"}"), 2);

  Submit("CAD-1", kPnc);
  Submit("CAD-2", kPnc);
  auto bounded = ReadBacklog(store_, clock_.Now(), 1);
  ASSERT_TRUE(bounded.ok()) << bounded.status();
  EXPECT_EQ(bounded->unacked_alerts, 1u);
  EXPECT_TRUE(bounded->truncated);
}

TEST_F(MetricsCoreTest, AScrapeHoldsNoPersonalData) {
  Submit("CAD-1", kPnc);
  auto subscription = core_->inbox().Subscribe(kOm, 0, 0).value();
  ASSERT_TRUE(subscription->Next([] { return false; }).ok());
  const std::string text = Scrape();
  for (const char* personal : {kCrn, kPnc, kOm, "Dean", "Ashworth", "1985-03-02", "CAD-1", "Kim"}) {
    EXPECT_THAT(text, Not(HasSubstr(personal))) << personal;
  }
  for (const v1::Alert& alert : Pending(kOm)) EXPECT_THAT(text, Not(HasSubstr(alert.alert_id())));
}

}  // namespace
}  // namespace liaison
