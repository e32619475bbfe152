// The policy tools end to end (docs/policy.md, "Tools"): liaisonctl policy
// explain / reload / show against liaison-broker over mutual TLS, and
// policy validate / test on files alone.

#include <filesystem>
#include <fstream>
#include <regex>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "liaison/v1/audit.pb.h"
#include "liaison/v1/policy_service.pb.h"
#include "tests/e2e/ctl_json.h"
#include "tests/e2e/e2e_fixture.h"

namespace liaison::testing {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::Not;

// Supervised on licence with a domestic abuse registration, in area N07.
constexpr char kOffenders[] =
    "crn,pnc,given_names,family_name,date_of_birth,om_staff_code,co_worker_staff_code,area_code,rosh_level,"
    "registrations,status\n"
    "X700001,2006/0412733N,Kieran James,Thornbury,1988-03-14,N07P1001,N07P1002,N07,MEDIUM,ADVP,licence\n";

// Story 1: a domestic abuse callout at the new partner's address, children
// present, two hours ago.
std::string StoryCalloutJson() {
  const std::string occurred = absl::FormatTime(absl::RFC3339_sec, absl::Now() - absl::Hours(2), absl::UTCTimeZone());
  return absl::StrCat(R"({"sourceRef": "MPS-CAD-7001", "occurredAt": ")", occurred, R"(",
    "classification": "CLASSIFICATION_OFFICIAL_SENSITIVE",
    "originatorContact": "PC 4411 Okafor, Lewisham public protection",
    "subject": {"identifiers": [{"type": "IDENTIFIER_TYPE_PNC", "value": "2006/0412733N"}],
                "name": {"givenNames": "Kieran", "familyName": "Thornbury"}, "dateOfBirth": "1988-03-14"},
    "relatedPeople": [
      {"role": "RELATED_ROLE_PARTNER", "person": {"name": {"givenNames": "Leanne", "familyName": "Marsh"}}},
      {"role": "RELATED_ROLE_CHILD", "age": 6, "person": {"name": {"givenNames": "Tyler", "familyName": "Marsh"}}}],
    "policeCallout": {"incidentType": "CALLOUT_INCIDENT_TYPE_DOMESTIC_ABUSE", "childrenPresent": true,
                      "summary": "Neighbour reported shouting; officers attended."}})");
}

// A permit without a legal basis (its permit is on line 7).
// clang-format off
constexpr char kBrokenPolicy[] = R"pb(policy_id: "broken"
rules {
  id: "arrest/om"
  description: "Arrests reach the offender manager"
  effect: EFFECT_PERMIT
  when { kinds: NOTIFICATION_KIND_ARREST }
  permit {
    priority: PRIORITY_IMMEDIATE
    grants { recipient { role: RECIPIENT_ROLE_OFFENDER_MANAGER } fields: "arrest" }
  }
}
)pb";
// clang-format on

class PolicyE2eTest : public E2eTest {
 protected:
  std::string Write(const std::string& name, const std::string& text) {
    const std::string path = dir_ + "/" + name;
    std::ofstream(path) << text;
    return path;
  }

  // liaisonctl with no broker flags at all: the offline commands.
  CommandResult Offline(const std::vector<std::string>& args) {
    std::vector<std::string> argv = {CtlBinary()};
    argv.insert(argv.end(), args.begin(), args.end());
    return RunCommand(argv);
  }
};

TEST_F(PolicyE2eTest, AnAuditorSeesWhichRulesFireAndWhoWouldBeTold) {
  StartBroker();
  CommandResult load = Ctl("probation-registry", {"offenders", "load", Write("offenders.csv", kOffenders)});
  ASSERT_EQ(load.exit_code, 0) << load.out << load.err;
  const std::string notification = Write("callout.json", StoryCalloutJson());
  const std::vector<std::string> explain = {"policy", "explain", "--notification=" + notification, "--person=X700001"};

  CommandResult text = Ctl("auditor", explain);
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_THAT(text.out, ::testing::ContainsRegex("policy: +england-wales@[0-9a-f]{16}"));
  EXPECT_THAT(text.out, HasSubstr("  callout/domestic-abuse (permit): fired"));
  EXPECT_THAT(text.out, HasSubstr("  arrest/under-supervision (permit): did not fire: "));
  EXPECT_THAT(text.out, HasSubstr("N07P1001 (OFFENDER_MANAGER)"));
  EXPECT_THAT(text.out, HasSubstr("Crime and Disorder Act 1998 s.115"));
  EXPECT_THAT(text.out, ::testing::ContainsRegex("deadline: +8h"));

  std::vector<std::string> json_args = {"--json"};
  json_args.insert(json_args.end(), explain.begin(), explain.end());
  CommandResult json = Ctl("auditor", json_args);
  ASSERT_EQ(json.exit_code, 0) << json.err;
  const std::vector<v1::PolicyExplanation> parsed = ParseJsonLines<v1::PolicyExplanation>(json.out);
  ASSERT_EQ(parsed.size(), 1u);
  EXPECT_THAT(parsed[0].rule_ids(), Contains("callout/domestic-abuse"));
  const auto om = std::find_if(parsed[0].deliveries().begin(), parsed[0].deliveries().end(),
                               [](const v1::ExplainedDelivery& d) { return d.recipient_id() == "N07P1001"; });
  ASSERT_NE(om, parsed[0].deliveries().end()) << json.out;
  EXPECT_EQ(om->role(), v1::RECIPIENT_ROLE_OFFENDER_MANAGER);
  EXPECT_EQ(om->crn(), "X700001");
  EXPECT_THAT(om->visible(), Contains("subject.name"));
  // Paths only: nothing of the notification's content comes back.
  for (const char* content : {"Thornbury", "Leanne", "Tyler", "Neighbour", "Okafor"}) {
    EXPECT_THAT(json.out, Not(HasSubstr(content)));
    EXPECT_THAT(text.out, Not(HasSubstr(content)));
  }

  // Explaining stores and sends nothing.
  CommandResult inbox = Ctl("om-inbox", {"--json", "inbox", "list", "--recipient=N07P1001", "--all"});
  ASSERT_EQ(inbox.exit_code, 0) << inbox.err;
  EXPECT_EQ(inbox.out, "");

  for (const char* who : {"policy-admin", "om-inbox", "police-adapter"}) {
    CommandResult denied = Ctl(who, explain);
    EXPECT_EQ(denied.exit_code, 1) << who;
    EXPECT_THAT(denied.err, HasSubstr("error: PERMISSION_DENIED: ")) << who;
  }
  CommandResult unknown = Ctl("auditor", {"policy", "explain", "--notification=" + notification, "--person=X999999"});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_THAT(unknown.err, HasSubstr("error: NOT_FOUND: "));
}

