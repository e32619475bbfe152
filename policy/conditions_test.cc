#include "policy/conditions.h"

#include "gtest/gtest.h"
#include "policy/test_util.h"

namespace liaison::policy {
namespace {

NormalisedConditions When(const std::string& text) {
  return Normalise(testing::Parse<policy::v1::Conditions>(text));
}

TEST(ConditionsTest, SubTypesImplyTheirKindAndLinksDefaultToSubject) {
  const NormalisedConditions c = When("callout_incident_types: CALLOUT_INCIDENT_TYPE_DOMESTIC_ABUSE");
  EXPECT_EQ(c.kinds, (std::set<int>{policy::v1::NOTIFICATION_KIND_POLICE_CALLOUT}));
  EXPECT_EQ(c.links, (std::set<int>{policy::v1::LINK_SUBJECT}));
}

TEST(ConditionsTest, FirstFailureNamesTheConditionWithoutPersonalData) {
  const api::Notification n = testing::Callout();
  const api::OffenderRecord p = testing::Person();
  Facts facts{&n, policy::v1::LINK_SUBJECT, policy::v1::MATCH_BASIS_AUTO_LINKED, &p, absl::Hours(3)};
  EXPECT_FALSE(FirstFailure(When("kinds: NOTIFICATION_KIND_POLICE_CALLOUT registrations_any: \"advp\""), facts));
  EXPECT_EQ(*FirstFailure(When("registrations_any: \"RCPR\""), facts), "registrations_any: has none of RCPR");
  EXPECT_EQ(*FirstFailure(When("rosh_levels: ROSH_LEVEL_HIGH"), facts),
            "rosh_levels: is ROSH_LEVEL_MEDIUM, wants one of ROSH_LEVEL_HIGH");
  EXPECT_EQ(*FirstFailure(When("event_within_hours: 2"), facts), "event_within_hours: the event was 3 hours ago");
  EXPECT_FALSE(FirstFailure(When("event_older_than_hours: 2"), facts));
  EXPECT_EQ(*FirstFailure(When("links: LINK_VICTIM"), facts), "links: is LINK_SUBJECT, wants one of LINK_VICTIM");
  EXPECT_EQ(*FirstFailure(When("children_present: false"), facts), "children_present: is true");
  EXPECT_FALSE(FirstFailure(When("caveats_none: CAVEAT_PROTECT_SOURCE"), facts));
  EXPECT_TRUE(FirstFailure(When("caveats_any: CAVEAT_PROTECT_SOURCE"), facts));
}

TEST(ConditionsTest, LicencePhrasesMatchCaseInsensitively) {
  const api::Notification n = testing::Callout();
  api::OffenderRecord p = testing::Person();
  p.add_licence_conditions("Not to enter the EXCLUSION ZONE around Catford");
  Facts facts{&n, policy::v1::LINK_SUBJECT, policy::v1::MATCH_BASIS_AUTO_LINKED, &p, absl::Hours(1)};
  EXPECT_FALSE(FirstFailure(When("licence_conditions_any: \"exclusion zone\""), facts));
  EXPECT_TRUE(FirstFailure(When("licence_conditions_any: \"curfew\""), facts));
}

TEST(ConditionsTest, NeverHolds) {
  EXPECT_FALSE(NeverHolds(When("kinds: NOTIFICATION_KIND_ARREST arrest_outcomes: ARREST_OUTCOME_CHARGED")));
  EXPECT_TRUE(NeverHolds(When("kinds: NOTIFICATION_KIND_ARREST mail_concerns: MAIL_CONCERN_OTHER")));
  EXPECT_TRUE(NeverHolds(When("arrest_outcomes: ARREST_OUTCOME_CHARGED mail_concerns: MAIL_CONCERN_OTHER")));
  EXPECT_TRUE(NeverHolds(When("caveats_any: CAVEAT_PROTECT_SOURCE caveats_none: CAVEAT_PROTECT_SOURCE")));
  EXPECT_TRUE(NeverHolds(When("event_within_hours: 5 event_older_than_hours: 5")));
  EXPECT_TRUE(NeverHolds(When("has_licence_conditions: false licence_conditions_any: \"curfew\"")));
  EXPECT_TRUE(NeverHolds(When("kinds: NOTIFICATION_KIND_UNSPECIFIED")));
}

TEST(ConditionsTest, AtLeastAsGeneral) {
  const auto any = When("");
  const auto callouts = When("kinds: NOTIFICATION_KIND_POLICE_CALLOUT");
  const auto da = When("callout_incident_types: CALLOUT_INCIDENT_TYPE_DOMESTIC_ABUSE");
  const auto high = When("kinds: NOTIFICATION_KIND_POLICE_CALLOUT rosh_levels: [ROSH_LEVEL_HIGH]");
  EXPECT_TRUE(AtLeastAsGeneral(any, callouts));
  EXPECT_TRUE(AtLeastAsGeneral(callouts, da));
  EXPECT_FALSE(AtLeastAsGeneral(da, callouts));
  EXPECT_TRUE(AtLeastAsGeneral(callouts, high));
  EXPECT_FALSE(AtLeastAsGeneral(high, callouts));
  // Links: a rule for subject and victim covers a rule for the subject.
  EXPECT_TRUE(AtLeastAsGeneral(When("links: [LINK_SUBJECT, LINK_VICTIM]"), any));
  EXPECT_FALSE(AtLeastAsGeneral(any, When("links: [LINK_SUBJECT, LINK_VICTIM]")));
  // Excluding fewer caveats is more general.
  EXPECT_TRUE(AtLeastAsGeneral(any, When("caveats_none: CAVEAT_PROTECT_SOURCE")));
  EXPECT_FALSE(AtLeastAsGeneral(When("caveats_none: CAVEAT_PROTECT_SOURCE"), any));
  EXPECT_TRUE(AtLeastAsGeneral(When("event_within_hours: 48"), When("event_within_hours: 24")));
  EXPECT_FALSE(AtLeastAsGeneral(When("event_within_hours: 24"), When("event_within_hours: 48")));
}

}  // namespace
}  // namespace liaison::policy
