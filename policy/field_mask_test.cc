#include "policy/field_mask.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "policy/test_util.h"

namespace liaison::policy {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::UnorderedElementsAre;

TEST(FieldVocabularyTest, NamesEventsSubfieldsAndRelatedRoles) {
  EXPECT_TRUE(IsKnownField("subject"));
  EXPECT_TRUE(IsKnownField("subject.date_of_birth"));
  EXPECT_TRUE(IsKnownField("police_callout.summary"));
  EXPECT_TRUE(IsKnownField("prison_mail_flag.correspondent"));
  EXPECT_TRUE(IsKnownField("related_people.child"));
  EXPECT_TRUE(IsKnownField("related_people.caller"));
  EXPECT_TRUE(IsKnownField("protected_source"));
  EXPECT_FALSE(IsKnownField("related_people"));  // only per role
  EXPECT_FALSE(IsKnownField("subject.nam"));
  EXPECT_FALSE(IsKnownField("notification_id"));  // always visible
  EXPECT_TRUE(IsAlwaysVisible("police_callout.incident_type"));
  EXPECT_FALSE(IsAlwaysVisible("police_callout.summary"));
}

TEST(ApplyFieldsTest, NothingAllowedLeavesTheEnvelopeAndTypeCodes) {
  const View view = ApplyFields(testing::Callout(), {}, {});
  const api::Notification& n = view.notification;
  EXPECT_EQ(n.notification_id(), "ntf_1");
  EXPECT_EQ(n.source().organisation_code(), "MPS");
  EXPECT_EQ(n.police_callout().incident_type(), api::CALLOUT_INCIDENT_TYPE_DOMESTIC_ABUSE);
  EXPECT_TRUE(n.police_callout().children_present());
  EXPECT_FALSE(n.has_subject());
  EXPECT_TRUE(n.originator_contact().empty());
  EXPECT_TRUE(n.police_callout().summary().empty());
  EXPECT_FALSE(n.police_callout().has_location());
  // Related people keep their role and age, not their details.
  ASSERT_EQ(n.related_people_size(), 3);
  EXPECT_FALSE(n.related_people(1).has_person());
  EXPECT_EQ(n.related_people(1).age(), 5);
  EXPECT_THAT(view.withheld, UnorderedElementsAre("originator_contact", "subject", "related_people[0].person",
                                                  "related_people[1].person", "related_people[2].person",
                                                  "police_callout.police_reference", "police_callout.location",
                                                  "police_callout.summary"));
  EXPECT_FALSE(view.summary_only);
}

TEST(ApplyFieldsTest, APathAllowsEverythingBeneathIt) {
  const View view = ApplyFields(testing::Callout(), {"subject", "police_callout"}, {});
  EXPECT_EQ(view.notification.subject().name().family_name(), "Subject");
  EXPECT_EQ(view.notification.police_callout().summary(), "free text");
  EXPECT_EQ(view.notification.police_callout().location().postcode(), "SE1 1AA");
}

TEST(ApplyFieldsTest, NarrowPathsAllowOnlyThemselves) {
  const View view = ApplyFields(testing::Callout(), {"subject.name", "police_callout.summary"}, {});
  EXPECT_TRUE(view.notification.subject().has_name());
  EXPECT_TRUE(view.notification.subject().date_of_birth().empty());
  EXPECT_THAT(view.withheld, Contains("subject.date_of_birth"));
  EXPECT_FALSE(view.notification.police_callout().has_location());
}

TEST(ApplyFieldsTest, RelatedPeopleByRole) {
  const View view = ApplyFields(testing::Callout(), {"related_people.victim"}, {});
  EXPECT_TRUE(view.notification.related_people(0).has_person());
  EXPECT_FALSE(view.notification.related_people(1).has_person());
  EXPECT_FALSE(view.notification.related_people(2).has_person());
}

TEST(ApplyFieldsTest, WithholdBeatsAllow) {
  const View view =
      ApplyFields(testing::Callout(), {"police_callout", "related_people.child"}, {"police_callout.summary",
                                                                                 "related_people.child"});
  EXPECT_TRUE(view.notification.police_callout().summary().empty());
  EXPECT_TRUE(view.notification.police_callout().has_location());
  EXPECT_EQ(view.notification.police_callout().incident_type(), api::CALLOUT_INCIDENT_TYPE_DOMESTIC_ABUSE);
  EXPECT_FALSE(view.notification.related_people(1).has_person());
}

TEST(ApplyFieldsTest, ProtectSourceWithholdsCallersAndFreeTextUnlessGranted) {
  api::Notification n = testing::Callout();
  n.add_caveats(api::CAVEAT_PROTECT_SOURCE);
  const std::vector<std::string> allowed = {"police_callout", "related_people.caller"};
  View view = ApplyFields(n, allowed, {});
  EXPECT_TRUE(view.notification.police_callout().summary().empty());
  EXPECT_FALSE(view.notification.related_people(2).has_person());
  std::vector<std::string> granted = allowed;
  granted.push_back("protected_source");
  view = ApplyFields(n, granted, {});
  EXPECT_EQ(view.notification.police_callout().summary(), "free text");
  EXPECT_TRUE(view.notification.related_people(2).has_person());
}

TEST(ApplyFieldsTest, NotForOnwardDisclosureLeavesASummaryAndTheOriginator) {
  api::Notification n = testing::Callout();
  n.add_caveats(api::CAVEAT_NOT_FOR_ONWARD_DISCLOSURE);
  const View view = ApplyFields(n, {"subject", "police_callout", "related_people.victim", "protected_source"}, {});
  EXPECT_TRUE(view.summary_only);
  EXPECT_EQ(view.notification.originator_contact(), "PC 1");
  EXPECT_FALSE(view.notification.has_subject());
  EXPECT_TRUE(view.notification.police_callout().summary().empty());
  EXPECT_EQ(view.notification.police_callout().incident_type(), api::CALLOUT_INCIDENT_TYPE_DOMESTIC_ABUSE);
  EXPECT_FALSE(view.notification.related_people(0).has_person());
}

TEST(ApplyFieldsTest, MailCorrespondentIsItsOwnField) {
  api::Notification n = testing::Parse<api::Notification>(R"pb(
    prison_mail_flag {
      establishment: "MDI" prisoner_noms: "A1234BC" concern: MAIL_CONCERN_CONTACT_WITH_CHILD
      correspondent { name { family_name: "Child" } } summary: "letters"
    }
  )pb");
  const View view = ApplyFields(n, {"prison_mail_flag.summary"}, {});
  EXPECT_FALSE(view.notification.prison_mail_flag().has_correspondent());
  EXPECT_EQ(view.notification.prison_mail_flag().summary(), "letters");
  EXPECT_EQ(view.notification.prison_mail_flag().establishment(), "MDI");
  EXPECT_THAT(view.withheld, UnorderedElementsAre("prison_mail_flag.prisoner_noms", "prison_mail_flag.correspondent"));
}

}  // namespace
}  // namespace liaison::policy
