#include "broker/ctl/render_text.h"

#include <string>

#include "broker/common/proto_time.h"
#include "broker/ctl/text_block.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace liaison::ctl {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(TextBlockTest, AlignsValuesAndSkipsEmptyOnes) {
  const std::string text =
      TextBlock().Add("a", "1").Add("longer key", "2").Add("gone", "").Add("m", "x\ny").Render();
  EXPECT_EQ(text,
            "a:          1\n"
            "longer key: 2\n"
            "m:          x\n"
            "            y\n");
}

TEST(ShortEnumNameTest, StripsTheTypePrefix) {
  EXPECT_EQ(ShortEnumName(v1::PRIORITY_IMMEDIATE), "IMMEDIATE");
  EXPECT_EQ(ShortEnumName(v1::RECIPIENT_ROLE_MAPPA_COORDINATOR), "MAPPA_COORDINATOR");
  EXPECT_EQ(ShortEnumName(v1::CALLOUT_INCIDENT_TYPE_DOMESTIC_ABUSE), "DOMESTIC_ABUSE");
  EXPECT_EQ(ShortEnumName(v1::MAPPA_CATEGORY_2), "2");
  EXPECT_EQ(ShortEnumName(static_cast<v1::Priority>(42)), "42");
}

TEST(FormatTimestampTest, Rfc3339InUtcOrEmpty) {
  EXPECT_EQ(FormatTimestamp(ToProtoTime(absl::FromUnixSeconds(1795341600))),
            "2026-11-22T10:00:00Z");
  EXPECT_EQ(FormatTimestamp(google::protobuf::Timestamp()), "");
}

TEST(RenderAlertTest, ShowsEventKindSummaryAndDelivery) {
  v1::Alert alert;
  alert.set_alert_id("A7");
  alert.set_sequence(7);
  alert.set_state(v1::ALERT_STATE_PENDING);
  alert.set_priority(v1::PRIORITY_SAME_DAY);
  alert.set_recipient_id("OM1");
  alert.set_recipient_role(v1::RECIPIENT_ROLE_CO_WORKER);
  alert.set_crn("X1");
  alert.set_delivery_attempt(2);
  alert.mutable_notification()->mutable_social_care_referral()->set_stage(
      v1::CHILD_PROTECTION_STAGE_CONFERENCE);
  alert.mutable_notification()->mutable_social_care_referral()->set_summary("Conference held.");
  alert.add_withheld("related_people[0].person");
  const std::string text = RenderAlert(alert);
  for (const char* expected : {"sequence:", "7", "A7", "PENDING", "SAME_DAY", "OM1 (CO_WORKER)",
                               "social care referral, CONFERENCE", "summary:", "Conference held.",
                               "attempt 2", "related_people[0].person"}) {
    EXPECT_THAT(text, HasSubstr(expected));
  }
}

TEST(RenderAuditEntryTest, ShowsDecisionAndHashPrefix) {
  v1::AuditEntry entry;
  entry.set_sequence(12);
  entry.set_actor("broker");
  entry.set_action(v1::AUDIT_ACTION_MATCH_DECIDED);
  entry.set_notification_id("N-4");
  entry.mutable_match()->set_decision(v1::MATCH_DECISION_LINKED);
  entry.mutable_match()->set_method(v1::MATCH_METHOD_EXACT_IDENTIFIER);
  entry.mutable_match()->add_identifiers_used(v1::IDENTIFIER_TYPE_PNC);
  entry.mutable_match()->set_reason("PNC agrees");
  entry.set_leaf_hash(std::string(32, '\x5a'));
  const std::string text = RenderAuditEntry(entry);
  EXPECT_THAT(text, HasSubstr("MATCH_DECIDED"));
  EXPECT_THAT(text, HasSubstr("LINKED by EXACT_IDENTIFIER [PNC] PNC agrees"));
  EXPECT_THAT(text, HasSubstr("hash:     5a5a5a5a5a5a\n"));
  EXPECT_THAT(text, Not(HasSubstr("5a5a5a5a5a5a5a")));
}

TEST(RenderAuditEntryTest, ShowsAMerge) {
  v1::AuditEntry entry;
  entry.set_action(v1::AUDIT_ACTION_OFFENDERS_MERGED);
  entry.mutable_merge()->set_merged_crn("X2");
  entry.mutable_merge()->set_surviving_crn("X1");
  entry.mutable_merge()->set_reason("same PNC");
  EXPECT_THAT(RenderAuditEntry(entry), HasSubstr("merged X2, surviving X1, reason: same PNC"));
}

TEST(RenderPersonTest, ShowsTheRecordedDetails) {
  v1::PersonDescriptor person;
  person.mutable_name()->set_given_names("Ann");
  person.mutable_name()->set_family_name("Lee");
  person.add_aliases()->set_family_name("Leigh");
  person.set_date_of_birth("1990-01-02");
  person.add_addresses()->add_lines("1 High St");
  person.mutable_addresses(0)->set_postcode("AB1 2CD");
  person.add_identifiers()->set_type(v1::IDENTIFIER_TYPE_NOMS);
  person.mutable_identifiers(0)->set_value("A1234BC");
  EXPECT_EQ(RenderPerson(person),
            "name:          Ann Lee\n"
            "aliases:       Leigh\n"
            "date of birth: 1990-01-02\n"
            "addresses:     1 High St, AB1 2CD\n"
            "identifiers:   NOMS A1234BC\n");
}

TEST(RenderOffenderTest, ShowsStaffAndCase) {
  v1::OffenderRecord record;
  record.set_crn("X1");
  record.mutable_name()->set_given_names("Ann");
  record.mutable_name()->set_family_name("Lee");
  record.mutable_offender_manager()->set_staff_code("OM1");
  record.mutable_offender_manager()->set_name("Sam");
  record.set_mappa_category(v1::MAPPA_CATEGORY_1);
  record.set_mappa_level(v1::MAPPA_LEVEL_2);
  const std::string text = RenderOffender(record);
  EXPECT_THAT(text, HasSubstr("Ann Lee"));
  EXPECT_THAT(text, HasSubstr("OM1 (Sam)"));
  EXPECT_THAT(text, HasSubstr("category 1, level 2"));
  EXPECT_THAT(text, Not(HasSubstr("co-worker")));
}

}  // namespace
}  // namespace liaison::ctl
