// Stories 1, 2 and 6 of domain.md and an unmatched callout, end to end:
// liaison-demo-data -> liaisonctl (as each agency) -> liaison-broker (mTLS,
// RocksDB) -> liaisonctl (as the inbox and the auditor).
#include <signal.h>

#include <map>
#include <set>

#include "tests/support/stopped_store.h"
#include "gmock/gmock.h"
#include "google/protobuf/struct.pb.h"
#include "liaison/v1/alert.pb.h"
#include "liaison/v1/audit.pb.h"
#include "liaison/v1/ingest_service.pb.h"
#include "tests/e2e/ctl_json.h"
#include "tests/e2e/e2e_fixture.h"
#include "tests/support/consistency.h"

namespace liaison::testing {
namespace {

struct Story {
  std::string file;
  std::string agency;
  std::string crn;
  std::vector<std::string> recipients;
};

std::vector<Story> ReadExpected(const std::string& path) {
  google::protobuf::Struct root;
  EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(ReadFileOrEmpty(path), &root).ok());
  std::vector<Story> stories;
  for (const auto& value : root.fields().at("stories").list_value().values()) {
    const auto& fields = value.struct_value().fields();
    Story story{fields.at("file").string_value(), fields.at("agency").string_value(),
                fields.at("crn").string_value(), {}};
    for (const auto& r : fields.at("recipients").list_value().values()) story.recipients.push_back(r.string_value());
    stories.push_back(story);
  }
  return stories;
}

class StoriesTest : public E2eTest {
 protected:
  void SetUp() override {
    E2eTest::SetUp();
    demo_ = dir_ + "/demo";
    CommandResult generated = RunCommand({DemoDataBinary(), "--out=" + demo_, "--people=300"});
    ASSERT_EQ(generated.exit_code, 0) << generated.err;
    stories_ = ReadExpected(demo_ + "/expected.json");
    ASSERT_EQ(stories_.size(), 5u);
    StartBroker();
    CommandResult loaded = Ctl("probation-registry", {"offenders", "load", demo_ + "/offenders.csv"});
    ASSERT_EQ(loaded.exit_code, 0) << loaded.out << loaded.err;
  }

  // Submits a story file as its agency; returns the response.
  v1::SubmitResponse SubmitStory(const Story& story) {
    const std::string who = story.agency == "police" ? "police-adapter" : "social-care-adapter";
    CommandResult r = Ctl(who, {"--json", "submit", demo_ + "/" + story.file});
    EXPECT_EQ(r.exit_code, 0) << story.file << ": " << r.err;
    auto responses = ParseJsonLines<v1::SubmitResponse>(r.out);
    EXPECT_EQ(responses.size(), 1u) << r.out;
    return responses.empty() ? v1::SubmitResponse() : responses[0];
  }

