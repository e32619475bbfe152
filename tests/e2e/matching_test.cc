// The review queue and retroactive matching end to end: liaisonctl as the
// agencies, the registry and a match reviewer, against liaison-broker on
// RocksDB over mutual TLS.

#include <fstream>

#include "gmock/gmock.h"
#include "liaison/v1/alert.pb.h"
#include "liaison/v1/audit.pb.h"
#include "liaison/v1/ingest_service.pb.h"
#include "liaison/v1/review_service.pb.h"
#include "tests/e2e/ctl_json.h"
#include "tests/e2e/e2e_fixture.h"

namespace liaison::testing {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;

// Supervised in the community with a domestic abuse registration, so the
// shipped policy shares a domestic abuse callout with the offender manager.
constexpr char kOffenders[] =
    "crn,pnc,given_names,family_name,aliases,date_of_birth,address_lines,town,postcode,om_staff_code,area_code,"
    "registrations,status\n"
    "X700001,2006/0412733N,Kieran James,Thornbury,,1988-03-14,19 Carrow Road,London,SE13 6PL,N07P1001,N07,ADVP,"
    "licence\n";

// A callout naming a person; `pnc` may be empty.
std::string CalloutJson(const std::string& source_ref, const std::string& pnc, const std::string& given,
                        const std::string& family, const std::string& dob) {
  std::string identifiers;
  if (!pnc.empty()) identifiers = R"("identifiers": [{"type": "IDENTIFIER_TYPE_PNC", "value": ")" + pnc + R"("}],)";
  return R"({"sourceRef": ")" + source_ref + R"(", "occurredAt": "2026-11-20T21:14:00Z",
    "classification": "CLASSIFICATION_OFFICIAL_SENSITIVE",
    "subject": {)" + identifiers + R"("name": {"givenNames": ")" + given + R"(", "familyName": ")" + family +
         R"("}, "dateOfBirth": ")" + dob + R"("},
    "policeCallout": {"incidentType": "CALLOUT_INCIDENT_TYPE_DOMESTIC_ABUSE", "childrenPresent": true}})";
}

class MatchingE2eTest : public E2eTest {
 protected:
  void SetUp() override {
    E2eTest::SetUp();
    StartBroker();
  }

  std::string Write(const std::string& name, const std::string& text) {
    const std::string path = dir_ + "/" + name;
    std::ofstream(path) << text;
    return path;
  }

  void LoadOffenders(const std::string& csv) {
    CommandResult r = Ctl("probation-registry", {"offenders", "load", Write("offenders.csv", csv)});
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  }

  std::string Submit(const std::string& file, const std::string& json) {
    CommandResult r = Ctl("police-adapter", {"--json", "submit", Write(file, json)});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    auto responses = ParseJsonLines<v1::SubmitResponse>(r.out);
    return responses.empty() ? "" : responses[0].notification_id();
  }

