#ifndef LIAISON_BROKER_MATCHING_TEXT_DOUBLE_METAPHONE_H_
#define LIAISON_BROKER_MATCHING_TEXT_DOUBLE_METAPHONE_H_

// Lawrence Philips' Double Metaphone phonetic encoding (C/C++ Users Journal,
// June 2000), written for this project from the published description.
// Pure function; thread-safe.

#include <cstddef>
#include <string>

#include "absl/strings/string_view.h"

namespace liaison::matching::text {

struct MetaphoneCodes {
  // The primary encoding, e.g. "SM0" for SMITH.
  std::string primary;
  // The alternate encoding ("XMT" for SMITH); equal to primary when the word
  // has no alternate pronunciation.
  std::string alternate;
};

// Encodes `word`: letters A-Z in either case, plus Ç and Ñ written in UTF-8
// (coded S and N as in the original); anything else, spaces and punctuation
// included, is ignored, so "O'Neill" encodes as "ONEILL". Pass one name token
// at a time: the original's rules for multi-word text ("VAN ", "SAN ",
// "MAC GREGOR") do not apply to a run of letters. Codes are at most
// `max_length` characters (4 in the original; 0 gives empty codes). An empty
// or letter-free word gives two empty codes. A final J may be silent: "Raj"
// is RJ / R, as in the original (some ports put a space in the alternate).
MetaphoneCodes DoubleMetaphone(absl::string_view word, size_t max_length = 4);

// True when the two words share a non-empty code (primary or alternate of
// either).
bool MetaphoneAgrees(const MetaphoneCodes& a, const MetaphoneCodes& b);

}  // namespace liaison::matching::text

#endif  // LIAISON_BROKER_MATCHING_TEXT_DOUBLE_METAPHONE_H_
