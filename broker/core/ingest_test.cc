#include <set>

#include "absl/strings/match.h"
#include <thread>

#include "broker/core/core_test_fixture.h"
#include "broker/storage/keys.h"
#include "gmock/gmock.h"

namespace liaison {
namespace {

using storage::Table;
using testing::ElementsAre;
using testing::HasSubstr;
using testing::StartsWith;

constexpr char kPnc[] = "1979/0163001B";

TEST_F(CoreTest, LinkedNotificationAlertsTheOffenderManagerAndCoWorkerWithAnAuditTrail) {
  AddOffender("X100001", kPnc, "N07P1001", "N07P1002");
  const std::string id = Submit("CAD-1", "79/163001b");

  std::vector<v1::Alert> om = Pending("N07P1001");
  ASSERT_EQ(om.size(), 1u);
  EXPECT_EQ(om[0].notification_id(), id);
  EXPECT_EQ(om[0].crn(), "X100001");
  EXPECT_EQ(om[0].recipient_role(), v1::RECIPIENT_ROLE_OFFENDER_MANAGER);
  EXPECT_EQ(om[0].sequence(), 1u);
  EXPECT_EQ(om[0].notification().source().principal(), kPolice);
  ASSERT_EQ(Pending("N07P1002").size(), 1u);

  std::vector<v1::AuditAction> actions;
  for (const auto& entry : AuditFor(id)) actions.push_back(entry.action());
  EXPECT_THAT(actions, ElementsAre(v1::AUDIT_ACTION_NOTIFICATION_ACCEPTED, v1::AUDIT_ACTION_MATCH_DECIDED,
                                   v1::AUDIT_ACTION_ROUTING_DECIDED, v1::AUDIT_ACTION_ROUTING_DECIDED));
  EXPECT_TRUE(core_->audit().Verify()->ok);
}

TEST_F(CoreTest, ChildrensDetailsAreWithheldFromTheAlert) {
  AddOffender("X100001", kPnc, "N07P1001");
  Submit("CAD-1", kPnc);
  v1::Alert alert = Pending("N07P1001")[0];
  EXPECT_FALSE(alert.notification().related_people(0).has_person());
  EXPECT_EQ(alert.notification().related_people(0).age(), 6);
  EXPECT_THAT(alert.withheld(), ElementsAre("related_people[0].person"));
}

TEST_F(CoreTest, UnmatchedNotificationIsRetainedAndAuditedButAlertsNobody) {
  AddOffender("X100001", kPnc, "N07P1001");
  // Someone else: another PNC, name and date of birth.
  v1::Notification n = Callout("CAD-2", "2012/0052494Q");
  n.mutable_subject()->mutable_name()->set_given_names("Petra");
  n.mutable_subject()->mutable_name()->set_family_name("Lindqvist");
  n.mutable_subject()->set_date_of_birth("1990-07-07");
  auto outcome = core_->ingestor().Submit(Police(), n);
  ASSERT_TRUE(outcome.ok()) << outcome.status();
  const std::string id = outcome->notification_id;
  EXPECT_TRUE(Pending("N07P1001").empty());
  EXPECT_TRUE(store_.Get(Table::kNotifications, id).value().has_value());
  int unmatched = 0;
  ASSERT_TRUE(store_.Scan(Table::kUnmatched, "", "", false, [&](absl::string_view key, absl::string_view) {
    unmatched += absl::EndsWith(key, id);
    return true;
  }).ok());
  EXPECT_EQ(unmatched, 1);
  std::vector<v1::AuditEntry> audit = AuditFor(id);
  ASSERT_EQ(audit.size(), 3u);
  EXPECT_EQ(audit[1].match().decision(), v1::MATCH_DECISION_NO_MATCH);
  EXPECT_EQ(audit[2].action(), v1::AUDIT_ACTION_UNMATCHED_RETAINED);
}

TEST_F(CoreTest, ResubmissionIsIdempotentAndADifferentPayloadIsRefused) {
  AddOffender("X100001", kPnc, "N07P1001");
  const std::string id = Submit("CAD-3", kPnc);
  const size_t keys = store_.TotalKeys();

  auto again = core_->ingestor().Submit(Police(), Callout("CAD-3", kPnc));
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->duplicate);
  EXPECT_EQ(again->notification_id, id);
  EXPECT_EQ(store_.TotalKeys(), keys);
  EXPECT_EQ(Pending("N07P1001").size(), 1u);

  v1::Notification changed = Callout("CAD-3", kPnc);
  changed.mutable_police_callout()->set_summary("something else");
  auto refused = core_->ingestor().Submit(Police(), changed);
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kAlreadyExists);
  EXPECT_THAT(std::string(refused.status().message()), StartsWith("source_ref: already used"));
  EXPECT_EQ(store_.TotalKeys(), keys);
}

