// The semantics of docs/policy.md, one at a time.

#include "policy/rule_policy.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "policy/field_mask.h"
#include "policy/loader.h"
#include "policy/test_util.h"

namespace liaison::policy {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

std::shared_ptr<const RulePolicy> Load(const std::string& rules) {
  absl::StatusOr<std::shared_ptr<const RulePolicy>> p =
      ParsePolicy("policy_id: \"t\"\n" + rules, "t", testing::TestDirectory());
  EXPECT_TRUE(p.ok()) << p.status();
  return p.ok() ? *p : nullptr;
}

struct Case {
  api::Notification notification = testing::Callout();
  api::OffenderRecord person = testing::Person();
  api::MatchResult match;
  Case() {
    match.set_decision(api::MATCH_DECISION_LINKED);
    match.set_crn(person.crn());
    match.set_method(api::MATCH_METHOD_PROBABILISTIC);
  }
  PolicyInput Input(absl::Duration after = absl::Hours(1)) const {
    return PolicyInput{&notification, &match, &person, testing::EventTime() + after, {}};
  }
};

constexpr char kOmPermit[] = R"pb(
rules {
  id: "om"
  description: "d"
  effect: EFFECT_PERMIT
  permit {
    legal_basis: "Basis A"
    priority: PRIORITY_SAME_DAY
    ack_deadline_minutes: 480
    escalation { role: RECIPIENT_ROLE_MANAGER }
    escalation { role: RECIPIENT_ROLE_DUTY_INBOX }
    grants { recipient { role: RECIPIENT_ROLE_OFFENDER_MANAGER } fields: ["subject"] }
  }
}
)pb";

TEST(RulePolicyTest, DefaultDeny) {
  auto policy = Load(R"pb(
rules {
  id: "arrests-only"
  description: "d"
  effect: EFFECT_PERMIT
  when { kinds: NOTIFICATION_KIND_ARREST }
  permit { legal_basis: "b" priority: PRIORITY_ROUTINE grants { recipient { role: RECIPIENT_ROLE_OFFENDER_MANAGER } } }
}
)pb");
  Case c;
  absl::StatusOr<Decision> d = policy->Decide(c.Input());
  ASSERT_TRUE(d.ok()) << d.status();
  EXPECT_THAT(d->deliveries, IsEmpty());
  EXPECT_THAT(d->reason, HasSubstr("default deny"));
  EXPECT_EQ(d->policy, policy->version());
}

TEST(RulePolicyTest, NotLinkedSharesNothing) {
  auto policy = Load(kOmPermit);
  Case c;
  c.match.set_decision(api::MATCH_DECISION_NO_MATCH);
  PolicyInput input = c.Input();
  input.offender = nullptr;
  absl::StatusOr<Decision> d = policy->Decide(input);
  ASSERT_TRUE(d.ok());
  EXPECT_THAT(d->deliveries, IsEmpty());
  EXPECT_EQ(d->reason, "not linked to an offender");
}

TEST(RulePolicyTest, PermitGivesRecipientViewPriorityDeadlineAndEscalation) {
  auto policy = Load(kOmPermit);
  Case c;
  absl::StatusOr<Decision> d = policy->Decide(c.Input());
  ASSERT_TRUE(d.ok());
  ASSERT_EQ(d->deliveries.size(), 1u);
  const Delivery& om = d->deliveries[0];
  EXPECT_EQ(om.recipient_id, "OM1");
  EXPECT_EQ(om.role, api::RECIPIENT_ROLE_OFFENDER_MANAGER);
  EXPECT_EQ(om.crn, "X100001");
  EXPECT_EQ(om.priority, api::PRIORITY_SAME_DAY);
  EXPECT_EQ(om.legal_basis, "Basis A");
  EXPECT_EQ(om.ack_deadline, absl::Minutes(480));
  ASSERT_EQ(om.escalation.size(), 2u);
  EXPECT_EQ(om.escalation[0].recipient_id, "MG1");
  EXPECT_EQ(om.escalation[1].recipient_id, "duty-n07");
  EXPECT_EQ(om.escalation[1].role, api::RECIPIENT_ROLE_DUTY_INBOX);
  EXPECT_TRUE(om.view.has_subject());
  EXPECT_TRUE(om.view.police_callout().summary().empty());
  EXPECT_THAT(om.rule_ids, ElementsAre("om"));
  EXPECT_THAT(d->rule_ids, ElementsAre("om"));
}

