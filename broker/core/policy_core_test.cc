// The policy in the broker: escalation at deadlines (durable across
// restarts), the allocation history (story 7), related people's offender
// managers (story 5) and hot reload under concurrent load. These run the
// shipped policy (policy/england-wales.textproto) with a test directory.

#include <atomic>
#include <map>
#include <set>
#include <thread>

#include "absl/strings/str_cat.h"
#include "broker/core/core_test_fixture.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "policy/loader.h"

namespace liaison {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::HasSubstr;

constexpr char kPnc[] = "1979/0163001B";
constexpr char kOtherPnc[] = "2006/0412733N";

policy::v1::Directory Directory() {
  policy::v1::Directory d;
  policy::v1::Area* area = d.add_areas();
  area->set_code("N07");
  area->set_mappa_coordinator("N07-MAPPA");
  area->set_duty_inbox("N07-DUTY");
  area->set_police_public_protection("N07-PPU");
  for (const char* code : {"MDI", "LEI"}) {
    policy::v1::PrisonEntry* prison = d.add_prisons();
    prison->set_code(code);
    prison->set_security_inbox(absl::StrCat(code, "-SECURITY"));
  }
  policy::v1::TeamEntry* team = d.add_teams();
  team->set_code("childrens-services");
  team->set_inbox("LBL-MASH");
  return d;
}

std::shared_ptr<const policy::RulePolicy> Shipped() {
  return policy::ParsePolicy(policy::BuiltInPolicyText(), policy::kBuiltInPolicyOrigin, Directory()).value();
}

class PolicyCoreTest : public CoreTest {
 protected:
  void SetUp() override { Restart(); }

  void Restart() {
    core_.reset();
    BrokerCore::Options options;
    options.policy = Shipped();
    core_ = BrokerCore::Create(&store_, &clock_, options).value();
  }

  // A person on a community order in area N07 with a domestic abuse
  // registration: arrests are immediate (2 h deadline, then the manager,
  // then the duty inbox).
  void AddSupervised(const std::string& crn, const std::string& pnc, const std::string& om,
                     const std::string& given = "Dean", const std::string& family = "Ashworth",
                     const std::string& dob = "1985-03-02") {
    v1::OffenderRecord record;
    record.set_crn(crn);
    v1::Identifier* id = record.add_identifiers();
    id->set_type(v1::IDENTIFIER_TYPE_PNC);
    id->set_value(pnc);
    record.mutable_name()->set_given_names(given);
    record.mutable_name()->set_family_name(family);
    record.set_date_of_birth(dob);
    record.mutable_offender_manager()->set_staff_code(om);
    record.mutable_manager()->set_staff_code("N07M0001");
    record.set_area_code("N07");
    record.add_registrations("ADVP");
    record.set_status(v1::SUPERVISION_STATUS_COMMUNITY_ORDER);
    ASSERT_TRUE(core_->registry().Upsert(record, "test-registry").ok());
  }

  std::string SubmitArrest(const std::string& ref, const std::string& pnc = kPnc) {
    v1::Notification n = Callout(ref, pnc);
    n.clear_related_people();
    n.mutable_arrest()->set_offence("Theft");
    n.mutable_arrest()->set_outcome(v1::ARREST_OUTCOME_IN_CUSTODY);
    auto outcome = core_->ingestor().Submit(Police(), n);
    EXPECT_TRUE(outcome.ok()) << outcome.status();
    return outcome.ok() ? outcome->notification_id : "";
  }

  int Escalate() {
    absl::StatusOr<int> created = core_->escalator().RunDue();
    EXPECT_TRUE(created.ok()) << created.status();
    return created.ok() ? *created : -1;
  }

