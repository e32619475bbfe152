#ifndef LIAISON_BROKER_MATCHING_TEXT_DOUBLE_METAPHONE_H_
#define LIAISON_BROKER_MATCHING_TEXT_DOUBLE_METAPHONE_H_

// Lawrence Philips' Double Metaphone phonetic encoding (C/C++ Users Journal,
// June 2000), written for this project from the published description.
// Pure function; thread-safe.

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

// Encodes `word` (letters in either case; anything that is not A-Z is
// ignored). Codes are at most `max_length` characters (4 in the original).
// An empty or letter-free word gives two empty codes.
MetaphoneCodes DoubleMetaphone(absl::string_view word, size_t max_length = 4);

// True when the two words share a non-empty code (primary or alternate of
// either).
bool MetaphoneAgrees(const MetaphoneCodes& a, const MetaphoneCodes& b);

}  // namespace liaison::matching::text

#endif  // LIAISON_BROKER_MATCHING_TEXT_DOUBLE_METAPHONE_H_
