#ifndef LIAISON_BROKER_MATCHING_NORMALISE_DATE_OF_BIRTH_H_
#define LIAISON_BROKER_MATCHING_NORMALISE_DATE_OF_BIRTH_H_

// Dates of birth as agencies type them, invalid dates tolerated: a day or
// month out of range is kept (so a typo can still be compared digit by
// digit) but flagged. Pure; thread-safe.

#include <optional>
#include <string>

#include "absl/strings/string_view.h"

namespace liaison::matching::normalise {

struct DateOfBirth {
  int year = 0;
  int month = 0;
  int day = 0;
  // A real calendar date (month 1-12, day within the month, leap years).
  bool valid = false;
  // "YYYYMMDD", zero padded: compared character by character.
  std::string digits;
};

// Accepts YYYY-MM-DD, YYYYMMDD, YYYY/MM/DD, DD/MM/YYYY, DD-MM-YYYY and
// DD.MM.YYYY (day first: the UK convention), surrounding spaces ignored.
// Where there are separators (one kind per date) the day and month may
// have one digit ("1/2/1990"). Year 1000-2999 (otherwise nullopt), month
// and day 0-99 (out-of-range values give valid=false).
// nullopt when the text has none of these shapes, or is a placeholder date
// (identifiers::IsPlaceholderDateOfBirth: 1900-01-01, 1970-01-01).
std::optional<DateOfBirth> ParseDateOfBirth(absl::string_view input);

// |a - b| in days; nullopt unless both are valid dates.
std::optional<int> DaysApart(const DateOfBirth& a, const DateOfBirth& b);

}  // namespace liaison::matching::normalise

#endif  // LIAISON_BROKER_MATCHING_NORMALISE_DATE_OF_BIRTH_H_
