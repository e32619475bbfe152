#include "broker/ctl/render_policy.h"

#include "gmock/gmock.h"
#include "google/protobuf/text_format.h"
#include "gtest/gtest.h"

namespace liaison::ctl {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

v1::PolicyExplanation Parse(const char* text) {
  v1::PolicyExplanation explanation;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text, &explanation));
  return explanation;
}

TEST(RenderExplanationTest, NothingSharedSaysWhyAndListsEveryRule) {
  const std::string text = RenderExplanation(Parse(R"pb(
    policy_version: "p@0123456789abcdef"
    reason: "no rule permits sharing"
    rules { rule_id: "a" effect: EFFECT_PERMIT crn: "X1" link: LINK_SUBJECT why: "kinds: is ARREST" }
    rules { rule_id: "b" effect: EFFECT_FORBID crn: "X1" link: LINK_SUBJECT }
  )pb"));
  EXPECT_EQ(text,
            "policy:      p@0123456789abcdef\n"
            "rules fired: none\n"
            "reason:      no rule permits sharing\n"
            "\n"
            "rules:\n"
            "  a (permit): did not fire: kinds: is ARREST\n"
            "  b (forbid): did not fire\n"
            "\n"
            "recipients: none\n");
}

TEST(RenderExplanationTest, ARecipientBlockShowsDeadlineEscalationAndFields) {
  const std::string text = RenderExplanation(Parse(R"pb(
    policy_version: "p@0123456789abcdef"
    rule_ids: "a"
    legal_basis: "Basis A"
    priority: PRIORITY_IMMEDIATE
    rules { rule_id: "a" effect: EFFECT_PERMIT crn: "X2" link: LINK_VICTIM fired: true why: "held: links" }
    deliveries {
      recipient_id: "N07P1001"
      role: RECIPIENT_ROLE_OFFENDER_MANAGER
      crn: "X2"
      priority: PRIORITY_IMMEDIATE
      legal_basis: "Basis A"
      rule_ids: "a"
      ack_deadline_seconds: 5400
      escalation { recipient_id: "N07M0001" role: RECIPIENT_ROLE_MANAGER }
      withheld: "subject"
      summary_only: true
    }
    deliveries { recipient_id: "N07P1002" role: RECIPIENT_ROLE_CO_WORKER crn: "X2" priority: PRIORITY_ROUTINE }
  )pb"));
  EXPECT_THAT(text, HasSubstr("  a (permit, X2 as VICTIM): fired (held: links)\n"));
  EXPECT_THAT(text, HasSubstr("priority:    IMMEDIATE\n"));
  EXPECT_THAT(text, HasSubstr("\nrecipient:    N07P1001 (OFFENDER_MANAGER)\n"
                              "person:       X2\n"
                              "priority:     IMMEDIATE\n"
                              "legal basis:  Basis A\n"
                              "rules:        a\n"
                              "deadline:     1h30m\n"
                              "escalation:   N07M0001 (MANAGER)\n"
                              "visible:      the envelope only\n"
                              "withheld:     subject\n"
                              "summary only: yes (not for onward disclosure)\n"));
  EXPECT_THAT(text, HasSubstr("\nrecipient: N07P1002 (CO_WORKER)\n"));
  EXPECT_THAT(text, HasSubstr("deadline:  none\n"));
  EXPECT_THAT(text, Not(HasSubstr("recipients: none")));
}

}  // namespace
}  // namespace liaison::ctl
