// Validation: every class of mistake is reported with file:line and the
// rule id, and an invalid policy is never built.

#include "policy/loader.h"

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "policy/test_util.h"

namespace liaison::policy {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// A valid policy of one permit; tests splice in their mistakes.
constexpr char kValidRule[] = R"pb(rules {
  id: "ok/om"
  description: "ok"
  effect: EFFECT_PERMIT
  when { kinds: NOTIFICATION_KIND_ARREST }
  permit {
    legal_basis: "Offender Management Act 2007 s.14"
    priority: PRIORITY_IMMEDIATE
    grants { recipient { role: RECIPIENT_ROLE_OFFENDER_MANAGER } fields: "subject" }
  }
}
)pb";

std::string WithRule(const std::string& rule) {
  return absl::StrCat("policy_id: \"t\"\n", kValidRule, rule);
}

// The report of a policy that must be refused.
std::string Refusal(const std::string& text) {
  absl::StatusOr<std::shared_ptr<const RulePolicy>> policy = ParsePolicy(text, "p.textproto", testing::TestDirectory());
  EXPECT_FALSE(policy.ok()) << "accepted:\n" << text;
  if (policy.ok()) return "";
  EXPECT_EQ(policy.status().code(), absl::StatusCode::kInvalidArgument);
  return std::string(policy.status().message());
}

TEST(LoaderTest, ValidPolicyLoadsWithAContentHashVersion) {
  absl::StatusOr<std::shared_ptr<const RulePolicy>> a = ParsePolicy(WithRule(""), "p", testing::TestDirectory());
  ASSERT_TRUE(a.ok()) << a.status();
  EXPECT_EQ((*a)->version(), absl::StrCat("t@", ContentHash(WithRule(""))));
  EXPECT_EQ(ContentHash(WithRule("")).size(), 16u);
  EXPECT_NE(ContentHash(WithRule("")), ContentHash(WithRule("# a comment\n")));
}

TEST(LoaderTest, ShippedPolicyIsValidAgainstTheGoldenDirectory) {
  // (The golden test loads it too; this keeps the loader's own suite whole.)
  const policy::v1::Directory directory = testing::Parse<policy::v1::Directory>(R"pb(
    areas { code: "N07" mappa_coordinator: "m" duty_inbox: "d" police_public_protection: "p" }
    prisons { code: "MDI" security_inbox: "s" }
    teams { code: "childrens-services" inbox: "h" }
  )pb");
  absl::StatusOr<std::shared_ptr<const RulePolicy>> policy =
      ParsePolicy(BuiltInPolicyText(), kBuiltInPolicyOrigin, directory);
  ASSERT_TRUE(policy.ok()) << policy.status();
}

TEST(LoaderTest, UnknownFieldNamesFileLineAndColumn) {
  const std::string report = Refusal(WithRule("rules {\n  id: \"x\"\n  colour: \"red\"\n}\n"));
  EXPECT_THAT(report, HasSubstr("p.textproto:15:"));
  EXPECT_THAT(report, HasSubstr("colour"));
}

TEST(LoaderTest, UnknownEnumValueNamesTheLine) {
  const std::string report = Refusal(WithRule("rules {\n  id: \"x\"\n  effect: EFFECT_MAYBE\n}\n"));
  EXPECT_THAT(report, HasSubstr("p.textproto:15:11: Unknown enumeration value of \"EFFECT_MAYBE\""));
}

TEST(LoaderTest, WrongTypeNamesTheLine) {
  const std::string report = Refusal(WithRule("rules {\n  id: \"x\"\n  when { event_within_hours: \"soon\" }\n}\n"));
  EXPECT_THAT(report, HasSubstr("p.textproto:15:"));
}

TEST(LoaderTest, MissingLegalBasis) {
  const std::string report = Refusal(WithRule(R"pb(rules {
  id: "no/basis"
  description: "d"
  effect: EFFECT_PERMIT
  permit {
    priority: PRIORITY_ROUTINE
    grants { recipient { role: RECIPIENT_ROLE_OFFENDER_MANAGER } }
  }
}
)pb"));
  EXPECT_THAT(report, HasSubstr("p.textproto:17: rule 'no/basis': permit.legal_basis: is required"));
}

