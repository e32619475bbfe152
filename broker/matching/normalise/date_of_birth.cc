#include "broker/matching/normalise/date_of_birth.h"

#include <cstdlib>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "absl/time/civil_time.h"
#include "broker/identifiers/identifiers.h"

namespace liaison::matching::normalise {
namespace {

constexpr int kMinYear = 1000;
constexpr int kMaxYear = 2999;

struct Fields {
  int year = 0;
  int month = 0;
  int day = 0;
};

bool AllDigits(absl::string_view s) {
  for (char c : s) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

// `text` as a number when it is `min_digits` to `max_digits` ASCII digits.
std::optional<int> Number(absl::string_view text, size_t min_digits, size_t max_digits) {
  int value = 0;
  if (text.size() < min_digits || text.size() > max_digits || !AllDigits(text)) return std::nullopt;
  if (!absl::SimpleAtoi(text, &value)) return std::nullopt;
  return value;
}

std::optional<Fields> FromParts(absl::string_view y, absl::string_view m, absl::string_view d) {
  std::optional<int> year = Number(y, 4, 4);
  std::optional<int> month = Number(m, 1, 2);
  std::optional<int> day = Number(d, 1, 2);
  if (!year || !month || !day) return std::nullopt;
  return Fields{*year, *month, *day};
}

// YYYY-MM-DD, YYYY/MM/DD, DD/MM/YYYY, DD-MM-YYYY, DD.MM.YYYY; one kind of
// separator per date.
std::optional<Fields> ParseSeparated(absl::string_view text) {
  const size_t first = text.find_first_of("-/.");
  if (first == absl::string_view::npos) return std::nullopt;
  const char separator = text[first];
  const std::vector<absl::string_view> parts = absl::StrSplit(text, separator);
  if (parts.size() != 3) return std::nullopt;
  if (parts[0].size() == 4) {
    if (separator == '.') return std::nullopt;
    return FromParts(parts[0], parts[1], parts[2]);
  }
  return FromParts(parts[2], parts[1], parts[0]);
}

std::optional<Fields> ParseFields(absl::string_view text) {
  if (text.size() == 8 && AllDigits(text)) return FromParts(text.substr(0, 4), text.substr(4, 2), text.substr(6, 2));
  return ParseSeparated(text);
}

bool IsLeapYear(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && IsLeapYear(year) ? 29 : kDays[month - 1];
}

bool IsCalendarDate(const Fields& f) {
  return f.month >= 1 && f.month <= 12 && f.day >= 1 && f.day <= DaysInMonth(f.year, f.month);
}

}  // namespace

std::optional<DateOfBirth> ParseDateOfBirth(absl::string_view input) {
  std::optional<Fields> fields = ParseFields(absl::StripAsciiWhitespace(input));
  if (!fields.has_value() || fields->year < kMinYear || fields->year > kMaxYear) return std::nullopt;
  if (identifiers::IsPlaceholderDateOfBirth(
          absl::StrFormat("%04d-%02d-%02d", fields->year, fields->month, fields->day))) {
    return std::nullopt;
  }
  DateOfBirth date;
  date.year = fields->year;
  date.month = fields->month;
  date.day = fields->day;
  date.valid = IsCalendarDate(*fields);
  date.digits = absl::StrFormat("%04d%02d%02d", date.year, date.month, date.day);
  return date;
}

std::optional<int> DaysApart(const DateOfBirth& a, const DateOfBirth& b) {
  if (!a.valid || !b.valid) return std::nullopt;
  const absl::civil_diff_t days = absl::CivilDay(a.year, a.month, a.day) - absl::CivilDay(b.year, b.month, b.day);
  return static_cast<int>(std::llabs(days));
}

}  // namespace liaison::matching::normalise
