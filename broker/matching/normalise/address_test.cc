#include "broker/matching/normalise/address.h"

#include <memory>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace liaison::matching::normalise {
namespace {

using ::testing::ElementsAreArray;
using ::testing::IsEmpty;

const NameNormaliser& Names() {
  static const NameNormaliser* names = NameNormaliser::Create().value().release();
  return *names;
}

struct AddressCase {
  std::vector<std::string> lines;
  std::string town;
  std::vector<std::string> numbers;
  std::vector<std::string> street;
  std::string street_joined;
  std::string town_expected;
};

class AddressTest : public ::testing::TestWithParam<AddressCase> {};

TEST_P(AddressTest, Normalises) {
  const AddressCase& c = GetParam();
  const NormalisedAddress address = NormaliseAddress(Names(), c.lines, c.town, "");
  EXPECT_THAT(address.numbers, ElementsAreArray(c.numbers));
  EXPECT_THAT(address.street, ElementsAreArray(c.street));
  EXPECT_EQ(address.street_joined, c.street_joined);
  EXPECT_EQ(address.town, c.town_expected);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, AddressTest,
    ::testing::Values(
        AddressCase{{"Flat 2, 14 High St"}, "", {"2", "14"}, {"high", "street"}, "high street", ""},
        AddressCase{{"14a Church Rd"}, "", {"14a"}, {"church", "road"}, "church road", ""},
        AddressCase{
            {"Apartment 7", "Unit 3 Apt 4", "Kings Ave"}, "", {"7", "3", "4"}, {"kings", "avenue"}, "kings avenue", ""},
        AddressCase{{"1 Rose Ln", "2 Moon Cres", "3 Oak Cl", "4 Elm Ct", "5 Park Dr"},
                    "",
                    {"1", "2", "3", "4", "5"},
                    {"rose", "lane", "moon", "crescent", "oak", "close", "elm", "court", "park", "drive"},
                    "rose lane moon crescent oak close elm court park drive",
                    ""},
        AddressCase{{"Lime Gdns, Bell Pl", "Hill Sq; Sea Tce", "Mill Pde. Ring Cct", "Great North Hwy"},
                    "",
                    {},
                    {"lime", "gardens", "bell", "place", "hill", "square", "sea", "terrace", "mill", "parade", "ring",
                     "circuit", "great", "north", "highway"},
                    "lime gardens bell place hill square sea terrace mill parade ring circuit great north highway",
                    ""},
        AddressCase{{"St. Mary's Street"}, "", {}, {"street", "marys", "street"}, "street marys street", ""},
        AddressCase{
            {"12 Stra\u00dfe der Einheit"}, "", {"12"}, {"strasse", "der", "einheit"}, "strasse der einheit", ""},
        AddressCase{{}, "  Newcastle upon  Tyne ", {}, {}, "", "newcastle upon tyne"},
        AddressCase{{}, "Stoke-on-Trent", {}, {}, "", "stoke on trent"},
        AddressCase{{}, "KING'S LYNN", {}, {}, "", "kings lynn"},
        AddressCase{{}, "M\u00fcnchen", {}, {}, "", "munchen"}));

TEST(AddressPostcodeTest, UsesNormalisePostcode) {
  const NormalisedAddress address = NormaliseAddress(Names(), {"10 Downing St"}, "London", "sw1a 2aa");
  ASSERT_TRUE(address.postcode.has_value());
  EXPECT_EQ(address.postcode->full, "sw1a2aa");
  EXPECT_EQ(address.postcode->district, "sw1a");
  EXPECT_TRUE(address.postcode->uk);
  EXPECT_FALSE(address.empty());
}

TEST(AddressPostcodeTest, PlaceholderPostcodeIsAbsent) {
  EXPECT_FALSE(NormaliseAddress(Names(), {"1 Any Rd"}, "", "NF1 1NF").postcode.has_value());
}

TEST(AddressEmptyTest, NothingGivesEmpty) {
  const NormalisedAddress address = NormaliseAddress(Names(), {"", " , "}, "  ", "");
  EXPECT_THAT(address.numbers, IsEmpty());
  EXPECT_THAT(address.street, IsEmpty());
  EXPECT_TRUE(address.empty());
}

}  // namespace
}  // namespace liaison::matching::normalise
