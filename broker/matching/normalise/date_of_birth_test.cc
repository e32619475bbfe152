#include "broker/matching/normalise/date_of_birth.h"

#include <string>

#include "gtest/gtest.h"

namespace liaison::matching::normalise {
namespace {

struct DateCase {
  std::string input;
  int year;
  int month;
  int day;
  bool valid;
  std::string digits;
};

class DateOfBirthTest : public ::testing::TestWithParam<DateCase> {};

TEST_P(DateOfBirthTest, Parses) {
  const DateCase& c = GetParam();
  const std::optional<DateOfBirth> date = ParseDateOfBirth(c.input);
  ASSERT_TRUE(date.has_value());
  EXPECT_EQ(date->year, c.year);
  EXPECT_EQ(date->month, c.month);
  EXPECT_EQ(date->day, c.day);
  EXPECT_EQ(date->valid, c.valid);
  EXPECT_EQ(date->digits, c.digits);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, DateOfBirthTest,
    ::testing::Values(
        DateCase{"1990-02-03", 1990, 2, 3, true, "19900203"}, DateCase{"19900203", 1990, 2, 3, true, "19900203"},
        DateCase{"1990/02/03", 1990, 2, 3, true, "19900203"}, DateCase{"03/02/1990", 1990, 2, 3, true, "19900203"},
        DateCase{"03-02-1990", 1990, 2, 3, true, "19900203"}, DateCase{"03.02.1990", 1990, 2, 3, true, "19900203"},
        DateCase{"3/2/1990", 1990, 2, 3, true, "19900203"}, DateCase{"  1990-02-03\t", 1990, 2, 3, true, "19900203"},
        DateCase{"1990-02-30", 1990, 2, 30, false, "19900230"}, DateCase{"1990-13-05", 1990, 13, 5, false, "19901305"},
        DateCase{"1990-00-05", 1990, 0, 5, false, "19900005"}, DateCase{"99/99/1990", 1990, 99, 99, false, "19909999"},
        DateCase{"2000-02-29", 2000, 2, 29, true, "20000229"},  // divisible by 400: leap
        DateCase{"2004-02-29", 2004, 2, 29, true, "20040229"},
        DateCase{"1900-02-29", 1900, 2, 29, false, "19000229"},  // divisible by 100: not leap
        DateCase{"2001-02-29", 2001, 2, 29, false, "20010229"}, DateCase{"1990-04-31", 1990, 4, 31, false, "19900431"},
        DateCase{"1900-01-02", 1900, 1, 2, true, "19000102"}, DateCase{"1000-01-01", 1000, 1, 1, true, "10000101"},
        DateCase{"2999-12-31", 2999, 12, 31, true, "29991231"}));

class RejectedDateTest : public ::testing::TestWithParam<std::string> {};

TEST_P(RejectedDateTest, IsAbsent) { EXPECT_FALSE(ParseDateOfBirth(GetParam()).has_value()); }

INSTANTIATE_TEST_SUITE_P(Cases, RejectedDateTest,
                         ::testing::Values("1970-01-01", "01/01/1970", "19700101", "1900-01-01", "01/01/1900",
                                           "01.01.1900", "", "   ", "garbage", "1990-02", "1990-02-03-04", "1990-02/03",
                                           "1990.02.03", "90-02-03", "03/02/90", "123/02/1990", "1990-002-03",
                                           "0999-01-01", "3000-01-01", "1990-0a-03", "199002031", "1990 02 03",
                                           "+1990-02-03", "1990--03"));

DateOfBirth Date(absl::string_view text) { return ParseDateOfBirth(text).value(); }

TEST(DaysApartTest, CountsCalendarDays) {
  EXPECT_EQ(DaysApart(Date("1990-02-03"), Date("1990-02-03")), 0);
  EXPECT_EQ(DaysApart(Date("1990-02-03"), Date("1990-02-04")), 1);
  EXPECT_EQ(DaysApart(Date("1990-02-04"), Date("1990-02-03")), 1);
  EXPECT_EQ(DaysApart(Date("2000-02-28"), Date("2000-03-01")), 2);  // across 29 February
  EXPECT_EQ(DaysApart(Date("1999-12-31"), Date("2001-01-01")), 367);
}

TEST(DaysApartTest, NeedsTwoValidDates) {
  EXPECT_EQ(DaysApart(Date("1990-02-30"), Date("1990-02-03")), std::nullopt);
  EXPECT_EQ(DaysApart(Date("1990-02-03"), Date("1990-13-03")), std::nullopt);
}

}  // namespace
}  // namespace liaison::matching::normalise