TEST(RulePolicyTest, PermitsCombineRecipientsFieldsAndUrgency) {
  auto policy = Load(std::string(kOmPermit) + R"pb(
rules {
  id: "om-more"
  description: "d"
  effect: EFFECT_PERMIT
  when { rosh_levels: ROSH_LEVEL_MEDIUM }
  permit {
    legal_basis: "Basis B"
    priority: PRIORITY_IMMEDIATE
    ack_deadline_minutes: 60
    grants { recipient { role: RECIPIENT_ROLE_OFFENDER_MANAGER } fields: ["police_callout.summary"] }
    grants { recipient { role: RECIPIENT_ROLE_MAPPA_COORDINATOR } fields: ["related_people.child"] }
  }
}
)pb");
  Case c;
  absl::StatusOr<Decision> d = policy->Decide(c.Input());
  ASSERT_TRUE(d.ok());
  ASSERT_EQ(d->deliveries.size(), 2u);
  const Delivery& om = d->deliveries[0];
  EXPECT_EQ(om.recipient_id, "OM1");
  EXPECT_TRUE(om.view.has_subject());
  EXPECT_EQ(om.view.police_callout().summary(), "free text");
  EXPECT_EQ(om.priority, api::PRIORITY_IMMEDIATE);
  EXPECT_EQ(om.legal_basis, "Basis A; Basis B");
  EXPECT_EQ(om.ack_deadline, absl::Minutes(60));
  EXPECT_THAT(om.escalation, IsEmpty());  // the shortest deadline's permit names none
  EXPECT_THAT(om.rule_ids, ElementsAre("om", "om-more"));
  const Delivery& mappa = d->deliveries[1];
  EXPECT_EQ(mappa.recipient_id, "mappa-n07");
  EXPECT_TRUE(mappa.view.related_people(1).has_person());
  EXPECT_FALSE(mappa.view.has_subject());
  EXPECT_EQ(d->priority, api::PRIORITY_IMMEDIATE);
  EXPECT_EQ(d->legal_basis, "Basis A; Basis B");
}

TEST(RulePolicyTest, ForbidOverridesEveryPermit) {
  auto policy = Load(std::string(kOmPermit) + R"pb(
rules { id: "no-licence" description: "d" effect: EFFECT_FORBID when { statuses: SUPERVISION_STATUS_LICENCE } forbid {} }
)pb");
  Case c;
  absl::StatusOr<Decision> d = policy->Decide(c.Input());
  ASSERT_TRUE(d.ok());
  EXPECT_THAT(d->deliveries, IsEmpty());
  EXPECT_THAT(d->reason, HasSubstr("forbid"));
  EXPECT_THAT(d->rule_ids, ElementsAre("no-licence", "om"));
}

TEST(RulePolicyTest, ForbidByRoleAndByField) {
  auto policy = Load(R"pb(
rules {
  id: "om-and-manager"
  description: "d"
  effect: EFFECT_PERMIT
  permit {
    legal_basis: "b"
    priority: PRIORITY_ROUTINE
    grants { recipient { role: RECIPIENT_ROLE_OFFENDER_MANAGER } fields: ["subject", "police_callout"] }
    grants { recipient { role: RECIPIENT_ROLE_MANAGER } fields: ["subject"] }
  }
}
rules { id: "no-manager" description: "d" effect: EFFECT_FORBID forbid { roles: RECIPIENT_ROLE_MANAGER } }
rules { id: "no-dob" description: "d" effect: EFFECT_FORBID forbid { withhold: ["subject.date_of_birth", "police_callout.location"] } }
)pb");
  Case c;
  absl::StatusOr<Decision> d = policy->Decide(c.Input());
  ASSERT_TRUE(d.ok());
  ASSERT_EQ(d->deliveries.size(), 1u);
  const Delivery& om = d->deliveries[0];
  EXPECT_EQ(om.role, api::RECIPIENT_ROLE_OFFENDER_MANAGER);
  EXPECT_TRUE(om.view.subject().has_name());
  EXPECT_TRUE(om.view.subject().date_of_birth().empty());
  EXPECT_FALSE(om.view.police_callout().has_location());
  EXPECT_EQ(om.view.police_callout().summary(), "free text");
  EXPECT_THAT(om.rule_ids, ElementsAre("no-dob", "om-and-manager"));
}

