#include "broker/validation/change_validation.h"

#include <string>

#include "absl/time/civil_time.h"
#include "broker/common/proto_time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace liaison::validation {
namespace {

using testing::StartsWith;

const absl::Time kNow = absl::FromCivil(absl::CivilSecond(2026, 11, 22, 9, 0, 0), absl::UTCTimeZone());

v1::ApplyChangeRequest Valid() {
  v1::ApplyChangeRequest r;
  r.mutable_person()->set_type(v1::IDENTIFIER_TYPE_NOMS);
  r.mutable_person()->set_value("a1234bc");
  *r.mutable_occurred_at() = ToProtoTime(kNow - absl::Hours(1));
  r.set_reason("received into custody");
  r.mutable_custody()->set_status(v1::SUPERVISION_STATUS_IN_CUSTODY);
  r.mutable_custody()->set_prison_code("MDI");
  return r;
}

v1::ApplyChangeRequest WithRegistrations() {
  v1::ApplyChangeRequest r = Valid();
  r.mutable_registrations()->add_add("advp");
  return r;
}

v1::ApplyChangeRequest WithReplacement(v1::IdentifierType type, const std::string& value) {
  v1::ApplyChangeRequest r = Valid();
  r.mutable_identifier()->mutable_replacement()->set_type(type);
  r.mutable_identifier()->mutable_replacement()->set_value(value);
  return r;
}

TEST(ChangeValidationTest, AcceptsAndCanonicalises) {
  v1::ApplyChangeRequest r = Valid();
  ASSERT_TRUE(ValidateApplyChange(&r, kNow).ok());
  EXPECT_EQ(r.person().value(), "A1234BC");

  r = WithRegistrations();
  r.mutable_registrations()->add_remove("Mapp");
  ASSERT_TRUE(ValidateApplyChange(&r, kNow).ok());
  EXPECT_EQ(r.registrations().add(0), "ADVP");
  EXPECT_EQ(r.registrations().remove(0), "MAPP");

  r = WithReplacement(v1::IDENTIFIER_TYPE_NOMS, "g5678kl");
  ASSERT_TRUE(ValidateApplyChange(&r, kNow).ok());
  EXPECT_EQ(r.identifier().replacement().value(), "G5678KL");

  // A CRN may name the record whatever the replacement's type.
  r = WithReplacement(v1::IDENTIFIER_TYPE_PNC, "79/163001B");
  r.mutable_person()->set_type(v1::IDENTIFIER_TYPE_CRN);
  r.mutable_person()->set_value("x100001");
  ASSERT_TRUE(ValidateApplyChange(&r, kNow).ok());
  EXPECT_EQ(r.person().value(), "X100001");
  EXPECT_EQ(r.identifier().replacement().value(), "1979/0163001B");
}

struct BadCase {
  const char* name;
  v1::ApplyChangeRequest (*make)();
  const char* message_prefix;
};

class ChangeValidationBadTest : public testing::TestWithParam<BadCase> {};

TEST_P(ChangeValidationBadTest, RejectsNamingTheField) {
  v1::ApplyChangeRequest r = GetParam().make();
  const absl::Status s = ValidateApplyChange(&r, kNow);
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(s.message()), StartsWith(GetParam().message_prefix));
}

