// The review queue and retroactive matching through the wired core: what a
// reviewer sees and decides, and notifications retained unmatched that link
// when the offender index changes (domain.md stories 7 and 8).

#include "absl/strings/match.h"
#include "broker/core/core_test_fixture.h"
#include "broker/storage/keys.h"
#include "liaison/store/v1/records.pb.h"
#include "gmock/gmock.h"

namespace liaison {
namespace {

using storage::Table;
using testing::Contains;
using testing::ElementsAre;
using testing::HasSubstr;

constexpr char kPnc[] = "1979/0163001B";

class ReviewRematchTest : public CoreTest {
 protected:
  // A callout naming someone with no identifier: matched on name, date of
  // birth and address only.
  v1::Notification Named(const std::string& source_ref, const std::string& given, const std::string& family,
                         const std::string& dob) const {
    v1::Notification n = Callout(source_ref, kPnc);
    n.mutable_subject()->clear_identifiers();
    n.mutable_subject()->mutable_name()->set_given_names(given);
    n.mutable_subject()->mutable_name()->set_family_name(family);
    n.mutable_subject()->set_date_of_birth(dob);
    return n;
  }

  std::string SubmitNotification(const v1::Notification& n) {
    auto outcome = core_->ingestor().Submit(Police(), n);
    EXPECT_TRUE(outcome.ok()) << outcome.status();
    return outcome.ok() ? outcome->notification_id : "";
  }

  store::v1::StoredNotification Stored(const std::string& id) {
    auto bytes = store_.Get(Table::kNotifications, id).value();
    store::v1::StoredNotification stored;
    EXPECT_TRUE(bytes.has_value() && stored.ParseFromString(*bytes));
    return stored;
  }

  size_t TableSize(Table table) {
    size_t n = 0;
    EXPECT_TRUE(store_.Scan(table, "", "", false, [&](absl::string_view, absl::string_view) {
      ++n;
      return true;
    }).ok());
    return n;
  }

  std::vector<v1::AuditAction> Actions(const std::string& id) {
    std::vector<v1::AuditAction> actions;
    for (const auto& entry : AuditFor(id)) actions.push_back(entry.action());
    return actions;
  }

