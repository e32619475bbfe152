#include "broker/core/core_test_fixture.h"
#include "broker/storage/keys.h"
#include "gmock/gmock.h"
#include "liaison/store/v1/records.pb.h"

namespace liaison {
namespace {

using testing::StartsWith;

TEST_F(CoreTest, ChangingAnIdentifierMovesTheIdentityIndex) {
  AddOffender("X100001", "1979/0163001B", "N07P1001");
  AddOffender("X100001", "2002/0073319Z", "N07P1001");
  EXPECT_TRUE(Pending("N07P1001").empty());
  EXPECT_FALSE(store_.Get(storage::Table::kIdentity, storage::IdentityKey("PNC", "1979/0163001B"))->has_value());
  EXPECT_EQ(store_.Get(storage::Table::kIdentity, storage::IdentityKey("PNC", "2002/0073319Z"))->value_or(""),
            "X100001");
  // The old PNC now disagrees with the record; the new one agrees. (Name
  // and date of birth agree either way, so both link: the comparison shows
  // which PNC the record carries.)
  auto level_of_pnc = [&](const std::string& notification_id) {
    for (const v1::AuditEntry& e : AuditFor(notification_id)) {
      if (e.action() != v1::AUDIT_ACTION_MATCH_DECIDED) continue;
      for (const v1::FieldComparison& c : e.match().comparisons()) {
        if (c.field() == "id:PNC") return c.level();
      }
    }
    return std::string("none");
  };
  EXPECT_EQ(level_of_pnc(Submit("OLD", "1979/0163001B")), "disagree");
  EXPECT_EQ(level_of_pnc(Submit("NEW", "2002/0073319Z")), "agree");
}

TEST_F(CoreTest, AnIdentifierOnAnotherRecordIsRefused) {
  AddOffender("X100001", "1979/0163001B", "N07P1001");
  v1::OffenderRecord other;
  other.set_crn("X100002");
  other.mutable_name()->set_family_name("Okafor");
  v1::Identifier* id = other.add_identifiers();
  id->set_type(v1::IDENTIFIER_TYPE_PNC);
  id->set_value("79/163001B");
  auto refused = core_->registry().Upsert(other, "test");
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kAlreadyExists);
  EXPECT_THAT(std::string(refused.status().message()), StartsWith("offender.identifiers[0]: this PNC"));
  EXPECT_EQ(core_->registry().Get("X100002").status().code(), absl::StatusCode::kNotFound);
}

TEST_F(CoreTest, BulkLoadReportsBadRowsByPositionAndLoadsTheRest) {
  std::vector<v1::OffenderRecord> records(3);
  records[0].set_crn("X200001");
  records[0].mutable_name()->set_family_name("A");
  records[1].set_crn("bad");
  records[2].set_crn("X200003");
  records[2].mutable_name()->set_family_name("C");
  auto result = core_->registry().BulkLoad(records, 100, "test").value();
  EXPECT_EQ(result.loaded, 2u);
  ASSERT_EQ(result.errors.size(), 1u);
  EXPECT_EQ(result.errors[0].index, 101u);
  EXPECT_THAT(std::string(result.errors[0].status.message()), StartsWith("offender.crn: "));
  EXPECT_TRUE(core_->registry().Get("x200003").ok());
}

TEST_F(CoreTest, ATransferredCaseAlertsTheNewOffenderManager) {
  AddOffender("X100001", "1979/0163001B", "N07P1001");
  v1::AllocateManagerRequest request;
  request.set_crn("X100001");
  request.mutable_offender_manager()->set_staff_code("N09P2002");
  request.set_reason("moved area");
  auto record = core_->registry().Allocate(request, "test");
  ASSERT_TRUE(record.ok()) << record.status();
  Submit("AFTER", "1979/0163001B");
  EXPECT_TRUE(Pending("N07P1001").empty());
  EXPECT_EQ(Pending("N09P2002").size(), 1u);

  audit::AuditFilter filter;
  filter.crn = "X100001";
  std::vector<std::pair<std::string, std::string>> allocations;  // (previous, new)
  const audit::AuditPage page = core_->audit().Query(filter).value();
  for (const auto& entry : page.entries) {
    if (entry.action() != v1::AUDIT_ACTION_MANAGER_ALLOCATED) continue;
    allocations.emplace_back(entry.allocation().previous_offender_manager(), entry.allocation().offender_manager());
  }
  // The first allocation came with the record, the second is the transfer.
  EXPECT_THAT(allocations, testing::ElementsAre(std::make_pair(std::string(""), std::string("N07P1001")),
                                                std::make_pair(std::string("N07P1001"), std::string("N09P2002"))));
}

TEST_F(CoreTest, AuditQueriesFilterByRecipientAndTimeAndPage) {
  AddOffender("X100001", "1979/0163001B", "N07P1001");
  Submit("T1", "1979/0163001B");
  const absl::Time middle = clock_.Now() + absl::Minutes(30);
  clock_.Advance(absl::Hours(1));
  Submit("T2", "1979/0163001B");
  Submit("T3", "1979/0163001B");

  audit::AuditFilter by_recipient;
  by_recipient.recipient_id = "N07P1001";
  // The allocation of the case, then one routing entry per notification.
  EXPECT_EQ(core_->audit().Query(by_recipient)->entries.size(), 4u);

  audit::AuditFilter since;
  since.since = middle;
  since.page_size = 4;
  auto first = core_->audit().Query(since).value();
  ASSERT_EQ(first.entries.size(), 4u);
  for (const auto& entry : first.entries) EXPECT_GE(FromProtoTime(entry.recorded_at()), middle);
  since.after_sequence = first.next_after_sequence;
  auto second = core_->audit().Query(since).value();
  // 2 notifications x (accepted, match, routing) = 6 entries: pages of 4 and 2.
  ASSERT_EQ(second.entries.size(), 2u);
  EXPECT_GT(second.entries[0].sequence(), first.entries.back().sequence());
  EXPECT_EQ(second.next_after_sequence, 0u);

  audit::AuditFilter until;
  until.until = middle;
  // The policy loaded at start, the upsert, its allocation and the first
  // notification's three entries.
  EXPECT_EQ(core_->audit().Query(until)->entries.size(), 6u);
}

TEST_F(CoreTest, AQueryByPersonShowsTheWholeStoryOfANotification) {
  AddOffender("X100001", "1979/0163001B", "N07P1001");
  const std::string id = Submit("P1", "1979/0163001B");
  audit::AuditFilter filter;
  filter.crn = "X100001";
  std::vector<v1::AuditAction> actions;
  const audit::AuditPage page = core_->audit().Query(filter).value();
  for (const auto& entry : page.entries) {
    if (entry.notification_id() == id) actions.push_back(entry.action());
  }
  EXPECT_THAT(actions, testing::ElementsAre(v1::AUDIT_ACTION_NOTIFICATION_ACCEPTED, v1::AUDIT_ACTION_MATCH_DECIDED,
                                            v1::AUDIT_ACTION_ROUTING_DECIDED));
}

TEST_F(CoreTest, VerificationFindsATamperedEntry) {
  AddOffender("X100001", "1979/0163001B", "N07P1001");
  Submit("V1", "1979/0163001B");
  ASSERT_TRUE(core_->audit().Verify()->ok);
  const std::string key = storage::EncodeU64(2);
  auto record = store::v1::AuditRecord();
  ASSERT_TRUE(record.ParseFromString(*store_.Get(storage::Table::kAudit, key).value()));
  v1::AuditEntry entry;
  entry.ParseFromString(record.body());
  entry.set_actor("someone-else");
  record.set_body(entry.SerializeAsString());
  ASSERT_TRUE(store_.Write({{storage::Table::kAudit, key, record.SerializeAsString()}}, false).ok());
  auto verification = core_->audit().Verify().value();
  EXPECT_FALSE(verification.ok);
  EXPECT_EQ(verification.first_bad_sequence, 2u);
}

}  // namespace
}  // namespace liaison