  std::vector<v1::Alert> InboxOf(const std::string& recipient) {
    CommandResult r = Ctl("om-inbox", {"--json", "inbox", "list", "--recipient=" + recipient, "--all"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return ParseJsonLines<v1::Alert>(r.out);
  }

  std::vector<v1::AuditAction> AuditActions(const std::string& notification_id) {
    CommandResult r = Ctl("auditor", {"--json", "audit", "query", "--notification=" + notification_id});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    std::vector<v1::AuditAction> actions;
    for (const v1::AuditEntry& e : ParseJsonLines<v1::AuditEntry>(r.out)) actions.push_back(e.action());
    return actions;
  }
};

TEST_F(MatchingE2eTest, AReviewerSeesTheCandidateSideBySideAndLinkingRoutesTheCallout) {
  LoadOffenders(kOffenders);
  // His PNC, but another surname and date of birth: suspicious.
  const std::string id =
      Submit("suspicious.json", CalloutJson("MPS-CAD-1", "2006/0412733N", "Kieran", "Oduya", "1971-01-09"));
  ASSERT_FALSE(id.empty());
  EXPECT_TRUE(InboxOf("N07P1001").empty());

  CommandResult list = Ctl("match-reviewer", {"--json", "review", "list"});
  ASSERT_EQ(list.exit_code, 0) << list.err;
  auto items = ParseJsonLines<v1::ReviewItem>(list.out);
  ASSERT_EQ(items.size(), 1u) << list.out;
  EXPECT_EQ(items[0].notification_id(), id);
  EXPECT_EQ(items[0].decision(), v1::MATCH_DECISION_SUSPICIOUS);

  CommandResult show = Ctl("match-reviewer", {"review", "show", id});
  ASSERT_EQ(show.exit_code, 0) << show.err;
  EXPECT_THAT(show.out, HasSubstr("X700001"));
  EXPECT_THAT(show.out, HasSubstr("Oduya"));
  EXPECT_THAT(show.out, HasSubstr("Thornbury"));
  EXPECT_THAT(show.out, HasSubstr("1988-03-14"));
  EXPECT_THAT(show.out, HasSubstr("agree"));

  // Only a match reviewer may see or decide.
  EXPECT_EQ(Ctl("auditor", {"review", "list"}).exit_code, 1);

  CommandResult resolve =
      Ctl("match-reviewer", {"review", "resolve", id, "--link=X700001", "--note=checked with the force"});
  ASSERT_EQ(resolve.exit_code, 0) << resolve.err;
  std::vector<v1::Alert> inbox = InboxOf("N07P1001");
  ASSERT_EQ(inbox.size(), 1u);
  EXPECT_EQ(inbox[0].notification_id(), id);
  EXPECT_THAT(AuditActions(id), Contains(v1::AUDIT_ACTION_REVIEW_RESOLVED));
  EXPECT_EQ(Ctl("match-reviewer", {"review", "resolve", id, "--not-linked"}).exit_code, 1);
}

TEST_F(MatchingE2eTest, ACalloutAboutSomeoneUnknownReachesTheirOffenderManagerOnceTheyAreSupervised) {
  const std::string id =
      Submit("unknown.json", CalloutJson("MPS-CAD-2", "", "Kieran", "Thornbury", "1988-03-14"));
  ASSERT_FALSE(id.empty());
  EXPECT_TRUE(InboxOf("N07P1001").empty());
  LoadOffenders(kOffenders);
  std::vector<v1::Alert> inbox = InboxOf("N07P1001");
  ASSERT_EQ(inbox.size(), 1u);
  EXPECT_EQ(inbox[0].notification_id(), id);
  EXPECT_EQ(inbox[0].crn(), "X700001");
  EXPECT_THAT(AuditActions(id), Contains(v1::AUDIT_ACTION_REMATCHED));

  // A restart finds nothing left to do and sends nothing twice.
  ASSERT_EQ(broker_->Stop(SIGTERM), 0);
  StartBroker();
  EXPECT_EQ(InboxOf("N07P1001").size(), 1u);
}

TEST_F(MatchingE2eTest, AMergeThroughTheCommandLineRoutesTheMergedIdentityToTheSurvivor) {
  LoadOffenders(std::string(kOffenders) +
                "X700002,2003/0088214E,Kev,Thorn,,1979-05-02,2 Mill Lane,Leeds,LS1 4AB,N07P1003,N07,ADVP,licence\n");
  CommandResult merged =
      Ctl("probation-registry", {"offenders", "merge", "X700002", "--into=X700001", "--reason=same person"});
  ASSERT_EQ(merged.exit_code, 0) << merged.err;
  const std::string id =
      Submit("merged.json", CalloutJson("MPS-CAD-3", "2003/0088214E", "Kev", "Thorn", "1979-05-02"));
  ASSERT_EQ(InboxOf("N07P1001").size(), 1u);
  EXPECT_TRUE(InboxOf("N07P1003").empty());
  EXPECT_EQ(InboxOf("N07P1001")[0].notification_id(), id);
  CommandResult unmerged = Ctl("probation-registry", {"offenders", "unmerge", "X700002"});
  ASSERT_EQ(unmerged.exit_code, 0) << unmerged.err;
}

}  // namespace
}  // namespace liaison::testing
