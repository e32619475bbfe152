#include "broker/server/policy_explanation.h"

#include "gmock/gmock.h"
#include "google/protobuf/text_format.h"
#include "gtest/gtest.h"
#include "policy/field_mask.h"

namespace liaison::server {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

v1::Notification Callout() {
  v1::Notification n;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(
      R"pb(
        notification_id: "ntf_1"
        source_ref: "CAD-1"
        occurred_at { seconds: 1700000000 }
        classification: CLASSIFICATION_OFFICIAL
        originator_contact: "PC 1234"
        subject {
          name { family_name: "Example" }
          date_of_birth: "1979-03-14"
        }
        related_people {
          role: RELATED_ROLE_PARTNER
          person { name { family_name: "Sample" } }
        }
        related_people {
          role: RELATED_ROLE_CHILD
          age: 4
          person { name { family_name: "Sample" } }
        }
        police_callout { incident_type: CALLOUT_INCIDENT_TYPE_DOMESTIC_ABUSE children_present: true summary: "x" }
      )pb",
      &n));
  return n;
}

TEST(VisiblePathsTest, ListsWhatAViewCarriesBeyondTheEnvelope) {
  const policy::View view = policy::ApplyFields(
      Callout(), {"originator_contact", "subject.name", "police_callout", "related_people.partner"}, {});
  EXPECT_THAT(VisiblePaths(view.notification),
              ElementsAre("originator_contact", "subject.name", "related_people[0].person", "police_callout.summary"));
  EXPECT_THAT(view.withheld, ElementsAre("subject.date_of_birth", "related_people[1].person"));
}

TEST(VisiblePathsTest, TheEnvelopeAloneIsNothingVisible) {
  const policy::View view = policy::ApplyFields(Callout(), {}, {});
  EXPECT_THAT(VisiblePaths(view.notification), IsEmpty());
}

TEST(ToExplanationProtoTest, CopiesTheDecisionAndTracesButNotTheView) {
  policy::Explanation explanation;
  explanation.decision.policy = "p@0123456789abcdef";
  explanation.decision.rule_ids = {"a", "b"};
  explanation.decision.legal_basis = "Basis";
  explanation.decision.priority = v1::PRIORITY_IMMEDIATE;
  explanation.decision.reason = "no co-worker on the record";
  policy::Delivery delivery;
  delivery.recipient_id = "N07P1001";
  delivery.role = v1::RECIPIENT_ROLE_OFFENDER_MANAGER;
  delivery.crn = "X123456";
  delivery.view = policy::ApplyFields(Callout(), {"subject.name"}, {}).notification;
  delivery.withheld = {"originator_contact"};
  delivery.rule_ids = {"a"};
  delivery.legal_basis = "Basis";
  delivery.priority = v1::PRIORITY_IMMEDIATE;
  delivery.ack_deadline = absl::Hours(1);
  delivery.escalation = {{"N07M0001", v1::RECIPIENT_ROLE_MANAGER}, {"N07-DUTY", v1::RECIPIENT_ROLE_DUTY_INBOX}};
  explanation.decision.deliveries.push_back(delivery);
  explanation.traces.push_back({"a", policy::v1::EFFECT_PERMIT, "X123456", policy::v1::LINK_SUBJECT, true, "kinds"});
  explanation.traces.push_back(
      {"b", policy::v1::EFFECT_FORBID, "X123456", policy::v1::LINK_SUBJECT, false, "rosh_levels: is LOW"});

  const v1::PolicyExplanation out = ToExplanationProto(explanation);
  EXPECT_EQ(out.policy_version(), "p@0123456789abcdef");
  EXPECT_THAT(out.rule_ids(), ElementsAre("a", "b"));
  EXPECT_EQ(out.legal_basis(), "Basis");
  EXPECT_EQ(out.priority(), v1::PRIORITY_IMMEDIATE);
  EXPECT_EQ(out.reason(), "no co-worker on the record");
  ASSERT_EQ(out.deliveries_size(), 1);
  const v1::ExplainedDelivery& d = out.deliveries(0);
  EXPECT_EQ(d.recipient_id(), "N07P1001");
  EXPECT_EQ(d.role(), v1::RECIPIENT_ROLE_OFFENDER_MANAGER);
  EXPECT_EQ(d.ack_deadline_seconds(), 3600);
  ASSERT_EQ(d.escalation_size(), 2);
  EXPECT_EQ(d.escalation(1).recipient_id(), "N07-DUTY");
  EXPECT_EQ(d.escalation(1).role(), v1::RECIPIENT_ROLE_DUTY_INBOX);
  EXPECT_THAT(d.visible(), ElementsAre("subject.name"));
  EXPECT_THAT(d.withheld(), ElementsAre("originator_contact"));
  ASSERT_EQ(out.rules_size(), 2);
  EXPECT_TRUE(out.rules(0).fired());
  EXPECT_EQ(out.rules(1).effect(), policy::v1::EFFECT_FORBID);
  EXPECT_EQ(out.rules(1).why(), "rosh_levels: is LOW");
  EXPECT_EQ(out.SerializeAsString().find("Example"), std::string::npos);
}

}  // namespace
}  // namespace liaison::server
