// The retention job with a fake clock: what the policy says is deleted, with
// its alerts and indexes; the audit entries stay and the deletion is
// recorded; what is not yet due stays; the store stays consistent.
#include <memory>

#include "broker/core/core_test_fixture.h"
#include "gmock/gmock.h"
#include "liaison/store/v1/records.pb.h"
#include "tests/support/consistency.h"

namespace liaison {
namespace {

using storage::Table;

// The test policy's decisions, with retention: callouts routed 30 days,
// unmatched 10 days.
class RetainingPolicy : public policy::Policy {
 public:
  explicit RetainingPolicy(std::shared_ptr<const policy::Policy> base) : base_(std::move(base)) {}
  absl::StatusOr<policy::Decision> Decide(const policy::PolicyInput& input) const override { return base_->Decide(input); }
  absl::StatusOr<policy::Explanation> Explain(const policy::PolicyInput& input) const override {
    return base_->Explain(input);
  }
  const std::string& version() const override { return base_->version(); }
  absl::Duration UnmatchedRetention(policy::v1::NotificationKind, absl::Duration) const override {
    return absl::Hours(24 * 10);
  }
  std::optional<absl::Duration> DeliveredRetention(policy::v1::NotificationKind) const override {
    return absl::Hours(24 * 30);
  }
  absl::Duration AllocationHistory() const override { return base_->AllocationHistory(); }

 private:
  std::shared_ptr<const policy::Policy> base_;
};

class RetentionTest : public CoreTest {
 protected:
  void SetUp() override {
    CoreTest::SetUp();
    ASSERT_TRUE(core_->ReloadPolicy(std::make_shared<RetainingPolicy>(policy::OffenderManagerTestPolicy()),
                                    "retention-test", "test")
                    .ok());
  }
  // Someone unknown to the registry: retained unmatched.
  std::string SubmitStranger(const std::string& source_ref) {
    v1::Notification n = Callout(source_ref, "2012/0052494Q");
    n.mutable_subject()->mutable_name()->set_given_names("Petra");
    n.mutable_subject()->mutable_name()->set_family_name("Lindqvist");
    n.mutable_subject()->set_date_of_birth("1990-07-07");
    auto outcome = core_->ingestor().Submit(Police(), n);
    EXPECT_TRUE(outcome.ok()) << outcome.status();
    return outcome.ok() ? outcome->notification_id : "";
  }
  std::vector<std::string> AlertIds(const std::string& id) {
    auto bytes = store_.Get(Table::kNotifications, id).value();
    if (!bytes.has_value()) return {};
    store::v1::StoredNotification stored;
    EXPECT_TRUE(stored.ParseFromString(*bytes));
    return {stored.alert_ids().begin(), stored.alert_ids().end()};
  }
  bool Stored(const std::string& id) { return store_.Get(Table::kNotifications, id).value().has_value(); }
};

TEST_F(RetentionTest, DeletesWhatThePolicySaysKeepsTheAuditAndRecordsTheDeletion) {
  AddOffender("X100001", "1979/0163001B", "N07P1001");
  const std::string routed = Submit("CAD-1", "1979/0163001B");
  const std::string unmatched = SubmitStranger("CAD-2");
  ASSERT_FALSE(Pending("N07P1001").empty());
  const size_t audit_before = AuditFor(routed).size();
  const std::vector<std::string> alert_ids = AlertIds(routed);
  ASSERT_FALSE(alert_ids.empty());

  // Day 11: the unmatched one is past its 10 days; the routed one is not.
  clock_.Advance(absl::Hours(24 * 11));
  auto first = core_->retention().RunOnce();
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_EQ(first->notifications_deleted, 1u);
  EXPECT_FALSE(Stored(unmatched));
  EXPECT_TRUE(Stored(routed));
  std::vector<v1::AuditEntry> trail = AuditFor(unmatched);
  ASSERT_FALSE(trail.empty());
  EXPECT_EQ(trail.front().action(), v1::AUDIT_ACTION_NOTIFICATION_ACCEPTED);  // kept
  EXPECT_EQ(trail.back().action(), v1::AUDIT_ACTION_RETENTION_DELETED);
  EXPECT_EQ(trail.back().retention().period(), "unmatched_days");
  EXPECT_EQ(trail.back().retention().days(), 10u);
  EXPECT_TRUE(trail.back().crn().empty());  // ids only

  // Day 31: the routed one is past 30 days, but its alert is unacknowledged.
  clock_.Advance(absl::Hours(24 * 20));
  auto second = core_->retention().RunOnce();
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->kept_unacknowledged, 1u);
  EXPECT_TRUE(Stored(routed));

  for (const std::string& alert_id : AlertIds(routed)) {
    ASSERT_TRUE(core_->inbox().Acknowledge(alert_id, "om", [](const std::string&) { return true; }).ok());
  }
  auto third = core_->retention().RunOnce();
  ASSERT_TRUE(third.ok());
  EXPECT_EQ(third->notifications_deleted, 1u);
  EXPECT_EQ(third->alerts_deleted, alert_ids.size());
  EXPECT_FALSE(Stored(routed));
  for (const std::string& alert_id : alert_ids) {
    EXPECT_FALSE(store_.Get(Table::kAlerts, alert_id).value().has_value()) << alert_id;
  }
  trail = AuditFor(routed);
  EXPECT_GT(trail.size(), audit_before);  // every earlier entry stays
  ASSERT_EQ(trail.back().action(), v1::AUDIT_ACTION_RETENTION_DELETED);
  ASSERT_EQ(trail.back().retention().alerts_size(), static_cast<int>(alert_ids.size()));
  EXPECT_EQ(trail.back().retention().alerts(0).recipient_id().empty(), false);

  auto census = testing::CheckConsistency(store_);
  ASSERT_TRUE(census.ok()) << census.status();
  EXPECT_EQ(census->notifications, 0u);
  // A resubmission of a deleted notification is new, not a duplicate.
  EXPECT_TRUE(Stored(SubmitStranger("CAD-2")));
}

TEST_F(RetentionTest, NothingWithinItsPeriodIsDeleted) {
  AddOffender("X100001", "1979/0163001B", "N07P1001");
  const std::string routed = Submit("CAD-1", "1979/0163001B");
  const std::string unmatched = SubmitStranger("CAD-2");
  clock_.Advance(absl::Hours(24 * 9));
  auto report = core_->retention().RunOnce();
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->notifications_deleted, 0u);
  EXPECT_TRUE(Stored(routed));
  EXPECT_TRUE(Stored(unmatched));
  EXPECT_TRUE(testing::CheckConsistency(store_).ok());
}

}  // namespace
}  // namespace liaison
