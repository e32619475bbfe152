// Field comparisons: every level of every comparison kind, reached through
// Compare() on pairs of forms, plus name pairing (swaps, aliases) and the
// choice among several addresses and identifiers.

#include "broker/matching/comparisons.h"

#include <map>
#include <set>
#include <string>
#include <vector>

#include "broker/matching/test_forms.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace liaison::matching {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing_forms::Address;
using testing_forms::Date;
using testing_forms::Form;
using testing_forms::Named;
using testing_forms::WithAddress;
using testing_forms::WithDob;
using testing_forms::WithIds;

ComparisonSpec Spec(const std::string& name) {
  absl::StatusOr<ComparisonSpec> spec = ParseComparisonName(name);
  EXPECT_TRUE(spec.ok()) << name << ": " << spec.status();
  return spec.ok() ? *spec : ComparisonSpec{};
}

// The level's name, or "null".
std::string LevelName(const std::string& comparison, int8_t level) {
  return level == kNull ? "null" : LevelNames(Spec(comparison).kind)[level];
}

struct LevelCase {
  std::string label;
  std::string comparison;
  v1::MatchForm a;
  v1::MatchForm b;
  std::string level;
};

v1::AddressForm HighStreet() { return Address({"12"}, "high street", "london", "sw1a1aa"); }