TEST_F(CoreTest, AnIdentifierSpeltDifferentlyIsStillTheSameNotification) {
  const std::string id = Submit("CAD-8", "1979/0163001B");
  auto again = core_->ingestor().Submit(Police(), Callout("CAD-8", "79/163001b"));
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_TRUE(again->duplicate);
  EXPECT_EQ(again->notification_id, id);
}

TEST_F(CoreTest, TheSameSourceRefFromAnotherSourceIsANewNotification) {
  const std::string first = Submit("REF-1", kPnc);
  v1::Source other = Police();
  other.set_principal("spiffe://liaison.dev/other-force");
  auto second = core_->ingestor().Submit(other, Callout("REF-1", kPnc));
  ASSERT_TRUE(second.ok());
  EXPECT_FALSE(second->duplicate);
  EXPECT_NE(second->notification_id, first);
}

TEST_F(CoreTest, BadInputNamesTheFieldAndWritesNothing) {
  const size_t keys = store_.TotalKeys();
  auto bad_pnc = core_->ingestor().Submit(Police(), Callout("CAD-4", "1979/0163001C"));
  EXPECT_EQ(bad_pnc.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(bad_pnc.status().message()), StartsWith("subject.identifiers[0].value: "));
  EXPECT_THAT(std::string(bad_pnc.status().message()), testing::Not(HasSubstr("0163001C")));

  v1::Notification huge = Callout("CAD-5", kPnc);
  huge.mutable_police_callout()->set_summary(std::string(70000, 'x'));
  auto oversized = core_->ingestor().Submit(Police(), huge);
  EXPECT_THAT(std::string(oversized.status().message()), StartsWith("notification: is "));

  v1::Notification spoofed = Callout("CAD-6", kPnc);
  spoofed.mutable_source()->set_agency_kind(v1::AGENCY_KIND_PRISON);
  EXPECT_THAT(std::string(core_->ingestor().Submit(Police(), spoofed).status().message()), StartsWith("source: "));
  EXPECT_EQ(store_.TotalKeys(), keys);
}

TEST_F(CoreTest, AStorageFailureLeavesNothingAndTheRetrySucceeds) {
  AddOffender("X100001", kPnc, "N07P1001");
  const size_t keys = store_.TotalKeys();
  store_.FailWrites(true);
  auto failed = core_->ingestor().Submit(Police(), Callout("CAD-7", kPnc));
  EXPECT_EQ(failed.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(store_.TotalKeys(), keys);
  store_.FailWrites(false);
  auto retried = core_->ingestor().Submit(Police(), Callout("CAD-7", kPnc));
  ASSERT_TRUE(retried.ok());
  EXPECT_FALSE(retried->duplicate);
  EXPECT_EQ(Pending("N07P1001").size(), 1u);
  EXPECT_TRUE(core_->audit().Verify()->ok);
}

TEST_F(CoreTest, ABatchCommitsItsAcceptedItemsInOneSync) {
  AddOffender("X100001", kPnc, "N07P1001");
  const int syncs = store_.synced_writes();
  std::vector<v1::Notification> batch = {Callout("B-1", kPnc), Callout("B-2", "1979/0163001C"),
                                         Callout("B-1", kPnc), Callout("B-3", kPnc)};
  auto results = core_->ingestor().SubmitBatch(Police(), batch).value();
  ASSERT_EQ(results.size(), 4u);
  ASSERT_TRUE(results[0].ok());
  EXPECT_EQ(results[1].status().code(), absl::StatusCode::kInvalidArgument);
  ASSERT_TRUE(results[2].ok());
  EXPECT_TRUE(results[2]->duplicate);
  EXPECT_EQ(results[2]->notification_id, results[0]->notification_id);
  ASSERT_TRUE(results[3].ok());
  EXPECT_EQ(store_.synced_writes(), syncs + 1);
  EXPECT_EQ(Pending("N07P1001").size(), 2u);
}

TEST_F(CoreTest, ConcurrentSubmissionsOfOneSourceRefCreateOneNotification) {
  AddOffender("X100001", kPnc, "N07P1001");
  constexpr int kThreads = 8;
  std::vector<absl::StatusOr<ingest::SubmitOutcome>> outcomes(kThreads, absl::UnknownError("unset"));
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] { outcomes[i] = core_->ingestor().Submit(Police(), Callout("RACE-1", kPnc)); });
  }
  for (auto& t : threads) t.join();
  std::set<std::string> ids;
  int originals = 0;
  for (const auto& outcome : outcomes) {
    ASSERT_TRUE(outcome.ok()) << outcome.status();
    ids.insert(outcome->notification_id);
    originals += !outcome->duplicate;
  }
  EXPECT_EQ(ids.size(), 1u);
  EXPECT_EQ(originals, 1);
  EXPECT_EQ(Pending("N07P1001").size(), 1u);
}

}  // namespace
}  // namespace liaison
