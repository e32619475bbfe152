#include "broker/validation/offender_validation.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace liaison::validation {
namespace {

using testing::StartsWith;

v1::OffenderRecord Valid() {
  v1::OffenderRecord r;
  r.set_crn("x123456");
  v1::Identifier* pnc = r.add_identifiers();
  pnc->set_type(v1::IDENTIFIER_TYPE_PNC);
  pnc->set_value("2002/0073319Z");
  r.mutable_name()->set_family_name("Okafor");
  r.mutable_offender_manager()->set_staff_code("N07P1001");
  r.add_registrations("ADVP");
  return r;
}

std::string ErrorOf(void (*spoil)(v1::OffenderRecord*)) {
  v1::OffenderRecord r = Valid();
  spoil(&r);
  absl::Status s = ValidateOffender("offender", &r, absl::CivilYear(2026));
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  return std::string(s.message());
}

TEST(OffenderValidationTest, AcceptsAndCanonicalises) {
  v1::OffenderRecord r = Valid();
  ASSERT_TRUE(ValidateOffender("offender", &r, absl::CivilYear(2026)).ok());
  EXPECT_EQ(r.crn(), "X123456");
  r.add_registrations("mapp");
  ASSERT_TRUE(ValidateOffender("offender", &r, absl::CivilYear(2026)).ok());
  EXPECT_EQ(r.registrations(1), "MAPP");
}

TEST(OffenderValidationTest, RejectsWithTheFieldPath) {
  EXPECT_THAT(ErrorOf([](auto* r) { r->clear_crn(); }), StartsWith("offender.crn: is required"));
  EXPECT_THAT(ErrorOf([](auto* r) { r->set_crn("XX23456"); }), StartsWith("offender.crn: "));
  EXPECT_THAT(ErrorOf([](auto* r) { r->mutable_name()->clear_family_name(); }),
              StartsWith("offender.name.family_name: is required"));
  EXPECT_THAT(ErrorOf([](auto* r) { *r->add_identifiers() = r->identifiers(0); }),
              StartsWith("offender.identifiers[1].type: at most one identifier of each type"));
  EXPECT_THAT(ErrorOf([](auto* r) {
                v1::Identifier* crn = r->add_identifiers();
                crn->set_type(v1::IDENTIFIER_TYPE_CRN);
                crn->set_value("X123456");
              }),
              StartsWith("offender.identifiers[1].type: the CRN belongs in the crn field"));
  EXPECT_THAT(ErrorOf([](auto* r) { r->add_registrations("NOPE"); }),
              StartsWith("offender.registrations[1]: is not a known registration code"));
  EXPECT_THAT(ErrorOf([](auto* r) { r->mutable_offender_manager()->set_staff_code("N07 P1"); }),
              StartsWith("offender.offender_manager.staff_code: may contain only"));
  EXPECT_THAT(ErrorOf([](auto* r) {
                r->mutable_co_worker()->set_name("Sam");
              }),
              StartsWith("offender.co_worker.staff_code: is required when a name or team is given"));
}

}  // namespace
}  // namespace liaison::validation