std::vector<LevelCase> LevelCases() {
  return {
      // Forename (surnames equal, so only the forename varies).
      {"forename_exact", "forename", Named("John", "Smith"), Named("John", "Smith"), "exact"},
      {"forename_jw92", "forename", Named("Jonathan", "Smith"), Named("Jonathon", "Smith"), "jw92"},
      {"forename_jw88", "forename", Named("Stephen", "Smith"), Named("Steven", "Smith"), "jw88"},
      {"forename_nickname", "forename", Named("Robert", "Smith"), Named("Bob", "Smith"), "nickname"},
      {"forename_phonetic", "forename", Named("Philip", "Smith"), Named("Filip", "Smith"), "phonetic"},
      {"forename_initial", "forename", Named("J", "Smith"), Named("John", "Smith"), "initial"},
      {"forename_initial_differs", "forename", Named("P", "Smith"), Named("John", "Smith"), "else"},
      {"forename_middle", "forename", Named("John", "Smith"), Named("David John", "Smith"), "middle"},
      {"forename_jw70", "forename", Named("Marcus", "Smith"), Named("Martin", "Smith"), "jw70"},
      {"forename_else", "forename", Named("John", "Smith"), Named("Peter", "Smith"), "else"},
      {"forename_missing", "forename", Named("", "Smith"), Named("John", "Smith"), "null"},
      {"forename_no_names", "forename", WithDob(Date(1980, 2, 3)), Named("John", "Smith"), "null"},
      // Surname.
      {"surname_exact", "surname", Named("John", "Smith"), Named("John", "Smith"), "exact"},
      {"surname_jw92", "surname", Named("John", "Johnson"), Named("John", "Jonson"), "jw92"},
      {"surname_part", "surname", Named("John", "Smith-Jones"), Named("John", "Jones"), "part"},
      {"surname_jw88", "surname", Named("John", "Smith"), Named("John", "Smyth"), "jw88"},
      {"surname_phonetic", "surname", Named("John", "Philips"), Named("John", "Fillips"), "phonetic"},
      {"surname_jw70", "surname", Named("John", "Shaw"), Named("John", "Shore"), "jw70"},
      {"surname_else", "surname", Named("John", "Smith"), Named("John", "Brown"), "else"},
      {"surname_missing", "surname", Named("John", ""), Named("John", "Smith"), "null"},
      // Name order: defined only when both parts agree closely.
      {"name_order_straight", "name_order", Named("John", "Smith"), Named("John", "Smith"), "straight"},
      {"name_order_swapped", "name_order", Named("John", "Smith"), Named("Smith", "John"), "swapped"},
      {"name_order_not_close", "name_order", Named("John", "Smith"), Named("Peter", "Smith"), "null"},
      // Date of birth.
      {"dob_exact", "dob", WithDob(Date(1980, 2, 3)), WithDob(Date(1980, 2, 3)), "exact"},
      {"dob_day_month_swap", "dob", WithDob(Date(1980, 2, 3)), WithDob(Date(1980, 3, 2)), "day_month_swap"},
      {"dob_one_edit", "dob", WithDob(Date(1980, 2, 3)), WithDob(Date(1980, 2, 8)), "one_edit"},
      {"dob_within_month", "dob", WithDob(Date(1980, 2, 3)), WithDob(Date(1980, 2, 20)), "within_month"},
      {"dob_within_year", "dob", WithDob(Date(1980, 2, 3)), WithDob(Date(1980, 8, 15)), "within_year"},
      {"dob_else", "dob", WithDob(Date(1980, 2, 3)), WithDob(Date(1975, 6, 11)), "else"},
      {"dob_invalid_date_two_edits", "dob", WithDob(Date(1980, 2, 3)), WithDob(Date(1980, 2, 31, false)), "else"},
      {"dob_missing", "dob", WithDob(Date(1980, 2, 3)), Named("John", "Smith"), "null"},
      // Postcode.
      {"postcode_full", "postcode", WithAddress(HighStreet()), WithAddress(Address({}, "", "", "sw1a1aa")), "full"},
      {"postcode_one_edit", "postcode", WithAddress(HighStreet()), WithAddress(Address({}, "", "", "sw1a1ab")),
       "one_edit"},
      {"postcode_sector", "postcode", WithAddress(HighStreet()), WithAddress(Address({}, "", "", "sw1a1zz")), "sector"},
      {"postcode_district", "postcode", WithAddress(HighStreet()), WithAddress(Address({}, "", "", "sw1a2bb")),
       "district"},
      {"postcode_area", "postcode", WithAddress(HighStreet()), WithAddress(Address({}, "", "", "sw2b3cc")), "area"},
      {"postcode_else", "postcode", WithAddress(HighStreet()), WithAddress(Address({}, "", "", "m11ae")), "else"},
      {"postcode_missing", "postcode", WithAddress(HighStreet()), WithAddress(Address({"12"}, "high street", "", "")),
       "null"},
      {"postcode_no_address", "postcode", WithAddress(HighStreet()), Named("John", "Smith"), "null"},
      // Street address.
      {"address_exact", "address", WithAddress(HighStreet()), WithAddress(Address({"12"}, "high street", "", "")),
       "exact"},
      {"address_number_street", "address", WithAddress(HighStreet()),
       WithAddress(Address({"12"}, "high stret", "", "")), "number_street"},
      {"address_street", "address", WithAddress(HighStreet()), WithAddress(Address({"14"}, "high street", "", "")),
       "street"},
      {"address_number", "address", WithAddress(HighStreet()), WithAddress(Address({"12"}, "church road", "", "")),
       "number"},
      {"address_else", "address", WithAddress(HighStreet()), WithAddress(Address({"3"}, "church road", "", "")),
       "else"},
      {"address_missing", "address", WithAddress(HighStreet()), WithAddress(Address({}, "", "london", "")), "null"},
      // Town.
      {"town_exact", "town", WithAddress(HighStreet()), WithAddress(Address({}, "", "london", "")), "exact"},
      {"town_jw88", "town", WithAddress(HighStreet()), WithAddress(Address({}, "", "londn", "")), "jw88"},
      {"town_else", "town", WithAddress(HighStreet()), WithAddress(Address({}, "", "leeds", "")), "else"},
      {"town_missing", "town", WithAddress(HighStreet()), WithAddress(Address({}, "", "", "m11ae")), "null"},
      // Place: postcode, street and town judged together.
      {"place_address", "place", WithAddress(HighStreet()), WithAddress(Address({"12"}, "high street", "", "sw1a1ab")),
       "address"},
      {"place_address_by_town", "place", WithAddress(HighStreet()),
       WithAddress(Address({"12"}, "high street", "london", "")), "address"},
      {"place_postcode", "place", WithAddress(HighStreet()), WithAddress(Address({"3"}, "church road", "", "sw1a1aa")),
       "postcode"},
      {"place_street_town", "place", WithAddress(HighStreet()),
       WithAddress(Address({"14"}, "high street", "london", "sw1a2bb")), "street_town"},
      {"place_sector", "place", WithAddress(HighStreet()), WithAddress(Address({"3"}, "church road", "", "sw1a1ab")),
       "sector"},
      {"place_district", "place", WithAddress(HighStreet()), WithAddress(Address({}, "", "leeds", "sw1a2bb")),
       "district"},
      {"place_area", "place", WithAddress(HighStreet()), WithAddress(Address({}, "", "", "sw2b3cc")), "area"},
      {"place_town", "place", WithAddress(HighStreet()), WithAddress(Address({"3"}, "church road", "london", "m11ae")),
       "town"},
      {"place_else", "place", WithAddress(HighStreet()), WithAddress(Address({"3"}, "church road", "leeds", "m11ae")),
       "else"},
      {"place_nothing_comparable", "place", WithAddress(Address({}, "", "", "sw1a1aa")),
       WithAddress(Address({}, "", "london", "")), "null"},
      // Identifiers.
      {"id_agree", "id:PNC", WithIds({{"PNC", "1979/0163001B"}}), WithIds({{"PNC", "1979/0163001B"}}), "agree"},
      {"id_one_edit", "id:PNC", WithIds({{"PNC", "1979/0163001B"}}), WithIds({{"PNC", "1979/0163002B"}}), "one_edit"},
      {"id_disagree", "id:PNC", WithIds({{"PNC", "1979/0163001B"}}), WithIds({{"PNC", "2002/0073319Z"}}), "disagree"},
      {"id_other_type_only", "id:PNC", WithIds({{"PNC", "1979/0163001B"}}), WithIds({{"CRO", "1979/0163001B"}}),
       "null"},
      {"id_best_of_several", "id:PNC", WithIds({{"PNC", "2002/0073319Z"}, {"PNC", "1979/0163001B"}}),
       WithIds({{"PNC", "1979/0163001B"}}), "agree"},
  };
}

