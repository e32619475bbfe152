// Merging two offender records found to be one person, and undoing it.

#include "broker/core/core_test_fixture.h"
#include "broker/storage/keys.h"
#include "gmock/gmock.h"

namespace liaison {
namespace {

using testing::HasSubstr;

constexpr char kPnc[] = "1979/0163001B";
constexpr char kOtherPnc[] = "2012/0052494Q";

class MergeTest : public CoreTest {
 protected:
  // The same man recorded twice: as Dean Ashworth (X100001, PNC kPnc) and as
  // Dino Marsh with another PNC (X100002), managed by different officers.
  void SetUp() override {
    CoreTest::SetUp();
    AddOffender("X100001", kPnc, "N07P1001");
    v1::OffenderRecord other;
    other.set_crn("X100002");
    v1::Identifier* pnc = other.add_identifiers();
    pnc->set_type(v1::IDENTIFIER_TYPE_PNC);
    pnc->set_value(kOtherPnc);
    other.mutable_name()->set_given_names("Dino");
    other.mutable_name()->set_family_name("Marsh");
    other.set_date_of_birth("1979-07-30");
    other.mutable_offender_manager()->set_staff_code("N07P2001");
    ASSERT_TRUE(core_->registry().Upsert(other, "registry").ok());
  }

  // A callout naming Dino Marsh with his PNC.
  std::string SubmitAboutDino(const std::string& source_ref) {
    v1::Notification n = Callout(source_ref, kOtherPnc);
    n.mutable_subject()->mutable_name()->set_given_names("Dino");
    n.mutable_subject()->mutable_name()->set_family_name("Marsh");
    n.mutable_subject()->set_date_of_birth("1979-07-30");
    auto outcome = core_->ingestor().Submit(Police(), n);
    EXPECT_TRUE(outcome.ok()) << outcome.status();
    return outcome.ok() ? outcome->notification_id : "";
  }
};

TEST_F(MergeTest, AfterAMergeTheMergedIdentityReachesTheSurvivorsOffenderManager) {
  auto merged = core_->registry().Merge("X100002", "X100001", "duplicate record found by the PNC bureau", "admin");
  ASSERT_TRUE(merged.ok()) << merged.status();
  EXPECT_EQ(merged->merged.merged_into(), "X100001");
  EXPECT_EQ(core_->registry().Get("X100002")->merged_into(), "X100001");

  SubmitAboutDino("CAD-30");
  ASSERT_EQ(Pending("N07P1001").size(), 1u);
  EXPECT_EQ(Pending("N07P1001")[0].crn(), "X100001");
  EXPECT_TRUE(Pending("N07P2001").empty());

  audit::AuditFilter filter;
  filter.crn = "X100002";
  filter.page_size = 100;
  bool audited = false;
  const auto page = core_->audit().Query(filter);
  ASSERT_TRUE(page.ok()) << page.status();
  for (const v1::AuditEntry& e : page->entries) {
    if (e.action() != v1::AUDIT_ACTION_OFFENDERS_MERGED) continue;
    audited = true;
    EXPECT_EQ(e.actor(), "admin");
    EXPECT_EQ(e.merge().surviving_crn(), "X100001");
    EXPECT_EQ(e.merge().reason(), "duplicate record found by the PNC bureau");
  }
  EXPECT_TRUE(audited);
}

TEST_F(MergeTest, AMergedRecordCannotBeUpdatedAllocatedOrMergedAgain) {
  ASSERT_TRUE(core_->registry().Merge("X100002", "X100001", "", "admin").ok());
  v1::OffenderRecord record = core_->registry().Get("X100002").value();
  auto upsert = core_->registry().Upsert(record, "registry");
  EXPECT_EQ(upsert.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(upsert.status().message(), HasSubstr("merged into X100001"));
  v1::AllocateManagerRequest allocate;
  allocate.set_crn("X100002");
  allocate.mutable_offender_manager()->set_staff_code("N07P3001");
  EXPECT_EQ(core_->registry().Allocate(allocate, "admin").status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(core_->registry().Merge("X100002", "X100001", "", "admin").status().code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(core_->registry().Merge("X100001", "X100002", "", "admin").status().code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(core_->registry().Merge("X100001", "X100001", "", "admin").status().code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(core_->registry().Merge("X999999", "X100001", "", "admin").status().code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(core_->registry().Merge("not a crn", "X100001", "", "admin").status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST_F(MergeTest, UnmergingRestoresBothIdentities) {
  ASSERT_TRUE(core_->registry().Merge("X100002", "X100001", "", "admin").ok());
  auto restored = core_->registry().Unmerge("X100002", "they were two people after all", "admin");
  ASSERT_TRUE(restored.ok()) << restored.status();
  EXPECT_TRUE(restored->merged_into().empty());
  EXPECT_EQ(core_->registry().Unmerge("X100002", "", "admin").status().code(),
            absl::StatusCode::kFailedPrecondition);

  SubmitAboutDino("CAD-31");
  EXPECT_TRUE(Pending("N07P1001").empty());
  ASSERT_EQ(Pending("N07P2001").size(), 1u);
  EXPECT_EQ(Pending("N07P2001")[0].crn(), "X100002");
  // The record can be maintained again.
  EXPECT_TRUE(core_->registry().Upsert(core_->registry().Get("X100002").value(), "registry").ok());
  EXPECT_TRUE(core_->audit().Verify()->ok);
}

}  // namespace
}  // namespace liaison
