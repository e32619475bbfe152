// The name and place pools, and the text noise functions built on them.

#include <set>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/types/span.h"
#include "broker/identifiers/identifiers.h"
#include "broker/synth/addresses.h"
#include "broker/synth/ascii_fold.h"
#include "broker/synth/names.h"
#include "broker/synth/pool_data.h"
#include "broker/synth/text_noise.h"
#include "gtest/gtest.h"

namespace liaison::synth {
namespace {

struct PoolCase {
  const char* name;
  absl::Span<const absl::string_view> (*data)();
  size_t min_size;
};

class PoolDataTest : public testing::TestWithParam<PoolCase> {};

TEST_P(PoolDataTest, IsLargeDistinctFoldableAndCsvSafe) {
  const absl::Span<const absl::string_view> items = GetParam().data();
  EXPECT_GE(items.size(), GetParam().min_size);
  std::set<absl::string_view> seen;
  for (absl::string_view item : items) {
    EXPECT_TRUE(seen.insert(item).second) << "repeated: " << item;
    EXPECT_FALSE(item.empty());
    EXPECT_FALSE(absl::StrContains(item, '|')) << item;
    EXPECT_FALSE(absl::StrContains(item, ',')) << item;
    EXPECT_TRUE(AsciiFoldCovers(item)) << item;
  }
}

INSTANTIATE_TEST_SUITE_P(
    Pools, PoolDataTest,
    testing::Values(PoolCase{"male", MaleForenameData, 300}, PoolCase{"female", FemaleForenameData, 300},
                    PoolCase{"british", BritishSurnameData, 1300}, PoolCase{"world", WorldSurnameData, 400},
                    PoolCase{"stems", SurnameStemData, 200}, PoolCase{"endings", SurnameEndingData, 100},
                    PoolCase{"street_words", StreetWordData, 200}, PoolCase{"street_types", StreetTypeData, 20}),
    [](const testing::TestParamInfo<PoolCase>& info) { return info.param.name; });

TEST(NamePoolsTest, SizesAndSkew) {
  const NamePools& pools = NamePools::Get();
  EXPECT_GE(pools.forename_count(Sex::kMale) + pools.forename_count(Sex::kFemale), 600u);
  EXPECT_GE(pools.common_surname_count(), 1500u);
  EXPECT_GE(pools.synthetic_surname_count(), 20000u);
  Rng rng(5);
  int smith = 0;
  std::set<std::string> distinct;
  for (int n = 0; n < 100000; ++n) {
    const std::string surname = pools.Surname(rng);
    smith += surname == "Smith";
    distinct.insert(surname);
  }
  EXPECT_NEAR(smith / 100000.0, 0.0115, 0.002);
  EXPECT_GT(distinct.size(), 15000u);
}

TEST(NamePoolsTest, IncludesNamesWithDiacriticsAndOtherOrigins) {
  std::set<absl::string_view> names(MaleForenameData().begin(), MaleForenameData().end());
  names.insert(FemaleForenameData().begin(), FemaleForenameData().end());
  names.insert(WorldSurnameData().begin(), WorldSurnameData().end());
  names.insert(BritishSurnameData().begin(), BritishSurnameData().end());
  for (absl::string_view name :
       {"Zoë", "Siobhán", "Łukasz", "José", "Mohammed", "Muhammad", "Aleksandra", "Müller", "Nowak", "Kowalski",
        "O'Brien", "McDonald", "Ó Briain", "Patel", "Khan", "Begum", "Nguyen"}) {
    EXPECT_TRUE(names.count(name)) << name;
  }
}

TEST(NamePoolsTest, NicknamesVariantsAndFeminineForms) {
  const NamePools& pools = NamePools::Get();
  EXPECT_FALSE(pools.Nicknames("Robert").empty());
  EXPECT_TRUE(pools.Nicknames("Zebedee").empty());
  ASSERT_FALSE(pools.Variants("Steven").empty());
  EXPECT_EQ(pools.Variants("Steven")[0], "Stephen");
  EXPECT_EQ(NamePools::SurnameForSex("Kowalski", Sex::kFemale), "Kowalska");
  EXPECT_EQ(NamePools::SurnameForSex("Kowalski", Sex::kMale), "Kowalski");
  EXPECT_EQ(NamePools::SurnameForSex("Smith", Sex::kFemale), "Smith");
}

TEST(AsciiFoldTest, WritesPlainLetters) {
  EXPECT_EQ(AsciiFold("Zoë Łukasz Weiß Siobhán"), "Zoe Lukasz Weiss Siobhan");
  EXPECT_TRUE(IsAscii(AsciiFold("Ó Súilleabháin")));
  EXPECT_FALSE(IsAscii("Zoë"));
}

// A9 9AA, A99 9AA, AA9 9AA, AA99 9AA, A9A 9AA, AA9A 9AA.
bool HasUkShape(const std::string& postcode) {
  const size_t space = postcode.find(' ');
  if (space == std::string::npos || postcode.size() - space != 4) return false;
  const std::string outward = postcode.substr(0, space);
  std::string shape;
  for (char c : outward) shape += absl::ascii_isdigit(c) ? '9' : absl::ascii_isupper(c) ? 'A' : '?';
  const std::set<std::string> shapes = {"A9", "A99", "AA9", "AA99", "A9A", "AA9A"};
  return shapes.count(shape) && absl::ascii_isdigit(postcode[space + 1]) &&
         absl::StrContains(kPostcodeUnitLetters, postcode[space + 2]) &&
         absl::StrContains(kPostcodeUnitLetters, postcode[space + 3]);
}

TEST(AddressesTest, PostcodesHaveUkShapeAndAreNeverPlaceholders) {
  Rng rng(11);
  for (int n = 0; n < 20000; ++n) {
    const liaison::v1::Address address = RandomAddress(rng);
    ASSERT_TRUE(HasUkShape(address.postcode())) << address.postcode();
    ASSERT_FALSE(identifiers::IsPlaceholderPostcode(address.postcode()));
    ASSERT_FALSE(address.town().empty());
    ASSERT_GE(address.lines_size(), 1);
    const std::string typo = PostcodeTypo(address.postcode(), rng);
    ASSERT_NE(typo, address.postcode());
    ASSERT_TRUE(HasUkShape(typo)) << typo;
  }
}

TEST(TextNoiseTest, TyposAlwaysChangeTheText) {
  Rng rng(13);
  for (absl::string_view name : {"Jo", "Ann", "Smith", "Ó Briain", "Aaron", "Zoë", "O'Neill"}) {
    for (int n = 0; n < 200; ++n) {
      const std::string typo = LetterTypo(name, rng);
      ASSERT_NE(typo, name);
      ASSERT_TRUE(AsciiFoldCovers(typo)) << typo;  // UTF-8 intact
    }
  }
  EXPECT_FALSE(CanLetterTypo("A"));
  EXPECT_EQ(LetterTypo("A", rng), "A");
  for (int n = 0; n < 200; ++n) {
    const std::string typo = DigitTypo("1990-02-05", rng);
    ASSERT_NE(typo, "1990-02-05");
    ASSERT_EQ(typo.size(), 10u);
    ASSERT_EQ(typo[4], '-');
    ASSERT_EQ(typo[7], '-');
  }
}

}  // namespace
}  // namespace liaison::synth