TEST(RulePolicyTest, RelatedLinksReachTheirOwnOffenderManagers) {
  auto policy = Load(R"pb(
rules {
  id: "victims-too"
  description: "d"
  effect: EFFECT_PERMIT
  when { links: [LINK_SUBJECT, LINK_VICTIM] }
  permit { legal_basis: "b" priority: PRIORITY_ROUTINE grants { recipient { role: RECIPIENT_ROLE_OFFENDER_MANAGER } } }
}
rules {
  id: "subject-only"
  description: "d"
  effect: EFFECT_PERMIT
  when { kinds: NOTIFICATION_KIND_POLICE_CALLOUT }
  permit { legal_basis: "b" priority: PRIORITY_ROUTINE grants { recipient { role: RECIPIENT_ROLE_CO_WORKER } } }
}
)pb");
  Case c;
  PolicyInput input = c.Input();
  api::OffenderRecord victim = testing::Person();
  victim.set_crn("Y200002");
  victim.mutable_offender_manager()->set_staff_code("OM2");
  victim.mutable_co_worker()->set_staff_code("CW2");
  api::MatchResult victim_match;
  victim_match.set_decision(api::MATCH_DECISION_LINKED);
  victim_match.set_crn("Y200002");
  input.related.push_back({0, victim_match, victim});
  absl::StatusOr<Decision> d = policy->Decide(input);
  ASSERT_TRUE(d.ok());
  ASSERT_EQ(d->deliveries.size(), 3u);
  EXPECT_EQ(d->deliveries[0].recipient_id, "CW1");
  EXPECT_EQ(d->deliveries[1].recipient_id, "OM1");
  EXPECT_EQ(d->deliveries[2].recipient_id, "OM2");
  EXPECT_EQ(d->deliveries[2].crn, "Y200002");
}

TEST(RulePolicyTest, PrisonSecurityOfTheHoldingAndTheNamedPrison) {
  auto policy = Load(R"pb(
rules {
  id: "mail"
  description: "d"
  effect: EFFECT_PERMIT
  when { kinds: NOTIFICATION_KIND_PRISON_MAIL_FLAG }
  permit { legal_basis: "b" priority: PRIORITY_ROUTINE grants { recipient { role: RECIPIENT_ROLE_PRISON_SECURITY } } }
}
)pb");
  Case c;
  c.notification = testing::Parse<api::Notification>(R"pb(
    occurred_at { seconds: 1767225600 } prison_mail_flag { establishment: "MDI" concern: MAIL_CONCERN_OTHER })pb");
  c.person.set_prison_code("LEI");
  absl::StatusOr<Decision> d = policy->Decide(c.Input());
  ASSERT_TRUE(d.ok());
  ASSERT_EQ(d->deliveries.size(), 2u);
  EXPECT_EQ(d->deliveries[0].recipient_id, "security-lei");
  EXPECT_EQ(d->deliveries[1].recipient_id, "security-mdi");
}