class CompareLevelTest : public ::testing::TestWithParam<LevelCase> {};

TEST_P(CompareLevelTest, ReachesLevel) {
  const LevelCase& c = GetParam();
  const std::vector<ComparisonSpec> specs = {Spec(c.comparison)};
  const ComparisonVector ab = Compare(c.a, c.b, specs);
  ASSERT_EQ(ab.levels.size(), 1u);
  EXPECT_EQ(LevelName(c.comparison, ab.levels[0]), c.level);
  // Every comparison is symmetric in its two forms.
  EXPECT_EQ(LevelName(c.comparison, Compare(c.b, c.a, specs).levels[0]), c.level);
}

INSTANTIATE_TEST_SUITE_P(AllLevels, CompareLevelTest, ::testing::ValuesIn(LevelCases()),
                         [](const ::testing::TestParamInfo<LevelCase>& info) { return info.param.label; });

TEST(CompareTest, TableReachesEveryLevelOfEveryKindAndNull) {
  std::map<std::string, std::set<std::string>> reached;
  for (const LevelCase& c : LevelCases()) reached[c.comparison].insert(c.level);
  for (const std::string name :
       {"forename", "surname", "name_order", "dob", "postcode", "address", "town", "place", "id:PNC"}) {
    SCOPED_TRACE(name);
    std::set<std::string> expected(LevelNames(Spec(name).kind).begin(), LevelNames(Spec(name).kind).end());
    expected.insert("null");
    EXPECT_EQ(reached[name], expected);
  }
}

TEST(CompareTest, LevelsFollowTheSpecsInOrder) {
  const v1::MatchForm a = Form({.given = "John", .family = "Smith", .dob = "1980-02-03"});
  const v1::MatchForm b = Form({.given = "Jon", .family = "Smith", .dob = "1980-03-02"});
  const ComparisonVector v = Compare(a, b, {Spec("dob"), Spec("surname"), Spec("forename"), Spec("id:PNC")});
  EXPECT_THAT(v.levels, ElementsAre(1 /*day_month_swap*/, 0 /*exact*/, 1 /*jw92*/, kNull));
  EXPECT_THAT(v.agreed_values, ElementsAre("", "smith", "", ""));
  EXPECT_FALSE(v.via_alias);
}

TEST(CompareTest, ExactNameAgreementRecordsTheValuesForTermFrequencies) {
  const ComparisonVector v =
      Compare(Named("John", "Smith"), Named("John", "Smith"), {Spec("forename"), Spec("surname")});
  EXPECT_THAT(v.agreed_values, ElementsAre("john", "smith"));
}

TEST(CompareTest, SwappedNamesAgreeInSwappedOrderWithoutTermFrequencyValues) {
  const ComparisonVector v =
      Compare(Named("John", "Smith"), Named("Smith", "Jon"), {Spec("forename"), Spec("surname"), Spec("name_order")});
  EXPECT_EQ(LevelName("forename", v.levels[0]), "jw92");
  EXPECT_EQ(LevelName("surname", v.levels[1]), "exact");
  EXPECT_EQ(LevelName("name_order", v.levels[2]), "swapped");
  // Term frequencies are per field: a swapped agreement is not adjusted.
  EXPECT_THAT(v.agreed_values, ElementsAre("", "", ""));
}

TEST(CompareTest, SwapIsIgnoredUnlessBothPartsAgreeClosely) {
  // Swapped, the surname would agree exactly but the forename not at all:
  // the straight order (nothing agrees) is kept.
  const ComparisonVector v = Compare(Named("John", "Smith"), Named("Smith", "Peterson"),
                                     {Spec("forename"), Spec("surname"), Spec("name_order")});
  EXPECT_EQ(LevelName("forename", v.levels[0]), "else");
  EXPECT_EQ(LevelName("surname", v.levels[1]), "else");
  EXPECT_EQ(LevelName("name_order", v.levels[2]), "null");
}

TEST(CompareTest, StraightOrderWinsATie) {
  // "John John" agrees exactly both ways round.
  const ComparisonVector v = Compare(Named("John", "John"), Named("John", "John"), {Spec("name_order")});
  EXPECT_EQ(LevelName("name_order", v.levels[0]), "straight");
}

