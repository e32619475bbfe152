#include "broker/synth/text_noise.h"

#include <cstddef>
#include <vector>

#include "absl/strings/ascii.h"

namespace liaison::synth {
namespace {

std::vector<size_t> Positions(absl::string_view text, bool (*want)(unsigned char)) {
  std::vector<size_t> positions;
  for (size_t i = 0; i < text.size(); ++i) {
    if (want(static_cast<unsigned char>(text[i]))) positions.push_back(i);
  }
  return positions;
}

bool IsLetter(unsigned char c) { return absl::ascii_isalpha(c); }
bool IsDigit(unsigned char c) { return absl::ascii_isdigit(c); }

// A lower-case letter other than `avoid` (compared case-insensitively),
// upper-cased when `upper`.
char OtherLetter(char avoid, bool upper, Rng& rng) {
  char c;
  do {
    c = static_cast<char>('a' + rng.Below(26));
  } while (c == absl::ascii_tolower(static_cast<unsigned char>(avoid)));
  return upper ? absl::ascii_toupper(static_cast<unsigned char>(c)) : c;
}

bool IsUpper(const std::string& s, size_t i) { return absl::ascii_isupper(static_cast<unsigned char>(s[i])); }

// Adjacent letter pairs that differ (case-insensitively): transposing them
// changes the text.
std::vector<size_t> SwappablePairs(const std::string& s, const std::vector<size_t>& letters) {
  std::vector<size_t> pairs;
  for (size_t k = 0; k + 1 < letters.size(); ++k) {
    const size_t i = letters[k];
    if (letters[k + 1] == i + 1 && absl::ascii_tolower(static_cast<unsigned char>(s[i])) !=
                                       absl::ascii_tolower(static_cast<unsigned char>(s[i + 1]))) {
      pairs.push_back(i);
    }
  }
  return pairs;
}

void Transpose(std::string& s, size_t i) {
  // Keep the capital at the front: "Jhon" not "hJon".
  const bool first_upper = IsUpper(s, i);
  std::swap(s[i], s[i + 1]);
  if (first_upper && !IsUpper(s, i + 1)) {
    s[i] = absl::ascii_toupper(static_cast<unsigned char>(s[i]));
    s[i + 1] = absl::ascii_tolower(static_cast<unsigned char>(s[i + 1]));
  }
}

}  // namespace

bool CanLetterTypo(absl::string_view text) { return Positions(text, IsLetter).size() >= 2; }

std::string LetterTypo(absl::string_view text, Rng& rng) {
  std::string s(text);
  const std::vector<size_t> letters = Positions(text, IsLetter);
  if (letters.size() < 2) return s;
  const size_t at = letters[rng.Below(letters.size())];
  const bool upper = IsUpper(s, at) && (at == 0 || s[at - 1] == ' ' || s[at - 1] == '-');
  switch (rng.Below(4)) {
    case 0:  // insert after `at`
      s.insert(at + 1, 1, OtherLetter(s[at], false, rng));
      return s;
    case 1:  // delete
      if (letters.size() >= 4) {
        s.erase(at, 1);
        if (upper && at < s.size()) s[at] = absl::ascii_toupper(static_cast<unsigned char>(s[at]));
        return s;
      }
      break;
    case 2: {  // transpose
      const std::vector<size_t> pairs = SwappablePairs(s, letters);
      if (!pairs.empty()) {
        Transpose(s, pairs[rng.Below(pairs.size())]);
        return s;
      }
      break;
    }
    default:
      break;
  }
  s[at] = OtherLetter(s[at], IsUpper(s, at), rng);  // substitute
  return s;
}

std::string DigitTypo(absl::string_view text, Rng& rng) {
  std::string s(text);
  const std::vector<size_t> digits = Positions(text, IsDigit);
  if (digits.empty()) return s;
  const size_t at = digits[rng.Below(digits.size())];
  const char old = s[at];
  do {
    s[at] = static_cast<char>('0' + rng.Below(10));
  } while (s[at] == old);
  return s;
}

}  // namespace liaison::synth
