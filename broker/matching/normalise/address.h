#ifndef LIAISON_BROKER_MATCHING_NORMALISE_ADDRESS_H_
#define LIAISON_BROKER_MATCHING_NORMALISE_ADDRESS_H_

// Addresses reduced to what the matcher compares: the numbers (house, flat),
// the street words with common abbreviations expanded, the town and the
// postcode.

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "broker/matching/normalise/name_normaliser.h"
#include "broker/matching/normalise/postcode.h"

namespace liaison::matching::normalise {

struct NormalisedAddress {
  // Tokens containing a digit, in order ("2", "14a"), from the address lines.
  std::vector<std::string> numbers;
  // The other words of the lines, lower ASCII, with "flat", "apartment",
  // "apt", "unit" dropped and abbreviations expanded (st -> street, rd -> road,
  // ave -> avenue, ln -> lane, cres -> crescent, cl -> close, ct -> court,
  // dr -> drive, gdns -> gardens, pl -> place, sq -> square, tce -> terrace,
  // pde -> parade, cct -> circuit, hwy -> highway).
  std::vector<std::string> street;
  // street joined with single spaces.
  std::string street_joined;
  // Lower ASCII words joined by single spaces, split as name tokens are
  // (apostrophes deleted, other punctuation separates): "Stoke-on-Trent"
  // and "Stoke on Trent" both give "stoke on trent".
  std::string town;
  std::optional<Postcode> postcode;

  bool empty() const { return numbers.empty() && street.empty() && town.empty() && !postcode.has_value(); }
};

// `lines` and `town` are free text (UTF-8), transliterated with
// names.ToAscii and split into tokens as names are; `postcode` goes through
// NormalisePostcode (nullopt when absent, malformed or a placeholder).
// Thread-safe (as `names` is).
NormalisedAddress NormaliseAddress(const NameNormaliser& names, const std::vector<std::string>& lines,
                                   absl::string_view town, absl::string_view postcode);

}  // namespace liaison::matching::normalise

#endif  // LIAISON_BROKER_MATCHING_NORMALISE_ADDRESS_H_