  std::vector<v1::AuditEntry> Actions(v1::AuditAction action) {
    audit::AuditFilter filter;
    filter.page_size = 1000;
    std::vector<v1::AuditEntry> out;
    std::vector<v1::AuditEntry> all = core_->audit().Query(filter).value().entries;
    for (v1::AuditEntry& e : all) {
      if (e.action() == action) out.push_back(std::move(e));
    }
    return out;
  }
};

TEST_F(PolicyCoreTest, AlertsCarryThePolicyVersionRulesAndDeadline) {
  AddSupervised("X100001", kPnc, "N07P1001");
  const std::string id = SubmitArrest("ARR-1");
  std::vector<v1::Alert> inbox = Pending("N07P1001");
  ASSERT_EQ(inbox.size(), 1u);
  EXPECT_EQ(inbox[0].policy(), core_->policy().version());
  EXPECT_THAT(inbox[0].rule_ids(), ElementsAre("arrest/under-supervision", "forbid/caller-identity"));
  EXPECT_EQ(inbox[0].legal_basis(), "Offender Management Act 2007 s.14");
  EXPECT_EQ(inbox[0].priority(), v1::PRIORITY_IMMEDIATE);
  EXPECT_EQ(FromProtoTime(inbox[0].ack_due_at()), clock_.Now() + absl::Hours(2));
  for (const v1::AuditEntry& e : AuditFor(id)) {
    if (e.action() != v1::AUDIT_ACTION_ROUTING_DECIDED) continue;
    EXPECT_EQ(e.routing().policy(), core_->policy().version());
    EXPECT_EQ(e.routing().legal_basis(), "Offender Management Act 2007 s.14");
  }
  // The first start audited the policy it loaded.
  ASSERT_EQ(Actions(v1::AUDIT_ACTION_POLICY_LOADED).size(), 1u);
  EXPECT_EQ(Actions(v1::AUDIT_ACTION_POLICY_LOADED)[0].policy().version(), core_->policy().version());
}

TEST_F(PolicyCoreTest, AnUnacknowledgedImmediateAlertEscalatesAtItsDeadlineAlongTheChain) {
  AddSupervised("X100001", kPnc, "N07P1001");
  SubmitArrest("ARR-1");
  const std::string original = Pending("N07P1001").at(0).alert_id();
  clock_.Advance(absl::Hours(2) - absl::Seconds(1));
  EXPECT_EQ(Escalate(), 0);
  EXPECT_THAT(Pending("N07M0001"), IsEmpty());
  clock_.Advance(absl::Seconds(1));
  EXPECT_EQ(Escalate(), 1);
  std::vector<v1::Alert> manager = Pending("N07M0001");
  ASSERT_EQ(manager.size(), 1u);
  EXPECT_EQ(manager[0].escalates_alert_id(), original);
  EXPECT_EQ(manager[0].escalation_step(), 1u);
  EXPECT_EQ(manager[0].recipient_role(), v1::RECIPIENT_ROLE_MANAGER);
  EXPECT_EQ(Escalate(), 0);  // once
  clock_.Advance(absl::Hours(2));
  EXPECT_EQ(Escalate(), 1);
  std::vector<v1::Alert> duty = Pending("N07-DUTY");
  ASSERT_EQ(duty.size(), 1u);
  EXPECT_EQ(duty[0].escalation_step(), 2u);
  clock_.Advance(absl::Hours(24));
  EXPECT_EQ(Escalate(), 0);  // the chain is done
  const auto escalated = Actions(v1::AUDIT_ACTION_ALERT_ESCALATED);
  ASSERT_EQ(escalated.size(), 2u);
  EXPECT_EQ(escalated[0].escalation().escalated_alert_id(), original);
  EXPECT_EQ(escalated[1].recipient_id(), "N07-DUTY");
  EXPECT_EQ(core_->escalator().NextDue().value(), absl::InfiniteFuture());
  // Counted (docs/metrics.md): the two escalations, three immediate alerts.
  const std::string metrics = core_->metrics_registry().Render();
  EXPECT_THAT(metrics, HasSubstr("\nliaison_escalations_total 2\n"));
  EXPECT_THAT(metrics, HasSubstr("\nliaison_alerts_created_total{priority=\"immediate\"} 3\n"));
}

TEST_F(PolicyCoreTest, AcknowledgingTheAlertOrAnEscalationEndsTheChain) {
  AddSupervised("X100001", kPnc, "N07P1001");
  SubmitArrest("ARR-1");
  const std::string original = Pending("N07P1001").at(0).alert_id();
  ASSERT_TRUE(core_->inbox().Acknowledge(original, "om", [](const std::string&) { return true; }).ok());
  clock_.Advance(absl::Hours(3));
  EXPECT_EQ(Escalate(), 0);
  EXPECT_THAT(Pending("N07M0001"), IsEmpty());

  SubmitArrest("ARR-2");
  clock_.Advance(absl::Hours(2));
  EXPECT_EQ(Escalate(), 1);
  const std::string escalation = Pending("N07M0001").at(0).alert_id();
  ASSERT_TRUE(core_->inbox().Acknowledge(escalation, "manager", [](const std::string&) { return true; }).ok());
  clock_.Advance(absl::Hours(3));
  EXPECT_EQ(Escalate(), 0);
  EXPECT_THAT(Pending("N07-DUTY"), IsEmpty());
}

TEST_F(PolicyCoreTest, ARestartInTheMiddleStillEscalatesEachStepExactlyOnce) {
  AddSupervised("X100001", kPnc, "N07P1001");
  SubmitArrest("ARR-1");
  clock_.Advance(absl::Hours(1));
  Restart();  // before the deadline
  clock_.Advance(absl::Hours(1));
  EXPECT_EQ(Escalate(), 1);
  Restart();  // between the steps
  EXPECT_EQ(Escalate(), 0);
  EXPECT_EQ(Pending("N07M0001").size(), 1u);
  clock_.Advance(absl::Hours(2));
  Restart();  // with the second step due
  EXPECT_EQ(Escalate(), 1);
  EXPECT_EQ(Escalate(), 0);
  EXPECT_EQ(Pending("N07M0001").size(), 1u);
  EXPECT_EQ(Pending("N07-DUTY").size(), 1u);
  EXPECT_EQ(Actions(v1::AUDIT_ACTION_ALERT_ESCALATED).size(), 2u);
  // Restarts with the same policy audit no new POLICY_LOADED.
  EXPECT_EQ(Actions(v1::AUDIT_ACTION_POLICY_LOADED).size(), 1u);
}

TEST_F(PolicyCoreTest, ANewOffenderManagerReceivesThePermittedHistoryInOneDigest) {
  AddSupervised("X100001", kPnc, "N07P1001");
  const std::string arrest = SubmitArrest("ARR-1");
  clock_.Advance(absl::Hours(24 * 10));
  const std::string callout = Submit("CAD-1", kPnc);  // domestic abuse callout
  clock_.Advance(absl::Hours(24));
  v1::AllocateManagerRequest allocate;
  allocate.set_crn("X100001");
  allocate.mutable_offender_manager()->set_staff_code("N07P2002");
  allocate.set_reason("transfer in");
  ASSERT_TRUE(core_->registry().Allocate(allocate, "test-registry").ok());
  std::vector<v1::Alert> inbox = Pending("N07P2002");
  ASSERT_EQ(inbox.size(), 3u);
  ASSERT_TRUE(inbox[0].has_digest());
  EXPECT_EQ(inbox[0].crn(), "X100001");
  EXPECT_THAT(inbox[0].digest().notification_ids(), ElementsAre(arrest, callout));
  EXPECT_THAT(inbox[0].digest().alert_ids(), ElementsAre(inbox[1].alert_id(), inbox[2].alert_id()));
  EXPECT_EQ(inbox[1].notification_id(), arrest);
  EXPECT_EQ(inbox[2].notification_id(), callout);
  EXPECT_FALSE(inbox[1].has_ack_due_at());
  const auto shared = Actions(v1::AUDIT_ACTION_HISTORY_SHARED);
  ASSERT_EQ(shared.size(), 1u);
  EXPECT_EQ(shared[0].history().digest_alert_id(), inbox[0].alert_id());
  // Allocating to the same offender manager again sends nothing twice.
  ASSERT_TRUE(core_->registry().Allocate(allocate, "test-registry").ok());
  EXPECT_EQ(Pending("N07P2002").size(), 3u);
}

TEST_F(PolicyCoreTest, HistoryOutsideTheWindowIsNotShared) {
  AddSupervised("X100001", kPnc, "N07P1001");
  SubmitArrest("ARR-1");
  clock_.Advance(absl::Hours(24 * 400));  // allocation_history_days is 365
  v1::AllocateManagerRequest allocate;
  allocate.set_crn("X100001");
  allocate.mutable_offender_manager()->set_staff_code("N07P2002");
  ASSERT_TRUE(core_->registry().Allocate(allocate, "test-registry").ok());
  EXPECT_THAT(Pending("N07P2002"), IsEmpty());
  EXPECT_THAT(Actions(v1::AUDIT_ACTION_HISTORY_SHARED), IsEmpty());
}

TEST_F(PolicyCoreTest, AMailFlagReachesBothOffendersManagersAndBothPrisons) {
  AddSupervised("X100001", kPnc, "N07P1001");
  AddSupervised("X100002", kOtherPnc, "N07P1003", "Kieran James", "Thornbury", "1988-03-14");
  for (auto [crn, prison] : {std::pair{"X100001", "MDI"}, std::pair{"X100002", "LEI"}}) {
    v1::OffenderRecord r = core_->registry().Get(crn).value();
    r.set_status(v1::SUPERVISION_STATUS_IN_CUSTODY);
    r.set_prison_code(prison);
    ASSERT_TRUE(core_->registry().Upsert(r, "test-registry").ok());
  }
  v1::Notification n = Callout("MM-1", kPnc);
  n.clear_related_people();
  v1::RelatedPerson* correspondent = n.add_related_people();
  correspondent->set_role(v1::RELATED_ROLE_CORRESPONDENT);
  v1::Identifier* id = correspondent->mutable_person()->add_identifiers();
  id->set_type(v1::IDENTIFIER_TYPE_PNC);
  id->set_value(kOtherPnc);
  correspondent->mutable_person()->mutable_name()->set_given_names("Kieran James");
  correspondent->mutable_person()->mutable_name()->set_family_name("Thornbury");
  correspondent->mutable_person()->set_date_of_birth("1988-03-14");
  v1::PrisonMailFlag* flag = n.mutable_prison_mail_flag();
  flag->set_establishment("MDI");
  flag->set_concern(v1::MAIL_CONCERN_CONTACT_WITH_KNOWN_OFFENDER);
  flag->set_summary("letters");
  flag->set_direction(v1::MAIL_DIRECTION_OUTGOING);
  v1::Source prison;
  prison.set_agency_kind(v1::AGENCY_KIND_PRISON);
  prison.set_organisation_code("HMPPS");
  prison.set_principal("spiffe://liaison.dev/prison-adapter");
  auto submitted = core_->ingestor().Submit(prison, n);
  ASSERT_TRUE(submitted.ok()) << submitted.status();
  ASSERT_EQ(Pending("N07P1001").size(), 1u);
  ASSERT_EQ(Pending("N07P1003").size(), 1u);
  EXPECT_EQ(Pending("N07P1003")[0].crn(), "X100002");
  EXPECT_EQ(Pending("MDI-SECURITY").size(), 2u);  // about each of them
  EXPECT_EQ(Pending("LEI-SECURITY").size(), 1u);
}

// Must show 5: reloads while notifications are decided concurrently. Every
// decision is whole (all its alerts, one version) and the audit says which
// version decided each.
TEST_F(PolicyCoreTest, HotReloadUnderConcurrentLoadNeverHalfDecides) {
  AddSupervised("X100001", kPnc, "N07P1001");
  // A second, valid policy: the shipped one with another id (so another
  // version) and the arrest rule's priority lowered.
  std::string text(policy::BuiltInPolicyText());
  text.replace(text.find("policy_id: \"england-wales\""), 26, "policy_id: \"england-wales-b\"");
  auto b = policy::ParsePolicy(text, "b.textproto", Directory());
  ASSERT_TRUE(b.ok()) << b.status();
  std::shared_ptr<const policy::Policy> a = Shipped();
  const std::set<std::string> versions = {a->version(), (*b)->version()};

  constexpr int kThreads = 4;
  constexpr int kPerThread = 40;
  std::atomic<bool> done{false};
  std::thread reloader([&] {
    int i = 0;
    while (!done.load()) {
      auto next = (i++ % 2 == 0) ? std::shared_ptr<const policy::Policy>(*b) : a;
      EXPECT_TRUE(core_->ReloadPolicy(next, "test", "reloader").ok());
      std::this_thread::yield();
    }
  });
  std::vector<std::thread> submitters;
  std::vector<std::vector<std::string>> ids(kThreads);
  for (int t = 0; t < kThreads; ++t) {
    submitters.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        auto outcome = core_->ingestor().Submit(Police(), [&] {
          v1::Notification n = Callout(absl::StrCat("ARR-", t, "-", i), kPnc);
          n.clear_related_people();
          n.mutable_arrest()->set_offence("Theft");
          return n;
        }());
        EXPECT_TRUE(outcome.ok()) << outcome.status();
        if (outcome.ok()) ids[t].push_back(outcome->notification_id);
      }
    });
  }
  for (std::thread& s : submitters) s.join();
  done = true;
  reloader.join();

  std::map<std::string, int> by_version;
  for (const auto& thread_ids : ids) {
    for (const std::string& id : thread_ids) {
      std::set<std::string> decided_by;
      int routed = 0;
      for (const v1::AuditEntry& e : AuditFor(id)) {
        if (e.action() != v1::AUDIT_ACTION_ROUTING_DECIDED) continue;
        ++routed;
        decided_by.insert(e.routing().policy());
        EXPECT_TRUE(e.routing().problem().empty()) << e.routing().problem();
      }
      EXPECT_EQ(routed, 1) << id;  // one alert (the offender manager), one decision
      ASSERT_EQ(decided_by.size(), 1u) << id;
      EXPECT_TRUE(versions.contains(*decided_by.begin()));
      ++by_version[*decided_by.begin()];
    }
  }
  EXPECT_EQ(by_version[a->version()] + by_version[(*b)->version()], kThreads * kPerThread);
  // The reloads really interleaved with the decisions: both versions decided some.
  EXPECT_GT(by_version[a->version()], 0);
  EXPECT_GT(by_version[(*b)->version()], 0);
  // Each alert names the version its decision was audited with.
  for (const v1::Alert& alert : Pending("N07P1001")) EXPECT_TRUE(versions.contains(alert.policy()));
  EXPECT_GE(Actions(v1::AUDIT_ACTION_POLICY_LOADED).size(), 2u);
}

TEST_F(PolicyCoreTest, AnInvalidPolicyIsRejectedAndAuditedAndTheOldOneStays) {
  const std::string before = core_->policy().version();
  ASSERT_TRUE(core_->RecordRejectedPolicy("bad.textproto", "bad.textproto:3: rule 'x': ...", "admin").ok());
  EXPECT_EQ(core_->policy().version(), before);
  const auto rejected = Actions(v1::AUDIT_ACTION_POLICY_REJECTED);
  ASSERT_EQ(rejected.size(), 1u);
  EXPECT_EQ(rejected[0].policy().version(), before);
  EXPECT_EQ(rejected[0].actor(), "admin");
}

}  // namespace
}  // namespace liaison
