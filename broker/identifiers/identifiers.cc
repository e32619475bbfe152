#include "broker/identifiers/identifiers.h"

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"

namespace liaison::identifiers {
namespace {

// Error messages carry the reason only: the value is personal data.
constexpr absl::string_view kPncShape = "PNC ID must look like YYYY/NNNNNNNC";
constexpr absl::string_view kPncCheck = "PNC ID check letter is wrong";
constexpr absl::string_view kCroShape = "CRO number must look like NNNNNN/YYC or SFYY/NNNNNNC";
constexpr absl::string_view kCroCheck = "CRO number check letter is wrong";
constexpr absl::string_view kCroPlaceholder =
    "CRO number is the all-zero placeholder some systems use for unknown";
constexpr absl::string_view kNomsShape =
    "NOMS number must be one letter, four digits and two letters";
constexpr absl::string_view kCrnShape = "CRN must be one letter followed by six digits";

constexpr int kPncSerialDigits = 7;
constexpr int kCroSerialDigits = 6;

bool AllDigits(absl::string_view s) {
  for (char c : s) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

bool AllAlpha(absl::string_view s) {
  for (char c : s) {
    if (!absl::ascii_isalpha(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

// REQUIRES: AllDigits(s) and s.size() <= 18.
int64_t DigitsValue(absl::string_view s) {
  int64_t value = 0;
  for (char c : s) value = value * 10 + (c - '0');
  return value;
}

// `value` zero-padded on the left to `width` digits. REQUIRES: value >= 0.
std::string Padded(int64_t value, int width) {
  std::string digits = absl::StrCat(value);
  if (static_cast<int>(digits.size()) >= width) return digits;
  return absl::StrCat(std::string(width - digits.size(), '0'), digits);
}

// The check letter over the decimal number "YY" followed by the serial
// padded to `serial_digits`, which is yy * 10^serial_digits + serial.
char CheckLetter(int yy, int64_t serial, int serial_digits) {
  int64_t scale = 1;
  for (int i = 0; i < serial_digits; ++i) scale *= 10;
  const int64_t number = yy * scale + serial;
  return kCheckLetters[number % static_cast<int64_t>(kCheckLetters.size())];
}

std::string Normalised(absl::string_view input) {
  return absl::AsciiStrToUpper(absl::StripAsciiWhitespace(input));
}

// A PNC ID split into its parts, not yet checked beyond shape.
struct PncParts {
  absl::string_view year;    // 2 or 4 digits
  absl::string_view serial;  // 1-7 digits
  char letter;
};

// Without a slash the serial must be padded to 7 digits: "1234567Q" could
// otherwise be read with more than one year/serial split.
absl::StatusOr<PncParts> SplitPnc(absl::string_view s) {
  if (s.size() < 3) return absl::InvalidArgumentError(kPncShape);
  PncParts parts{.year = {}, .serial = {}, .letter = s.back()};
  absl::string_view body = s.substr(0, s.size() - 1);
  const size_t slash = body.find('/');
  if (slash != absl::string_view::npos) {
    parts.year = body.substr(0, slash);
    parts.serial = body.substr(slash + 1);
  } else if (body.size() == 4 + kPncSerialDigits || body.size() == 2 + kPncSerialDigits) {
    parts.year = body.substr(0, body.size() - kPncSerialDigits);
    parts.serial = body.substr(body.size() - kPncSerialDigits);
  } else {
    return absl::InvalidArgumentError(kPncShape);
  }
  const bool year_ok = (parts.year.size() == 2 || parts.year.size() == 4) && AllDigits(parts.year);
  const bool serial_ok = !parts.serial.empty() &&
                         parts.serial.size() <= static_cast<size_t>(kPncSerialDigits) &&
                         AllDigits(parts.serial);
  if (!year_ok || !serial_ok || !absl::ascii_isalpha(static_cast<unsigned char>(parts.letter))) {
    return absl::InvalidArgumentError(kPncShape);
  }
  return parts;
}

// A 2-digit year is in the current century when not after the current
// year's last two digits, else in the century before. For current years
// 2000-2099 this is exactly "20YY when YY <= current YY, else 19YY".
int ExpandYear(int yy, absl::CivilYear current_year) {
  const int current = static_cast<int>(current_year.year());
  const int century = current - current % 100;
  return yy <= current % 100 ? century + yy : century - 100 + yy;
}

// A CRO number in canonical form, or the placeholder.
struct ParsedCro {
  std::string canonical;
  bool placeholder = false;
};

// "SFYY/NNNNNNC": REQUIRES s starts with "SF".
absl::StatusOr<ParsedCro> ParseSfCro(absl::string_view s) {
  // S F Y Y / N [NNNNN] C
  if (s.size() < 7 || s[4] != '/') return absl::InvalidArgumentError(kCroShape);
  const absl::string_view yy = s.substr(2, 2);
  const absl::string_view serial = s.substr(5, s.size() - 6);
  const char letter = s.back();
  if (!AllDigits(yy) || serial.size() > static_cast<size_t>(kCroSerialDigits) ||
      !AllDigits(serial) || !absl::ascii_isalpha(static_cast<unsigned char>(letter))) {
    return absl::InvalidArgumentError(kCroShape);
  }
  const int64_t serial_value = DigitsValue(serial);
  if (CheckLetter(static_cast<int>(DigitsValue(yy)), serial_value, kCroSerialDigits) != letter) {
    return absl::InvalidArgumentError(kCroCheck);
  }
  return ParsedCro{.canonical = absl::StrCat("SF", yy, "/", Padded(serial_value, kCroSerialDigits),
                                             std::string(1, letter))};
}

// "NNNNNN/YYC", the serial possibly unpadded.
absl::StatusOr<ParsedCro> ParseStandardCro(absl::string_view s) {
  const size_t slash = s.find('/');
  if (slash == absl::string_view::npos || slash == 0 ||
      slash > static_cast<size_t>(kCroSerialDigits) || s.size() != slash + 4) {
    return absl::InvalidArgumentError(kCroShape);
  }
  const absl::string_view serial = s.substr(0, slash);
  const absl::string_view yy = s.substr(slash + 1, 2);
  const char letter = s.back();
  if (!AllDigits(serial) || !AllDigits(yy) ||
      !absl::ascii_isalpha(static_cast<unsigned char>(letter))) {
    return absl::InvalidArgumentError(kCroShape);
  }
  const int64_t serial_value = DigitsValue(serial);
  const int yy_value = static_cast<int>(DigitsValue(yy));
  if (CheckLetter(yy_value, serial_value, kCroSerialDigits) != letter) {
    return absl::InvalidArgumentError(kCroCheck);
  }
  return ParsedCro{.canonical = absl::StrCat(Padded(serial_value, kCroSerialDigits), "/", yy,
                                             std::string(1, letter)),
                   .placeholder = serial_value == 0 && yy_value == 0};
}

absl::StatusOr<ParsedCro> ParseCro(absl::string_view input) {
  const std::string s = Normalised(input);
  if (absl::StartsWith(s, "SF")) return ParseSfCro(s);
  return ParseStandardCro(s);
}

}  // namespace

absl::StatusOr<std::string> CanonicalPnc(absl::string_view input, absl::CivilYear current_year) {
  const std::string s = Normalised(input);
  absl::StatusOr<PncParts> parts = SplitPnc(s);
  if (!parts.ok()) return parts.status();
  const int year_digits = static_cast<int>(DigitsValue(parts->year));
  const int yy = year_digits % 100;
  const int64_t serial = DigitsValue(parts->serial);
  if (CheckLetter(yy, serial, kPncSerialDigits) != parts->letter) {
    return absl::InvalidArgumentError(kPncCheck);
  }
  const int year = parts->year.size() == 2 ? ExpandYear(yy, current_year) : year_digits;
  return absl::StrCat(Padded(year, 4), "/", Padded(serial, kPncSerialDigits),
                      std::string(1, parts->letter));
}

absl::StatusOr<std::string> CanonicalCro(absl::string_view input) {
  absl::StatusOr<ParsedCro> parsed = ParseCro(input);
  if (!parsed.ok()) return parsed.status();
  if (parsed->placeholder) return absl::InvalidArgumentError(kCroPlaceholder);
  return std::move(parsed->canonical);
}

absl::StatusOr<std::string> CanonicalNoms(absl::string_view input) {
  std::string s = Normalised(input);
  if (s.size() != 7 || !AllAlpha(s.substr(0, 1)) || !AllDigits(absl::string_view(s).substr(1, 4)) ||
      !AllAlpha(absl::string_view(s).substr(5, 2))) {
    return absl::InvalidArgumentError(kNomsShape);
  }
  return s;
}

absl::StatusOr<std::string> CanonicalCrn(absl::string_view input) {
  std::string s = Normalised(input);
  if (s.size() != 7 || !AllAlpha(s.substr(0, 1)) || !AllDigits(absl::string_view(s).substr(1))) {
    return absl::InvalidArgumentError(kCrnShape);
  }
  return s;
}

absl::StatusOr<std::optional<std::string>> Canonicalize(liaison::v1::IdentifierType type,
                                                        absl::string_view input,
                                                        absl::CivilYear current_year) {
  absl::StatusOr<std::string> canonical;
  switch (type) {
    case liaison::v1::IDENTIFIER_TYPE_PNC:
      canonical = CanonicalPnc(input, current_year);
      break;
    case liaison::v1::IDENTIFIER_TYPE_CRO: {
      absl::StatusOr<ParsedCro> parsed = ParseCro(input);
      if (!parsed.ok()) return parsed.status();
      if (parsed->placeholder) return std::optional<std::string>();
      canonical = std::move(parsed->canonical);
      break;
    }
    case liaison::v1::IDENTIFIER_TYPE_NOMS:
      canonical = CanonicalNoms(input);
      break;
    case liaison::v1::IDENTIFIER_TYPE_CRN:
      canonical = CanonicalCrn(input);
      break;
    default:
      return absl::InvalidArgumentError("identifier type is not specified");
  }
  if (!canonical.ok()) return canonical.status();
  return std::optional<std::string>(std::move(*canonical));
}

std::string FormatPnc(int year, int serial) {
  return absl::StrCat(Padded(year, 4), "/", Padded(serial, kPncSerialDigits),
                      std::string(1, CheckLetter(year % 100, serial, kPncSerialDigits)));
}

std::string FormatCro(int serial, int two_digit_year) {
  const int yy = two_digit_year % 100;
  return absl::StrCat(Padded(serial, kCroSerialDigits), "/", Padded(yy, 2),
                      std::string(1, CheckLetter(yy, serial, kCroSerialDigits)));
}

bool IsPlaceholderDateOfBirth(absl::string_view date) {
  const absl::string_view d = absl::StripAsciiWhitespace(date);
  return d == "1900-01-01" || d == "1970-01-01";
}

bool IsPlaceholderPostcode(absl::string_view postcode) {
  std::string compact;
  for (char c : postcode) {
    if (!absl::ascii_isspace(static_cast<unsigned char>(c))) {
      compact.push_back(absl::ascii_toupper(static_cast<unsigned char>(c)));
    }
  }
  return compact == "NF11NF" || compact == "NF11FA";
}

bool IsPlaceholderName(absl::string_view name) {
  const absl::string_view n = absl::StripLeadingAsciiWhitespace(name);
  return absl::StartsWithIgnoreCase(n, "MIG_ERROR_") ||
         absl::StartsWithIgnoreCase(n, "DUPLICATE_") || absl::StartsWithIgnoreCase(n, "NO_SHOW_");
}

absl::string_view TypeName(liaison::v1::IdentifierType type) {
  switch (type) {
    case liaison::v1::IDENTIFIER_TYPE_PNC:
      return "PNC";
    case liaison::v1::IDENTIFIER_TYPE_CRO:
      return "CRO";
    case liaison::v1::IDENTIFIER_TYPE_NOMS:
      return "NOMS";
    case liaison::v1::IDENTIFIER_TYPE_CRN:
      return "CRN";
    default:
      return "UNSPECIFIED";
  }
}

}  // namespace liaison::identifiers