TEST(RulePolicyTest, UnresolvableRecipientIsReportedNotFatal) {
  auto policy = Load(std::string(kOmPermit) + R"pb(
rules {
  id: "cw"
  description: "d"
  effect: EFFECT_PERMIT
  when { kinds: NOTIFICATION_KIND_POLICE_CALLOUT }
  permit { legal_basis: "b" priority: PRIORITY_ROUTINE grants { recipient { role: RECIPIENT_ROLE_MAPPA_COORDINATOR } } }
}
)pb");
  Case c;
  c.person.set_area_code("ZZZ");
  absl::StatusOr<Decision> d = policy->Decide(c.Input());
  ASSERT_TRUE(d.ok());
  ASSERT_EQ(d->deliveries.size(), 1u);
  EXPECT_THAT(d->reason, HasSubstr("rule cw: RECIPIENT_ROLE_MAPPA_COORDINATOR: the directory has no MAPPA coordinator"));
  EXPECT_THAT(d->reason, HasSubstr("escalation: RECIPIENT_ROLE_DUTY_INBOX"));
}

TEST(RulePolicyTest, MatchBasisAndTimeConditions) {
  auto policy = Load(R"pb(
rules {
  id: "confirmed-recent"
  description: "d"
  effect: EFFECT_PERMIT
  when { match_bases: MATCH_BASIS_HUMAN_CONFIRMED event_within_hours: 48 }
  permit { legal_basis: "b" priority: PRIORITY_ROUTINE grants { recipient { role: RECIPIENT_ROLE_OFFENDER_MANAGER } } }
}
)pb");
  Case c;
  EXPECT_THAT(policy->Decide(c.Input())->deliveries, IsEmpty());  // auto-linked
  c.match.set_method(api::MATCH_METHOD_HUMAN_REVIEW);
  EXPECT_EQ(policy->Decide(c.Input(absl::Hours(47)))->deliveries.size(), 1u);
  EXPECT_THAT(policy->Decide(c.Input(absl::Hours(49)))->deliveries, IsEmpty());
}

TEST(RulePolicyTest, AnErrorFailsClosed) {
  auto policy = Load(kOmPermit);
  Case c;
  c.notification.clear_police_callout();  // no event: no rule can be applied
  absl::StatusOr<Decision> d = policy->Decide(c.Input());
  EXPECT_EQ(d.status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(RulePolicyTest, ExplainSaysWhyEachRuleFiredOrNot) {
  auto policy = Load(std::string(kOmPermit) + R"pb(
rules {
  id: "arrests"
  description: "d"
  effect: EFFECT_PERMIT
  when { kinds: NOTIFICATION_KIND_ARREST }
  permit { legal_basis: "b" priority: PRIORITY_ROUTINE grants { recipient { role: RECIPIENT_ROLE_CO_WORKER } } }
}
)pb");
  Case c;
  absl::StatusOr<Explanation> e = policy->Explain(c.Input());
  ASSERT_TRUE(e.ok());
  ASSERT_EQ(e->traces.size(), 2u);
  EXPECT_EQ(e->traces[0].rule_id, "arrests");
  EXPECT_FALSE(e->traces[0].fired);
  EXPECT_EQ(e->traces[0].why,
            "kinds: is NOTIFICATION_KIND_POLICE_CALLOUT, wants one of NOTIFICATION_KIND_ARREST");
  EXPECT_TRUE(e->traces[1].fired);
  EXPECT_EQ(e->decision.deliveries.size(), 1u);
}

TEST(RulePolicyTest, RetentionAndAllocationHistory) {
  auto policy = Load(std::string(kOmPermit) +
                     "retention { kind: NOTIFICATION_KIND_ARREST unmatched_days: 30 }\nallocation_history_days: 90\n");
  EXPECT_EQ(policy->UnmatchedRetention(policy::v1::NOTIFICATION_KIND_ARREST, absl::Hours(1)), absl::Hours(24 * 30));
  EXPECT_EQ(policy->UnmatchedRetention(policy::v1::NOTIFICATION_KIND_POLICE_CALLOUT, absl::Hours(1)), absl::Hours(1));
  // Only unmatched_days given: routed arrests are kept indefinitely.
  EXPECT_EQ(policy->DeliveredRetention(policy::v1::NOTIFICATION_KIND_ARREST), std::nullopt);
  EXPECT_EQ(policy->AllocationHistory(), absl::Hours(24 * 90));
}

}  // namespace
}  // namespace liaison::policy