TEST(LoaderTest, RecipientsThatCannotResolve) {
  const std::string report = Refusal(WithRule(R"pb(rules {
  id: "bad/recipients"
  description: "d"
  effect: EFFECT_PERMIT
  permit {
    legal_basis: "b"
    priority: PRIORITY_ROUTINE
    ack_deadline_minutes: 10
    escalation { role: RECIPIENT_ROLE_TEAM_INBOX team: "nowhere" }
    grants { recipient { role: RECIPIENT_ROLE_TEAM_INBOX team: "missing-team" } }
    grants { recipient { role: RECIPIENT_ROLE_UNSPECIFIED } }
  }
}
)pb"));
  EXPECT_THAT(report, HasSubstr("p.textproto:21: rule 'bad/recipients': permit.escalation[0]: cannot resolve: team "
                                "'nowhere' is not in the directory"));
  EXPECT_THAT(report, HasSubstr("p.textproto:22: rule 'bad/recipients': permit.grants[0].recipient: cannot resolve: "
                                "team 'missing-team' is not in the directory"));
  EXPECT_THAT(report, HasSubstr("p.textproto:23: rule 'bad/recipients': permit.grants[1].recipient: role: is required"));
}

TEST(LoaderTest, RoleTheDirectoryCannotResolve) {
  absl::StatusOr<std::shared_ptr<const RulePolicy>> policy = ParsePolicy(WithRule(R"pb(rules {
  id: "mappa"
  description: "d"
  effect: EFFECT_PERMIT
  permit {
    legal_basis: "b"
    priority: PRIORITY_ROUTINE
    grants { recipient { role: RECIPIENT_ROLE_MAPPA_COORDINATOR } }
  }
}
)pb"),
                                                                          "p.textproto", {});
  ASSERT_FALSE(policy.ok());
  EXPECT_THAT(policy.status().message(),
              HasSubstr("p.textproto:20: rule 'mappa': permit.grants[0].recipient: cannot resolve: the directory "
                        "names no area's MAPPA coordinator"));
}

TEST(LoaderTest, UnknownFieldPath) {
  const std::string report = Refusal(WithRule(R"pb(rules {
  id: "bad/fields"
  description: "d"
  effect: EFFECT_PERMIT
  permit {
    legal_basis: "b"
    priority: PRIORITY_ROUTINE
    grants {
      recipient { role: RECIPIENT_ROLE_OFFENDER_MANAGER }
      fields: ["subject", "subject.nam", "notification_id"]
    }
  }
}
)pb"));
  EXPECT_THAT(report, HasSubstr("p.textproto:22: rule 'bad/fields': permit.grants[0].fields[1]: 'subject.nam' is "
                                "not a field path"));
  EXPECT_THAT(report, HasSubstr("permit.grants[0].fields[2]: 'notification_id' is always visible"));
}

TEST(LoaderTest, RuleThatCanNeverFire) {
  const std::string report = Refusal(WithRule(R"pb(rules {
  id: "never/arrest-incident"
  description: "d"
  effect: EFFECT_PERMIT
  when {
    kinds: NOTIFICATION_KIND_ARREST
    callout_incident_types: CALLOUT_INCIDENT_TYPE_DOMESTIC_ABUSE
  }
  permit {
    legal_basis: "b"
    priority: PRIORITY_ROUTINE
    grants { recipient { role: RECIPIENT_ROLE_OFFENDER_MANAGER } }
  }
}
rules {
  id: "never/time"
  description: "d"
  effect: EFFECT_FORBID
  when { event_within_hours: 24 event_older_than_hours: 48 }
  forbid {}
}
)pb"));
  EXPECT_THAT(report, HasSubstr("p.textproto:17: rule 'never/arrest-incident': can never fire: "
                                "callout_incident_types: applies only to NOTIFICATION_KIND_POLICE_CALLOUT"));
  EXPECT_THAT(report, HasSubstr("p.textproto:31: rule 'never/time': can never fire: event_older_than_hours (48)"));
}

TEST(LoaderTest, PermitShadowedByAForbid) {
  const std::string report = Refusal(WithRule(R"pb(rules {
  id: "forbid/arrests"
  description: "d"
  effect: EFFECT_FORBID
  when { kinds: [NOTIFICATION_KIND_ARREST, NOTIFICATION_KIND_POLICE_CALLOUT] }
  forbid {}
}
)pb"));
  // ok/om (line 2) permits arrests only; the forbid removes every recipient
  // wherever ok/om holds.
  EXPECT_THAT(report, HasSubstr("p.textproto:2: rule 'ok/om': shadowed: forbid 'forbid/arrests'"));
}