TEST(CompareTest, AliasesAreComparedAndReported) {
  const v1::MatchForm indexed =
      Form({.given = "John", .family = "Smith", .aliases = {RawPerson::Name{"Jack", "Brown"}}});
  const std::vector<ComparisonSpec> specs = {Spec("forename"), Spec("surname")};

  const ComparisonVector by_alias = Compare(Named("Jack", "Brown"), indexed, specs);
  EXPECT_THAT(by_alias.levels, ElementsAre(0, 0));
  EXPECT_TRUE(by_alias.via_alias);

  const ComparisonVector by_name = Compare(Named("John", "Smith"), indexed, specs);
  EXPECT_THAT(by_name.levels, ElementsAre(0, 0));
  EXPECT_FALSE(by_name.via_alias);
}

TEST(CompareTest, TheBestPairOfAddressesIsUsed) {
  v1::MatchForm a = WithAddress(Address({"3"}, "church road", "leeds", "ls11aa"));
  *a.add_addresses() = Address({"12"}, "high street", "london", "sw1a1aa");
  const v1::MatchForm b = WithAddress(Address({"12"}, "high street", "london", "sw1a1aa"));
  const ComparisonVector v = Compare(a, b, {Spec("postcode"), Spec("address"), Spec("town"), Spec("place")});
  EXPECT_THAT(v.levels, ElementsAre(0, 0, 0, 0));
}

TEST(CompareTest, FieldFunctionsReturnNullForMissingSides) {
  EXPECT_EQ(CompareDob(v1::DateForm(), Date(1980, 2, 3)), kNull);
  EXPECT_EQ(ComparePostcode(v1::AddressForm(), HighStreet()), kNull);
  EXPECT_EQ(CompareStreetAddress(HighStreet(), v1::AddressForm()), kNull);
  EXPECT_EQ(CompareTown(v1::AddressForm(), HighStreet()), kNull);
  EXPECT_EQ(ComparePlace(v1::AddressForm(), v1::AddressForm()), kNull);
  EXPECT_EQ(CompareForename(v1::NameForm(), Named("John", "Smith").names(0)), kNull);
  EXPECT_EQ(CompareSurname(Named("John", "Smith").names(0), v1::NameForm()), kNull);
  EXPECT_EQ(CompareIdentifier(v1::MatchForm(), WithIds({{"PNC", "1979/0163001B"}}), "PNC"), kNull);
}

TEST(SwapNamePartsTest, ExchangesGivenAndFamilyWithTheirCodes) {
  const v1::NameForm name = Named("John Paul", "Smith-Jones").names(0);
  const v1::NameForm swapped = SwapNameParts(name);
  EXPECT_THAT(swapped.given(), ElementsAre("smithjones"));
  EXPECT_THAT(swapped.family(), ElementsAre("john"));
  EXPECT_EQ(swapped.family_joined(), "john");
  EXPECT_EQ(swapped.given_phonetic(), name.family_phonetic());
  EXPECT_EQ(swapped.family_phonetic(), name.given_phonetic());
  EXPECT_EQ(swapped.given_phonetic_alt(), name.family_phonetic_alt());
  EXPECT_EQ(swapped.family_phonetic_alt(), name.given_phonetic_alt());
  EXPECT_FALSE(swapped.alias());
}

TEST(ParseComparisonNameTest, KnownNamesAndIdentifiers) {
  EXPECT_EQ(Spec("place").kind, ComparisonKind::kPlace);
  const ComparisonSpec pnc = Spec("id:PNC");
  EXPECT_EQ(pnc.kind, ComparisonKind::kIdentifier);
  EXPECT_EQ(pnc.identifier_type, "PNC");
  for (const char* bad : {"", "surnames", "id:", "Forename", "id"}) {
    absl::StatusOr<ComparisonSpec> spec = ParseComparisonName(bad);
    EXPECT_EQ(spec.status().code(), absl::StatusCode::kInvalidArgument) << bad;
    EXPECT_THAT(std::string(spec.status().message()), HasSubstr("unknown comparison")) << bad;
  }
}

TEST(LevelNamesTest, StrongestFirst) {
  EXPECT_THAT(LevelNames(ComparisonKind::kIdentifier), ElementsAre("agree", "one_edit", "disagree"));
  EXPECT_THAT(LevelNames(ComparisonKind::kTown), ElementsAre("exact", "jw88", "else"));
  EXPECT_EQ(LevelNames(ComparisonKind::kForename).size(), 9u);
  EXPECT_EQ(LevelNames(ComparisonKind::kPlace).front(), "address");
  EXPECT_EQ(LevelNames(ComparisonKind::kPlace).back(), "else");
}

}  // namespace
}  // namespace liaison::matching