TEST_F(PolicyE2eTest, ReloadingAnUnchangedConfigKeepsTheVersionAndIsAudited) {
  StartBroker();
  CommandResult show = Ctl("auditor", {"--json", "policy", "show"});
  ASSERT_EQ(show.exit_code, 0) << show.err;
  const std::vector<v1::PolicyInfo> info = ParseJsonLines<v1::PolicyInfo>(show.out);
  ASSERT_EQ(info.size(), 1u);
  const std::string version = info[0].version();
  EXPECT_THAT(version, ::testing::StartsWith("england-wales@"));
  EXPECT_EQ(info[0].origin(), "built-in (policy/england-wales.textproto)");

  CommandResult reload = Ctl("policy-admin", {"policy", "reload"});
  ASSERT_EQ(reload.exit_code, 0) << reload.err;
  EXPECT_EQ(reload.out, absl::StrCat("policy reloaded: ", version, " -> ", version, " (unchanged)\n"));

  CommandResult audit = Ctl("auditor", {"--json", "audit", "query"});
  ASSERT_EQ(audit.exit_code, 0) << audit.err;
  bool reloaded = false;
  for (const v1::AuditEntry& entry : ParseJsonLines<v1::AuditEntry>(audit.out)) {
    if (entry.action() == v1::AUDIT_ACTION_POLICY_LOADED && entry.actor() == SpiffeId("policy-admin")) {
      reloaded = true;
      EXPECT_EQ(entry.policy().version(), version);
      EXPECT_EQ(entry.policy().previous_version(), version);
    }
  }
  EXPECT_TRUE(reloaded) << audit.out;

  CommandResult denied = Ctl("auditor", {"policy", "reload"});
  EXPECT_EQ(denied.exit_code, 1);
  EXPECT_THAT(denied.err, HasSubstr("error: PERMISSION_DENIED: role ROLE_AUDITOR may not call Policy.Reload"));
}

TEST_F(PolicyE2eTest, ValidatingABrokenFilePrintsEveryProblemWithFileAndLine) {
  const std::string file = Write("broken.textproto", kBrokenPolicy);
  CommandResult result =
      Offline({"policy", "validate", file, "--config=" + SourceDir() + "/deploy/demo/broker.textproto"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_THAT(result.err, HasSubstr(file + ":7: rule 'arrest/om': permit.legal_basis: is required"));
  EXPECT_THAT(result.err, HasSubstr("error: INVALID_ARGUMENT: " + file + ": invalid policy (1 problem)"));

  const std::string syntax = Write("syntax.textproto", std::string(kBrokenPolicy) + "rules {\n  colour: 1\n}\n");
  CommandResult unknown_field = Offline({"policy", "validate", syntax});
  EXPECT_EQ(unknown_field.exit_code, 1);
  EXPECT_THAT(unknown_field.err, HasSubstr(syntax + ":13:"));
  EXPECT_THAT(unknown_field.err, HasSubstr("colour"));

  CommandResult shipped = Offline({"policy", "validate", SourceDir() + "/policy/england-wales.textproto",
                                   "--config=" + SourceDir() + "/deploy/demo/broker.textproto"});
  EXPECT_EQ(shipped.exit_code, 0) << shipped.err;
  EXPECT_THAT(shipped.out, HasSubstr(": valid, version england-wales@"));
}

TEST_F(PolicyE2eTest, TheShippedGoldenCasesPass) {
  const std::string dir = SourceDir() + "/policy/golden/england-wales";
  size_t cases = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().filename().string().find(".case.textproto") != std::string::npos) ++cases;
  }
  ASSERT_GT(cases, 0u);
  CommandResult result = Offline({"policy", "test", dir});
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_THAT(result.out, HasSubstr(absl::StrCat("\n", cases, " cases, 0 failed (policy england-wales@")));
  EXPECT_THAT(result.out, Not(HasSubstr("FAIL ")));
}

}  // namespace
}  // namespace liaison::testing
