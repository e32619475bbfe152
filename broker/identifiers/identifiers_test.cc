#include "broker/identifiers/identifiers.h"

#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "gtest/gtest.h"

namespace liaison::identifiers {
namespace {

using liaison::v1::IdentifierType;

const absl::CivilYear k2026(2026);

// `canonical` with its check letter replaced by the next one in the table.
std::string WithWrongLetter(const std::string& canonical) {
  std::string s = canonical;
  const size_t at = kCheckLetters.find(s.back());
  s.back() = kCheckLetters[(at + 1) % kCheckLetters.size()];
  return s;
}

std::string StripLeadingZeros(absl::string_view digits) {
  while (digits.size() > 1 && digits.front() == '0') digits.remove_prefix(1);
  return std::string(digits);
}

TEST(IdentifiersTest, KnownCheckLetters) {
  EXPECT_EQ(FormatPnc(1979, 163001), "1979/0163001B");
  EXPECT_EQ(FormatPnc(2021, 1), "2021/0000001V");
  EXPECT_EQ(FormatCro(65656, 91), "065656/91H");
  EXPECT_EQ(FormatCro(1, 75), "000001/75P");
}

TEST(IdentifiersTest, TwoDigitPncYearDependsOnTheCurrentYear) {
  struct Case {
    int year;           // the year the ID was issued in
    int current;        // the injected current year
    int expected_year;  // what a 2-digit form reads as
  };
  const std::vector<Case> cases = {
      {2021, 2026, 2021}, {2021, 2021, 2021}, {2021, 2020, 1921}, {2026, 2026, 2026},
      {1927, 2026, 1927}, {2000, 2026, 2000}, {1999, 2026, 1999}, {2000, 2000, 2000},
      {1999, 2000, 1999}, {1985, 2099, 2085}, {2012, 2012, 2012}, {2013, 2012, 1913},
  };
  for (const Case& c : cases) {
    const std::string canonical = FormatPnc(c.year, 1);  // "YYYY/0000001C"
    const std::string two_digit = absl::StrCat(canonical.substr(2, 3), "1", canonical.substr(12));
    SCOPED_TRACE(absl::StrCat(two_digit, " in ", c.current));
    auto got = CanonicalPnc(two_digit, absl::CivilYear(c.current));
    ASSERT_TRUE(got.ok()) << got.status();
    EXPECT_EQ(*got, FormatPnc(c.expected_year, 1));
  }
  EXPECT_EQ(CanonicalPnc("21/1V", k2026).value_or(""), "2021/0000001V");
  EXPECT_EQ(CanonicalPnc("21/1V", absl::CivilYear(2020)).value_or(""), "1921/0000001V");
}

TEST(IdentifiersTest, FormatPncRoundTripsThroughCanonicalPnc) {
  int checked = 0;
  for (int year : {1950, 1979, 1999, 2000, 2009, 2021, 2026}) {
    for (int serial = 0; serial <= 9999999; serial += 99991) {
      const std::string canonical = FormatPnc(year, serial);
      SCOPED_TRACE(canonical);
      ASSERT_EQ(canonical.size(), 13u);
      EXPECT_EQ(CanonicalPnc(canonical, k2026).value_or(""), canonical);
      EXPECT_EQ(CanonicalPnc(absl::AsciiStrToLower(canonical), k2026).value_or(""), canonical);
      EXPECT_EQ(CanonicalPnc(absl::StrReplaceAll(canonical, {{"/", ""}}), k2026).value_or(""),
                canonical);
      const std::string short_form =
          absl::StrCat(canonical.substr(2, 2), "/", StripLeadingZeros(canonical.substr(5, 7)),
                       canonical.substr(12));
      EXPECT_EQ(CanonicalPnc(short_form, k2026).value_or(""), canonical);
      EXPECT_EQ(CanonicalPnc(WithWrongLetter(canonical), k2026).status().message(),
                "PNC ID check letter is wrong");
      ++checked;
    }
  }
  EXPECT_EQ(checked, 7 * 101);
  EXPECT_EQ(FormatPnc(2012, 9999999), "2012/9999999" + FormatPnc(2012, 9999999).substr(12));
}

TEST(IdentifiersTest, FormatCroRoundTripsThroughCanonicalCro) {
  int checked = 0;
  for (int yy : {0, 1, 8, 50, 75, 91, 99}) {
    for (int serial = 1; serial <= 999999; serial += 9973) {
      const std::string canonical = FormatCro(serial, yy);
      SCOPED_TRACE(canonical);
      ASSERT_EQ(canonical.size(), 10u);
      EXPECT_EQ(CanonicalCro(canonical).value_or(""), canonical);
      EXPECT_EQ(CanonicalCro(absl::AsciiStrToLower(canonical)).value_or(""), canonical);
      const std::string unpadded = StripLeadingZeros(canonical.substr(0, 6)) + canonical.substr(6);
      EXPECT_EQ(CanonicalCro(unpadded).value_or(""), canonical);
      // The SF form uses the same check letter over the same number.
      const std::string sf = absl::StrCat("SF", canonical.substr(7, 2), "/", canonical.substr(0, 6),
                                          canonical.substr(9));
      EXPECT_EQ(CanonicalCro(sf).value_or(""), sf);
      EXPECT_EQ(CanonicalCro(WithWrongLetter(canonical)).status().message(),
                "CRO number check letter is wrong");
      ++checked;
    }
  }
  EXPECT_EQ(checked, 7 * 101);
}

TEST(IdentifiersTest, CroPlaceholderIsAbsentNotValid) {
  for (const char* input : {"000000/00Z", "0/00Z", "000000/00z", " 000000/00Z "}) {
    SCOPED_TRACE(input);
    EXPECT_EQ(CanonicalCro(input).status().code(), absl::StatusCode::kInvalidArgument);
    auto got = Canonicalize(liaison::v1::IDENTIFIER_TYPE_CRO, input, k2026);
    ASSERT_TRUE(got.ok()) << got.status();
    EXPECT_FALSE(got->has_value());
  }
}

TEST(IdentifiersTest, CanonicalizeDispatchesOnType) {
  struct Case {
    IdentifierType type;
    const char* input;
    const char* expected;
  };
  const std::vector<Case> cases = {
      {liaison::v1::IDENTIFIER_TYPE_PNC, "79/163001b", "1979/0163001B"},
      {liaison::v1::IDENTIFIER_TYPE_CRO, "sf99/12h", "SF99/000012H"},
      {liaison::v1::IDENTIFIER_TYPE_NOMS, " a1234bc ", "A1234BC"},
      {liaison::v1::IDENTIFIER_TYPE_CRN, "x123456", "X123456"},
  };
  for (const Case& c : cases) {
    auto got = Canonicalize(c.type, c.input, k2026);
    ASSERT_TRUE(got.ok()) << c.input << ": " << got.status();
    EXPECT_EQ(got->value_or("<nullopt>"), c.expected);
  }
  for (IdentifierType type :
       {liaison::v1::IDENTIFIER_TYPE_UNSPECIFIED, static_cast<IdentifierType>(99)}) {
    EXPECT_EQ(Canonicalize(type, "X123456", k2026).status().code(),
              absl::StatusCode::kInvalidArgument);
  }
}

// Malformed values of every kind: rejected with a reason that never repeats
// the value.
TEST(IdentifiersTest, ErrorsAreInvalidArgumentAndNeverContainTheValue) {
  struct Case {
    IdentifierType type;
    std::string input;
  };
  std::vector<Case> cases = {
      {liaison::v1::IDENTIFIER_TYPE_PNC, "1979/0163001"},
      {liaison::v1::IDENTIFIER_TYPE_PNC, "179/0163001B"},
      {liaison::v1::IDENTIFIER_TYPE_PNC, "1979-0163001B"},
      {liaison::v1::IDENTIFIER_TYPE_PNC, "1979/01630 1B"},
      {liaison::v1::IDENTIFIER_TYPE_PNC, "1979163001B"},
      {liaison::v1::IDENTIFIER_TYPE_PNC, "1979/+163001B"},
      {liaison::v1::IDENTIFIER_TYPE_PNC, "79/163001C"},
      {liaison::v1::IDENTIFIER_TYPE_CRO, "065656/91"},
      {liaison::v1::IDENTIFIER_TYPE_CRO, "1234567/91H"},
      {liaison::v1::IDENTIFIER_TYPE_CRO, "065656/9H"},
      {liaison::v1::IDENTIFIER_TYPE_CRO, "06565691H"},
      {liaison::v1::IDENTIFIER_TYPE_CRO, "SF5/482703J"},
      {liaison::v1::IDENTIFIER_TYPE_CRO, "SF05/4827031J"},
      {liaison::v1::IDENTIFIER_TYPE_CRO, "SF05/482703K"},
      {liaison::v1::IDENTIFIER_TYPE_NOMS, "A12345C"},
      {liaison::v1::IDENTIFIER_TYPE_NOMS, "A1234B"},
      {liaison::v1::IDENTIFIER_TYPE_NOMS, "A1234BCD"},
      {liaison::v1::IDENTIFIER_TYPE_CRN, "X1234567"},
      {liaison::v1::IDENTIFIER_TYPE_CRN, "X12345A"},
      {liaison::v1::IDENTIFIER_TYPE_CRN, "123456X"},
      {liaison::v1::IDENTIFIER_TYPE_UNSPECIFIED, "X123456"},
  };
  for (int serial = 1; serial < 9999999; serial += 333331) {
    cases.push_back({liaison::v1::IDENTIFIER_TYPE_PNC, WithWrongLetter(FormatPnc(1990, serial))});
    cases.push_back(
        {liaison::v1::IDENTIFIER_TYPE_CRO, WithWrongLetter(FormatCro(serial % 1000000, 90))});
  }
  for (const Case& c : cases) {
    SCOPED_TRACE(absl::StrCat(TypeName(c.type), " ", c.input));
    auto got = Canonicalize(c.type, c.input, k2026);
    ASSERT_EQ(got.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_FALSE(got.status().message().empty());
    EXPECT_FALSE(absl::StrContains(got.status().message(), c.input));
    EXPECT_FALSE(absl::StrContains(got.status().message(), absl::AsciiStrToUpper(c.input)));
  }
}

TEST(IdentifiersTest, PlaceholderDatesOfBirth) {
  for (const char* date : {"1900-01-01", "1970-01-01", " 1970-01-01"}) {
    EXPECT_TRUE(IsPlaceholderDateOfBirth(date)) << date;
  }
  for (const char* date : {"1970-01-02", "1980-01-01", "", "1900-1-1"}) {
    EXPECT_FALSE(IsPlaceholderDateOfBirth(date)) << date;
  }
}

TEST(IdentifiersTest, PlaceholderPostcodesInAnyCaseOrSpacing) {
  for (const char* postcode : {"NF1 1NF", "NF11NF", "nf1 1nf", " Nf1  1Nf ", "NF1 1FA", "nf11fa"}) {
    EXPECT_TRUE(IsPlaceholderPostcode(postcode)) << postcode;
  }
  for (const char* postcode : {"NF1 1NA", "SE13 4QX", "", "NF1"}) {
    EXPECT_FALSE(IsPlaceholderPostcode(postcode)) << postcode;
  }
}

TEST(IdentifiersTest, PlaceholderNames) {
  for (const char* name :
       {"MIG_ERROR_123", "DUPLICATE_SMITH", "NO_SHOW_", "no_show_x", "MIG_ERROR_"}) {
    EXPECT_TRUE(IsPlaceholderName(name)) << name;
  }
  for (const char* name : {"Smith", "MIG_ERROR", "XDUPLICATE_", "NO SHOW", ""}) {
    EXPECT_FALSE(IsPlaceholderName(name)) << name;
  }
}

TEST(IdentifiersTest, TypeNames) {
  EXPECT_EQ(TypeName(liaison::v1::IDENTIFIER_TYPE_PNC), "PNC");
  EXPECT_EQ(TypeName(liaison::v1::IDENTIFIER_TYPE_CRO), "CRO");
  EXPECT_EQ(TypeName(liaison::v1::IDENTIFIER_TYPE_NOMS), "NOMS");
  EXPECT_EQ(TypeName(liaison::v1::IDENTIFIER_TYPE_CRN), "CRN");
  EXPECT_EQ(TypeName(liaison::v1::IDENTIFIER_TYPE_UNSPECIFIED), "UNSPECIFIED");
}

}  // namespace
}  // namespace liaison::identifiers
