#ifndef LIAISON_BROKER_MATCHING_NORMALISE_POSTCODE_H_
#define LIAISON_BROKER_MATCHING_NORMALISE_POSTCODE_H_

// UK postcodes split into the levels the matcher compares: area ("sw"),
// district (outward code, "sw1a"), sector (outward + first inward
// character, "sw1a1") and the full unit ("sw1a1aa"). Pure; thread-safe.

#include <optional>
#include <string>

#include "absl/strings/string_view.h"

namespace liaison::matching::normalise {

struct Postcode {
  // Lower case, no spaces.
  std::string full;
  std::string sector;
  std::string district;
  std::string area;
  // True when the input has the UK shape (A9 9AA, A99 9AA, AA9 9AA,
  // AA99 9AA, A9A 9AA, AA9A 9AA). Otherwise the other fields fall back to
  // prefixes of the compacted text: sector drops the last character,
  // district the last two, area is the first character (so a 4-digit
  // Australian postcode "2135" gives "213", "21", "2"); a field is empty
  // when the text is too short for it ("7": sector and district empty).
  bool uk = false;
};

// Spaces (any ASCII whitespace), hyphens and case are ignored. nullopt for an empty input, a
// placeholder (identifiers::IsPlaceholderPostcode: NF1 1NF, NF1 1FA), or
// text with characters other than letters and digits after compaction.
std::optional<Postcode> NormalisePostcode(absl::string_view input);

}  // namespace liaison::matching::normalise

#endif  // LIAISON_BROKER_MATCHING_NORMALISE_POSTCODE_H_