  // Someone whose PNC agrees with Dean Ashworth's record but whose surname
  // and date of birth both differ: suspicious, a person decides.
  std::string SubmitSuspicious(const std::string& source_ref) {
    v1::Notification n = Callout(source_ref, kPnc);
    n.mutable_subject()->mutable_name()->set_family_name("Okonkwo");
    n.mutable_subject()->set_date_of_birth("1961-11-19");
    return SubmitNotification(n);
  }
};

TEST_F(ReviewRematchTest, ASuspiciousMatchWaitsInTheReviewQueueWithTheFieldsCompared) {
  AddOffender("X100001", kPnc, "N07P1001");
  const std::string id = SubmitSuspicious("CAD-10");
  EXPECT_EQ(Stored(id).match().decision(), v1::MATCH_DECISION_SUSPICIOUS);
  EXPECT_TRUE(Pending("N07P1001").empty());

  v1::ListReviewsRequest request;
  auto list = core_->reviews().List(request);
  ASSERT_TRUE(list.ok()) << list.status();
  ASSERT_EQ(list->items_size(), 1);
  EXPECT_EQ(list->items(0).notification_id(), id);
  EXPECT_EQ(list->items(0).state(), v1::REVIEW_STATE_OPEN);
  ASSERT_EQ(list->items(0).candidates_size(), 1);
  EXPECT_EQ(list->items(0).candidates(0).crn(), "X100001");

  auto detail = core_->reviews().Get(id);
  ASSERT_TRUE(detail.ok()) << detail.status();
  EXPECT_EQ(detail->subject().name().family_name(), "Okonkwo");
  ASSERT_EQ(detail->candidates_size(), 1);
  EXPECT_EQ(detail->candidates(0).offender_manager(), "N07P1001");
  std::map<std::string, v1::FieldRow> rows;
  for (const v1::FieldRow& row : detail->candidates(0).rows()) rows[row.field()] = row;
  EXPECT_EQ(rows["surname"].subject_value(), "Okonkwo");
  EXPECT_EQ(rows["surname"].candidate_value(), "Ashworth");
  EXPECT_EQ(rows["surname"].level(), "else");
  EXPECT_EQ(rows["id:PNC"].level(), "agree");
  EXPECT_EQ(rows["dob"].candidate_value(), "1985-03-02");
  EXPECT_THAT(Actions(id), Contains(v1::AUDIT_ACTION_REVIEW_OPENED));
}

TEST_F(ReviewRematchTest, LinkingAReviewRoutesTheNotificationAndAuditsTheReviewer) {
  AddOffender("X100001", kPnc, "N07P1001", "N07P1002");
  const std::string id = SubmitSuspicious("CAD-11");
  v1::ResolveReviewRequest resolve;
  resolve.set_notification_id(id);
  resolve.set_link_crn("x100001");
  resolve.set_note("same man: PNC checked on the police system");
  auto item = core_->reviews().Resolve(resolve, "spiffe://liaison.dev/reviewer-1");
  ASSERT_TRUE(item.ok()) << item.status();
  EXPECT_EQ(item->state(), v1::REVIEW_STATE_LINKED);
  EXPECT_EQ(item->linked_crn(), "X100001");
  EXPECT_EQ(item->resolved_by(), "spiffe://liaison.dev/reviewer-1");

  ASSERT_EQ(Pending("N07P1001").size(), 1u);
  EXPECT_EQ(Pending("N07P1001")[0].notification_id(), id);
  EXPECT_EQ(Pending("N07P1002").size(), 1u);
  const store::v1::StoredNotification stored = Stored(id);
  EXPECT_EQ(stored.match().decision(), v1::MATCH_DECISION_LINKED);
  EXPECT_EQ(stored.match().method(), v1::MATCH_METHOD_HUMAN_REVIEW);
  EXPECT_EQ(stored.match().decided_by(), "spiffe://liaison.dev/reviewer-1");
  EXPECT_EQ(TableSize(Table::kUnmatched), 0u);
  EXPECT_EQ(TableSize(Table::kUnmatchedKeys), 0u);
  EXPECT_EQ(TableSize(Table::kReviewQueue), 0u);

  std::vector<v1::AuditEntry> audit = AuditFor(id);
  bool resolved = false;
  for (const v1::AuditEntry& e : audit) {
    if (e.action() != v1::AUDIT_ACTION_REVIEW_RESOLVED) continue;
    resolved = true;
    EXPECT_EQ(e.actor(), "spiffe://liaison.dev/reviewer-1");
    EXPECT_EQ(e.match().decision(), v1::MATCH_DECISION_LINKED);
    EXPECT_THAT(e.match().candidate_crns(), ElementsAre("X100001"));
    EXPECT_EQ(e.match().note(), "same man: PNC checked on the police system");
  }
  EXPECT_TRUE(resolved);
  EXPECT_EQ(Actions(id).back(), v1::AUDIT_ACTION_ROUTING_DECIDED);
  EXPECT_TRUE(core_->audit().Verify()->ok);

  // A second decision on the same item is refused.
  auto again = core_->reviews().Resolve(resolve, "spiffe://liaison.dev/reviewer-2");
  EXPECT_EQ(again.status().code(), absl::StatusCode::kFailedPrecondition);
}

TEST_F(ReviewRematchTest, BadResolutionsNameTheFieldAndChangeNothing) {
  AddOffender("X100001", kPnc, "N07P1001");
  AddOffender("X100002", "", "N07P2001");
  const std::string id = SubmitSuspicious("CAD-12");
  v1::ResolveReviewRequest resolve;
  resolve.set_notification_id(id);
  auto none = core_->reviews().Resolve(resolve, "reviewer");
  EXPECT_EQ(none.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(none.status().message(), HasSubstr("outcome"));
  resolve.set_link_crn("X100002");  // a real record, but not a candidate
  auto other = core_->reviews().Resolve(resolve, "reviewer");
  EXPECT_EQ(other.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(other.status().message(), HasSubstr("link_crn"));
  resolve.set_notification_id("ntf_unknown");
  EXPECT_EQ(core_->reviews().Resolve(resolve, "reviewer").status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(TableSize(Table::kReviewQueue), 1u);
  EXPECT_TRUE(Pending("N07P2001").empty());
}

TEST_F(ReviewRematchTest, NotLinkedStaysRetainedAndIsNeverLinkedToTheRejectedRecord) {
  AddOffender("X100001", kPnc, "N07P1001");
  const std::string id = SubmitSuspicious("CAD-13");
  v1::ResolveReviewRequest resolve;
  resolve.set_notification_id(id);
  resolve.set_not_linked(true);
  auto item = core_->reviews().Resolve(resolve, "reviewer");
  ASSERT_TRUE(item.ok()) << item.status();
  EXPECT_EQ(item->state(), v1::REVIEW_STATE_NOT_LINKED);
  const store::v1::StoredNotification stored = Stored(id);
  EXPECT_THAT(stored.rejected_crns(), ElementsAre("X100001"));
  EXPECT_EQ(TableSize(Table::kUnmatched), 1u);

  // The rejected record later gains the subject's surname as an alias: the
  // notification now scores highly against it, but is still not linked.
  v1::OffenderRecord record = core_->registry().Get("X100001").value();
  v1::PersonName* alias = record.add_aliases();
  alias->set_given_names("Dean");
  alias->set_family_name("Okonkwo");
  ASSERT_TRUE(core_->registry().Upsert(record, "registry").ok());
  EXPECT_TRUE(Pending("N07P1001").empty());
  EXPECT_EQ(Stored(id).match().decision(), v1::MATCH_DECISION_NO_MATCH);
  // Listing by state finds the resolved item.
  v1::ListReviewsRequest request;
  request.set_state(v1::REVIEW_STATE_NOT_LINKED);
  EXPECT_EQ(core_->reviews().List(request)->items_size(), 1);
}

TEST_F(ReviewRematchTest, AnUnknownPersonsCalloutIsDeliveredWhenTheyComeUnderSupervision) {
  const std::string id = SubmitNotification(Named("CAD-20", "Dean", "Ashworth", "1985-03-02"));
  EXPECT_EQ(Stored(id).match().decision(), v1::MATCH_DECISION_NO_MATCH);
  EXPECT_GT(TableSize(Table::kUnmatchedKeys), 0u);

  clock_.Advance(absl::Hours(24 * 30));
  AddOffender("X100001", "", "N07P1001");  // Dean Ashworth, 1985-03-02

  std::vector<v1::Alert> om = Pending("N07P1001");
  ASSERT_EQ(om.size(), 1u);
  EXPECT_EQ(om[0].notification_id(), id);
  EXPECT_EQ(om[0].crn(), "X100001");
  const store::v1::StoredNotification stored = Stored(id);
  EXPECT_EQ(stored.match().decision(), v1::MATCH_DECISION_LINKED);
  EXPECT_EQ(TableSize(Table::kUnmatched), 0u);
  EXPECT_EQ(TableSize(Table::kUnmatchedKeys), 0u);
  EXPECT_EQ(TableSize(Table::kRematchJobs), 0u);
  EXPECT_THAT(Actions(id), Contains(v1::AUDIT_ACTION_REMATCHED));
  EXPECT_TRUE(core_->audit().Verify()->ok);
}

TEST_F(ReviewRematchTest, GainingAnAliasLinksAnEarlierNotificationAndClosesItsReview) {
  AddOffender("X100001", "", "N07P1001");  // Dean Ashworth
  // Police know him by another surname: weaker evidence, a person decides.
  const std::string id = SubmitNotification(Named("CAD-21", "Dean", "Bramley", "1985-03-02"));
  ASSERT_EQ(Stored(id).match().decision(), v1::MATCH_DECISION_REVIEW);
  EXPECT_TRUE(Pending("N07P1001").empty());

  v1::OffenderRecord record = core_->registry().Get("X100001").value();
  v1::PersonName* alias = record.add_aliases();
  alias->set_given_names("Dean");
  alias->set_family_name("Bramley");
  ASSERT_TRUE(core_->registry().Upsert(record, "registry").ok());

  ASSERT_EQ(Pending("N07P1001").size(), 1u);
  auto review = core_->reviews().Get(id);
  ASSERT_TRUE(review.ok());
  EXPECT_EQ(review->item().state(), v1::REVIEW_STATE_SUPERSEDED);
  EXPECT_EQ(TableSize(Table::kReviewQueue), 0u);
}

TEST_F(ReviewRematchTest, NotificationsPastRetentionAreNotMatchedAgain) {
  const std::string id = SubmitNotification(Named("CAD-22", "Dean", "Ashworth", "1985-03-02"));
  clock_.Advance(absl::Hours(24 * 400));  // default retention 365 days
  AddOffender("X100001", "", "N07P1001");
  EXPECT_TRUE(Pending("N07P1001").empty());
  EXPECT_EQ(Stored(id).match().decision(), v1::MATCH_DECISION_NO_MATCH);
  EXPECT_EQ(TableSize(Table::kRematchJobs), 0u);
}

TEST_F(ReviewRematchTest, AJobLeftByACrashRunsWhenTheBrokerStarts) {
  const std::string id = SubmitNotification(Named("CAD-23", "Dean", "Ashworth", "1985-03-02"));
  AddOffender("X100001", "", "N07P1001");
  ASSERT_EQ(Pending("N07P1001").size(), 1u);
  // Simulate a crash between the record's commit and its rematch: put the
  // notification back as retained, and the job back.
  store::v1::StoredNotification stored = Stored(id);
  ASSERT_TRUE(store_.Write({{Table::kRematchJobs, "X100001", ""}}, true).ok());
  core_.reset();
  BrokerCore::Options options;
  options.policy = policy::OffenderManagerTestPolicy();
  core_ = BrokerCore::Create(&store_, &clock_, options).value();
  EXPECT_EQ(TableSize(Table::kRematchJobs), 0u);
  // Already linked: the job repeats no work and sends nothing twice.
  EXPECT_EQ(Pending("N07P1001").size(), 1u);
}

}  // namespace
}  // namespace liaison