TEST(LoaderTest, PermitShadowedByABroaderPermit) {
  const std::string report = Refusal(WithRule(R"pb(rules {
  id: "broader"
  description: "d"
  effect: EFFECT_PERMIT
  permit {
    legal_basis: "Offender Management Act 2007 s.14"
    priority: PRIORITY_IMMEDIATE
    grants { recipient { role: RECIPIENT_ROLE_OFFENDER_MANAGER } fields: ["subject", "arrest"] }
  }
}
)pb"));
  EXPECT_THAT(report, HasSubstr("p.textproto:2: rule 'ok/om': shadowed: permit 'broader'"));
  EXPECT_THAT(report, Not(HasSubstr("rule 'broader': shadowed")));
}

TEST(LoaderTest, ForbidThatOnlyWithholdsShadowsNothing) {
  absl::StatusOr<std::shared_ptr<const RulePolicy>> policy = ParsePolicy(WithRule(R"pb(rules {
  id: "withhold/subject"
  description: "d"
  effect: EFFECT_FORBID
  forbid { withhold: "subject.date_of_birth" }
}
)pb"),
                                                                          "p", testing::TestDirectory());
  EXPECT_TRUE(policy.ok()) << policy.status();
}

TEST(LoaderTest, IdsDescriptionsEffectsAndDuplicates) {
  const std::string report = Refusal(WithRule(R"pb(rules {
  id: "ok/om"
  effect: EFFECT_FORBID
  forbid { roles: RECIPIENT_ROLE_CO_WORKER }
}
rules {
  id: "Bad Id"
  description: "d"
  forbid {}
}
)pb"));
  EXPECT_THAT(report, HasSubstr("p.textproto:14: rule 'ok/om': id: is used by an earlier rule"));
  EXPECT_THAT(report, HasSubstr("rule 'ok/om': description: is required"));
  EXPECT_THAT(report, HasSubstr("p.textproto:19: rule 'Bad Id': id: is required: [a-z0-9]"));
  EXPECT_THAT(report, HasSubstr("rule 'Bad Id': effect: is required"));
}

TEST(LoaderTest, EscalationNeedsADeadline) {
  const std::string report = Refusal(WithRule(R"pb(rules {
  id: "esc"
  description: "d"
  effect: EFFECT_PERMIT
  when { kinds: NOTIFICATION_KIND_PRISON_MAIL_FLAG }
  permit {
    legal_basis: "b"
    priority: PRIORITY_ROUTINE
    escalation { role: RECIPIENT_ROLE_MANAGER }
    grants { recipient { role: RECIPIENT_ROLE_OFFENDER_MANAGER } }
  }
}
)pb"));
  EXPECT_THAT(report, HasSubstr("p.textproto:21: rule 'esc': permit.escalation: needs permit.ack_deadline_minutes"));
}

TEST(LoaderTest, ReportsEveryProblemNotJustTheFirst) {
  const std::string report = Refusal(WithRule(R"pb(rules { id: "a" description: "d" effect: EFFECT_PERMIT permit {} }
rules { id: "b" description: "d" effect: EFFECT_PERMIT permit {} }
)pb"));
  EXPECT_THAT(report, HasSubstr("rule 'a': permit.legal_basis"));
  EXPECT_THAT(report, HasSubstr("rule 'b': permit.legal_basis"));
  EXPECT_THAT(report, HasSubstr("problems)"));
}

TEST(LoaderTest, MissingFileIsNotFound) {
  EXPECT_EQ(LoadPolicyFile("/nonexistent/policy.textproto", {}).status().code(), absl::StatusCode::kNotFound);
}

TEST(DirectoryTest, ChecksCodesAndRecipientIds) {
  EXPECT_TRUE(ValidateDirectory(testing::TestDirectory()).ok());
  auto dir = testing::TestDirectory();
  dir.add_areas()->set_code("N07");
  EXPECT_THAT(ValidateDirectory(dir).message(), HasSubstr("directory.areas[1].code: 'N07' is listed twice"));
  dir = testing::TestDirectory();
  dir.mutable_prisons(0)->set_security_inbox("has space");
  EXPECT_THAT(ValidateDirectory(dir).message(), HasSubstr("directory.prisons[0].security_inbox"));
  dir = testing::TestDirectory();
  dir.add_teams()->set_inbox("x");
  EXPECT_THAT(ValidateDirectory(dir).message(), HasSubstr("directory.teams[1].code: is required"));
}

}  // namespace
}  // namespace liaison::policy
