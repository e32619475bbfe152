// The retention job with a fake clock: what the policy says is deleted, with
// its alerts and indexes; the audit entries stay and the deletion is
// recorded; what is not yet due stays; the store stays consistent.
#include <memory>

#include "broker/core/core_test_fixture.h"
#include "gmock/gmock.h"
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
  bool Stored(const std::string& id) { return store_.Get(Table::kNotifications, id).value().has_value(); }
};

TEST_F(RetentionTest, DeletesWhatThePolicySaysKeepsTheAuditAndRecordsTheDeletion) {
  AddOffender("X100001", "1979/0163001B", "N07P1001");
  const std::string routed = Submit("CAD-1", "1979/0163001B");
  const std::string unmatched = Submit("CAD-2", "1990/0000001Z");
  const std::vector<v1::Alert> alerts = Pending("N07P1001");
  ASSERT_EQ(alerts.size(), 1u);
  const size_t audit_before = AuditFor(routed).size();

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

  ASSERT_TRUE(core_->inbox().Acknowledge(alerts[0].alert_id(), "om", [](const std::string&) { return true; }).ok());
  auto third = core_->retention().RunOnce();
  ASSERT_TRUE(third.ok());
  EXPECT_EQ(third->notifications_deleted, 1u);
  EXPECT_EQ(third->alerts_deleted, 1u);
  EXPECT_FALSE(Stored(routed));
  EXPECT_FALSE(store_.Get(Table::kAlerts, alerts[0].alert_id()).value().has_value());
  trail = AuditFor(routed);
  EXPECT_GT(trail.size(), audit_before);  // every earlier entry stays
  ASSERT_EQ(trail.back().action(), v1::AUDIT_ACTION_RETENTION_DELETED);
  ASSERT_EQ(trail.back().retention().alerts_size(), 1);
  EXPECT_EQ(trail.back().retention().alerts(0).alert_id(), alerts[0].alert_id());

  auto census = testing::CheckConsistency(store_);
  ASSERT_TRUE(census.ok()) << census.status();
  EXPECT_EQ(census->notifications, 0u);
  // A resubmission of a deleted notification is new, not a duplicate.
  EXPECT_TRUE(Stored(Submit("CAD-2", "1990/0000001Z")));
}

TEST_F(RetentionTest, NothingWithinItsPeriodIsDeleted) {
  AddOffender("X100001", "1979/0163001B", "N07P1001");
  const std::string routed = Submit("CAD-1", "1979/0163001B");
  const std::string unmatched = Submit("CAD-2", "1990/0000001Z");
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
