#include "broker/validation/notification_validation.h"

#include <functional>
#include <string>

#include "absl/time/civil_time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace liaison::validation {
namespace {

using testing::HasSubstr;
using testing::Not;
using testing::StartsWith;

const absl::Time kNow = absl::FromCivil(absl::CivilSecond(2026, 11, 22, 10, 0, 0), absl::UTCTimeZone());

v1::Notification ValidCallout() {
  v1::Notification n;
  n.set_source_ref("CAD-2026-000123");
  n.mutable_occurred_at()->set_seconds(absl::ToUnixSeconds(kNow - absl::Hours(2)));
  n.set_classification(v1::CLASSIFICATION_OFFICIAL_SENSITIVE);
  v1::PersonDescriptor* subject = n.mutable_subject();
  v1::Identifier* pnc = subject->add_identifiers();
  pnc->set_type(v1::IDENTIFIER_TYPE_PNC);
  pnc->set_value("79/163001b");
  subject->mutable_name()->set_family_name("Ashworth");
  subject->set_date_of_birth("1985-03-02");
  v1::RelatedPerson* child = n.add_related_people();
  child->set_role(v1::RELATED_ROLE_CHILD);
  child->set_age(4);
  n.mutable_police_callout()->set_incident_type(v1::CALLOUT_INCIDENT_TYPE_DOMESTIC_ABUSE);
  n.mutable_police_callout()->set_summary("Attended a domestic incident.");
  return n;
}

TEST(NotificationValidationTest, AcceptsAValidNotificationAndCanonicalisesIdentifiers) {
  v1::Notification n = ValidCallout();
  v1::Identifier* placeholder = n.mutable_subject()->add_identifiers();
  placeholder->set_type(v1::IDENTIFIER_TYPE_CRO);
  placeholder->set_value("000000/00Z");
  ASSERT_TRUE(ValidateNotification(&n, kNow).ok()) << ValidateNotification(&n, kNow);
  ASSERT_EQ(n.subject().identifiers_size(), 1);  // the placeholder CRO is treated as absent
  EXPECT_EQ(n.subject().identifiers(0).value(), "1979/0163001B");
}

struct BadCase {
  std::string name;
  std::function<void(v1::Notification*)> spoil;
  std::string expected_prefix;
  std::string secret;  // a value that must not appear in the message
};

// Names the case in test listings instead of dumping its bytes.
void PrintTo(const BadCase& c, std::ostream* os) { *os << c.name; }

class BadNotificationTest : public testing::TestWithParam<BadCase> {};

TEST_P(BadNotificationTest, NamesTheFieldAndNeverQuotesTheValue) {
  v1::Notification n = ValidCallout();
  GetParam().spoil(&n);
  absl::Status status = ValidateNotification(&n, kNow);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(status.message()), StartsWith(GetParam().expected_prefix));
  if (!GetParam().secret.empty()) {
    EXPECT_THAT(std::string(status.message()), Not(HasSubstr(GetParam().secret)));
  }
}

INSTANTIATE_TEST_SUITE_P(
    Cases, BadNotificationTest,
    testing::Values(
        BadCase{"MissingSourceRef", [](auto* n) { n->clear_source_ref(); }, "source_ref: is required", ""},
        BadCase{"MissingSubject", [](auto* n) { n->clear_subject(); }, "subject: is required", ""},
        BadCase{"AnonymousSubject",
                [](auto* n) {
                  n->mutable_subject()->clear_identifiers();
                  n->mutable_subject()->mutable_name()->clear_family_name();
                },
                "subject: must carry a strong identifier", ""},
        BadCase{"WrongPncCheckLetter",
                [](auto* n) { n->mutable_subject()->mutable_identifiers(0)->set_value("1979/0163001C"); },
                "subject.identifiers[0].value: ", "0163001C"},
        BadCase{"UnspecifiedIdentifierType",
                [](auto* n) { n->mutable_subject()->mutable_identifiers(0)->clear_type(); },
                "subject.identifiers[0].type: ", ""},
        BadCase{"NoEvent", [](auto* n) { n->clear_police_callout(); }, "event: exactly one of", ""},
        BadCase{"NoIncidentType", [](auto* n) { n->mutable_police_callout()->clear_incident_type(); },
                "police_callout.incident_type: is required", ""},
        BadCase{"NoClassification", [](auto* n) { n->clear_classification(); }, "classification: is required",
                ""},
        BadCase{"UnknownClassification", [](auto* n) { n->set_classification(static_cast<v1::Classification>(9)); },
                "classification: is not a known value", ""},
        BadCase{"FutureOccurredAt",
                [](auto* n) { n->mutable_occurred_at()->set_seconds(absl::ToUnixSeconds(kNow + absl::Hours(3))); },
                "occurred_at: is more than an hour in the future", ""},
        BadCase{"MissingOccurredAt", [](auto* n) { n->clear_occurred_at(); }, "occurred_at: is required", ""},
        BadCase{"OversizedSummary",
                [](auto* n) { n->mutable_police_callout()->set_summary(std::string(5000, 'x')); },
                "police_callout.summary: is 5000 bytes; the limit is 4000", ""},
        BadCase{"RelatedRoleMissing", [](auto* n) { n->mutable_related_people(0)->clear_role(); },
                "related_people[0].role: is required", ""},
        BadCase{"DateOfBirthShape", [](auto* n) { n->mutable_subject()->set_date_of_birth("02/03/1985"); },
                "subject.date_of_birth: must be a date written YYYY-MM-DD", "02/03/1985"},
        BadCase{"ControlCharacterInName",
                [](auto* n) { n->mutable_subject()->mutable_name()->set_family_name(std::string("Ash\x01", 4)); },
                "subject.name.family_name: contains a control character", "Ash"},
        BadCase{"ArrestWithoutOffence",
                [](auto* n) {
                  n->clear_police_callout();
                  n->mutable_arrest()->set_custody_suite("Central");
                },
                "arrest.offence: is required", ""},
        BadCase{"MailFlagNomsDisagrees",
                [](auto* n) {
                  n->clear_police_callout();
                  v1::Identifier* noms = n->mutable_subject()->add_identifiers();
                  noms->set_type(v1::IDENTIFIER_TYPE_NOMS);
                  noms->set_value("A1234BC");
                  v1::PrisonMailFlag* flag = n->mutable_prison_mail_flag();
                  flag->set_establishment("MDI");
                  flag->set_prisoner_noms("B9999ZZ");
                  flag->set_direction(v1::MAIL_DIRECTION_OUTGOING);
                  flag->set_concern(v1::MAIL_CONCERN_CONTACT_WITH_VICTIM);
                },
                "prison_mail_flag.prisoner_noms: disagrees with the subject's NOMS number", "B9999ZZ"}),
    [](const testing::TestParamInfo<BadCase>& info) { return info.param.name; });

}  // namespace
}  // namespace liaison::validation