INSTANTIATE_TEST_SUITE_P(
    Cases, ChangeValidationBadTest,
    testing::Values(
        BadCase{"NoPerson", [] { auto r = Valid(); r.clear_person(); return r; }, "person: is required"},
        BadCase{"PersonWithoutType", [] { auto r = Valid(); r.mutable_person()->clear_type(); return r; },
                "person.type: is required"},
        BadCase{"MalformedPerson", [] { auto r = Valid(); r.mutable_person()->set_value("A12"); return r; },
                "person.value: "},
        BadCase{"PlaceholderPerson",
                [] {
                  auto r = Valid();
                  r.mutable_person()->set_type(v1::IDENTIFIER_TYPE_CRO);
                  r.mutable_person()->set_value("000000/00Z");
                  return r;
                },
                "person.value: is a placeholder"},
        BadCase{"NoTime", [] { auto r = Valid(); r.clear_occurred_at(); return r; }, "occurred_at: is required"},
        BadCase{"FutureTime",
                [] {
                  auto r = Valid();
                  *r.mutable_occurred_at() = ToProtoTime(kNow + absl::Hours(2));
                  return r;
                },
                "occurred_at: is more than an hour in the future"},
        BadCase{"LongReason", [] { auto r = Valid(); r.set_reason(std::string(201, 'x')); return r; }, "reason: "},
        BadCase{"NoChange", [] { auto r = Valid(); r.clear_custody(); return r; }, "change: "},
        BadCase{"NoStatus", [] { auto r = Valid(); r.mutable_custody()->clear_status(); return r; },
                "custody.status: is required"},
        BadCase{"CustodyWithoutPrison", [] { auto r = Valid(); r.mutable_custody()->clear_prison_code(); return r; },
                "custody.prison_code: is required"},
        BadCase{"PrisonAfterRelease",
                [] {
                  auto r = Valid();
                  r.mutable_custody()->set_status(v1::SUPERVISION_STATUS_LICENCE);
                  return r;
                },
                "custody.prison_code: is only allowed"},
        BadCase{"PrisonNotACode", [] { auto r = Valid(); r.mutable_custody()->set_prison_code("M D I"); return r; },
                "custody.prison_code: "},
        BadCase{"LongPrison",
                [] { auto r = Valid(); r.mutable_custody()->set_prison_code(std::string(17, 'M')); return r; },
                "custody.prison_code: is longer than 16"},
        BadCase{"UnknownCode", [] { auto r = WithRegistrations(); r.mutable_registrations()->add_add("NOPE"); return r; },
                "registrations.add[1]: is not a known registration code"},
        BadCase{"AddedAndRemoved",
                [] { auto r = WithRegistrations(); r.mutable_registrations()->add_remove("ADVP"); return r; },
                "registrations.remove[0]: is also in add"},
        BadCase{"MappaLevelWhileRemovingMappa",
                [] {
                  auto r = WithRegistrations();
                  r.mutable_registrations()->add_remove("MAPP");
                  r.mutable_registrations()->set_mappa_level(v1::MAPPA_LEVEL_2);
                  return r;
                },
                "registrations.mappa_level: cannot be set while MAPP is removed"},
        BadCase{"EmptyRegistrationChange",
                [] {
                  auto r = Valid();
                  r.mutable_registrations();
                  return r;
                },
                "registrations: changes nothing"},
        BadCase{"NoReplacement",
                [] {
                  auto r = Valid();
                  r.mutable_identifier();
                  return r;
                },
                "identifier.replacement: is required"},
        BadCase{"ReplacementOfAnotherType", [] { return WithReplacement(v1::IDENTIFIER_TYPE_PNC, "79/163001B"); },
                "identifier.replacement.type: must be the type of person"},
        BadCase{"ReplacementIsACrn", [] { return WithReplacement(v1::IDENTIFIER_TYPE_CRN, "X100001"); },
                "identifier.replacement.type: a CRN"},
        BadCase{"ReplacementIsThePerson", [] { return WithReplacement(v1::IDENTIFIER_TYPE_NOMS, "A1234BC"); },
                "identifier.replacement: is the identifier person already names"},
        BadCase{"MalformedReplacement", [] { return WithReplacement(v1::IDENTIFIER_TYPE_NOMS, "1234"); },
                "identifier.replacement.value: "}),
    [](const testing::TestParamInfo<BadCase>& info) { return std::string(info.param.name); });

TEST(ChangeRefValidationTest, AllowsTheDocumentedCharactersUpTo128) {
  EXPECT_TRUE(ValidateChangeRef("").ok());
  EXPECT_TRUE(ValidateChangeRef("prison-events:reception/2026.11_22").ok());
  EXPECT_TRUE(ValidateChangeRef(std::string(128, 'z')).ok());
  EXPECT_THAT(std::string(ValidateChangeRef(std::string(129, 'z')).message()),
              StartsWith("change_ref: is longer than 128"));
  for (const char* bad : {"a b", "a+b", "a\nb", "caf\xc3\xa9"}) {
    const absl::Status s = ValidateChangeRef(bad);
    EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument) << bad;
    EXPECT_THAT(std::string(s.message()), StartsWith("change_ref: may hold only")) << bad;
  }
}

}  // namespace
}  // namespace liaison::validation