  std::vector<v1::Alert> InboxOf(const std::string& recipient) {
    CommandResult r = Ctl("om-inbox", {"--json", "inbox", "list", "--recipient=" + recipient, "--all"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return ParseJsonLines<v1::Alert>(r.out);
  }

  std::string demo_;
  std::vector<Story> stories_;
};

TEST_F(StoriesTest, EachStoryReachesItsOffenderManagerAndTheUnmatchedCalloutIsRetained) {
  std::map<std::string, std::string> id_of;  // story file -> notification id
  for (const Story& story : stories_) {
    v1::SubmitResponse response = SubmitStory(story);
    EXPECT_FALSE(response.duplicate());
    id_of[story.file] = response.notification_id();
  }

  std::set<std::string> delivered;  // notification ids seen in any demo inbox
  for (const char* recipient : {"N07P1001", "N07P1002", "N07P1003", "N07P1004"}) {
    for (const v1::Alert& alert : InboxOf(recipient)) delivered.insert(alert.notification_id());
  }
  for (const Story& story : stories_) {
    SCOPED_TRACE(story.file);
    const std::string& id = id_of[story.file];
    if (story.recipients.empty()) {
      EXPECT_FALSE(delivered.contains(id)) << "an unmatched notification reached an inbox";
      continue;
    }
    for (size_t i = 0; i < story.recipients.size(); ++i) {
      std::vector<v1::Alert> inbox = InboxOf(story.recipients[i]);
      auto it = std::find_if(inbox.begin(), inbox.end(), [&](const v1::Alert& a) { return a.notification_id() == id; });
      ASSERT_NE(it, inbox.end()) << "not in the inbox of " << story.recipients[i];
      EXPECT_EQ(it->crn(), story.crn);
      EXPECT_EQ(it->recipient_role(), i == 0 ? v1::RECIPIENT_ROLE_OFFENDER_MANAGER : v1::RECIPIENT_ROLE_CO_WORKER);
      EXPECT_FALSE(it->legal_basis().empty());
      EXPECT_TRUE(absl::StartsWith(it->policy(), "england-wales@")) << it->policy();
      EXPECT_FALSE(it->rule_ids().empty());
      // Under the shipped policy children's details reach the offender
      // manager only for a safeguarding purpose, never the co-worker.
      for (const auto& related : it->notification().related_people()) {
        if (related.role() == v1::RELATED_ROLE_CHILD && it->recipient_role() == v1::RECIPIENT_ROLE_CO_WORKER) {
          EXPECT_FALSE(related.has_person()) << "a child's identity was shared with the co-worker";
        }
      }
    }
  }

  // The unmatched callout: audited as retained, and kept in the store.
  const std::string unmatched = id_of["stories/unmatched-police-callout.json"];
  CommandResult audit = Ctl("auditor", {"--json", "audit", "query", "--notification=" + unmatched});
  ASSERT_EQ(audit.exit_code, 0) << audit.err;
  std::vector<v1::AuditAction> actions;
  for (const auto& entry : ParseJsonLines<v1::AuditEntry>(audit.out)) {
    actions.push_back(entry.action());
    if (entry.has_match()) {
      EXPECT_EQ(entry.match().decision(), v1::MATCH_DECISION_NO_MATCH);
    }
  }
  EXPECT_EQ(actions, (std::vector<v1::AuditAction>{v1::AUDIT_ACTION_NOTIFICATION_ACCEPTED,
                                                   v1::AUDIT_ACTION_MATCH_DECIDED,
                                                   v1::AUDIT_ACTION_UNMATCHED_RETAINED}));
  EXPECT_EQ(Ctl("auditor", {"audit", "verify"}).exit_code, 0);

  ASSERT_EQ(broker_->Stop(SIGTERM), 0);
  auto store = StoppedStore::Open(data_dir_);
  ASSERT_TRUE(store.ok()) << store.status();
  EXPECT_TRUE((*store)->Get(storage::Table::kNotifications, unmatched)->has_value());
  auto census = CheckConsistency(**store);
  ASSERT_TRUE(census.ok()) << census.status();
  EXPECT_EQ(census->notifications, 5u);
}

TEST_F(StoriesTest, ResubmittingAStoryIsADuplicateAndAlertsNoOneAgain) {
  const Story& story = stories_[0];
  const v1::SubmitResponse first = SubmitStory(story);
  const size_t alerts = InboxOf(story.recipients[0]).size();
  const v1::SubmitResponse again = SubmitStory(story);
  EXPECT_TRUE(again.duplicate());
  EXPECT_EQ(again.notification_id(), first.notification_id());
  EXPECT_EQ(InboxOf(story.recipients[0]).size(), alerts);
}

TEST_F(StoriesTest, WatchingResumesFromTheCursorWithoutGapOrDuplicate) {
  for (const Story& story : stories_) SubmitStory(story);
  // N07P1001 has three alerts: story 1's callout and referral, story 6's arrest.
  auto watch = [&](int after, int count) {
    CommandResult r = Ctl("om-inbox", {"--json", "inbox", "watch", "--recipient=N07P1001",
                                       "--after=" + std::to_string(after), "--count=" + std::to_string(count)});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    std::vector<uint64_t> sequences;
    for (const auto& alert : ParseJsonLines<v1::Alert>(r.out)) sequences.push_back(alert.sequence());
    return sequences;
  };
  std::vector<uint64_t> seen = watch(0, 2);  // then the client goes away
  for (uint64_t s : watch(2, 1)) seen.push_back(s);
  EXPECT_EQ(seen, (std::vector<uint64_t>{1, 2, 3}));
}

TEST_F(StoriesTest, AcknowledgingThroughTheCommandLineIsIdempotent) {
  for (const Story& story : stories_) SubmitStory(story);
  const std::string alert = InboxOf("N07P1003").at(0).alert_id();
  CommandResult wrong = Ctl("om-inbox", {"inbox", "ack", "--recipient=N07P1001", alert});
  EXPECT_EQ(wrong.exit_code, 1);
  EXPECT_THAT(wrong.err, ::testing::HasSubstr("NOT_FOUND"));
  CommandResult first = Ctl("om-inbox", {"inbox", "ack", "--recipient=N07P1003", alert});
  EXPECT_EQ(first.exit_code, 0) << first.err;
  EXPECT_EQ(first.out, alert + ": acknowledged\n");
  CommandResult again = Ctl("om-inbox", {"inbox", "ack", "--recipient=N07P1003", alert});
  EXPECT_EQ(again.out, alert + ": already acknowledged\n");
  EXPECT_EQ(InboxOf("N07P1003").at(0).state(), v1::ALERT_STATE_ACKNOWLEDGED);
}

}  // namespace
}  // namespace liaison::testing
