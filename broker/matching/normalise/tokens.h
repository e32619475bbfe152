#ifndef LIAISON_BROKER_MATCHING_NORMALISE_TOKENS_H_
#define LIAISON_BROKER_MATCHING_NORMALISE_TOKENS_H_

// The word splitting shared by names and addresses, applied after
// transliteration. Pure; thread-safe.

#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace liaison::matching::normalise {

// Splits `text` into runs of [a-z0-9] (A-Z is lowered). Apostrophes (',
// `, and U+2019 in UTF-8) are deleted so that they join: "o'brien" ->
// {"obrien"}. Every other byte, including hyphens and non-ASCII bytes,
// separates: "mary-jane" -> {"mary", "jane"}. Never returns empty tokens.
std::vector<std::string> SplitTokens(absl::string_view text);

}  // namespace liaison::matching::normalise

#endif  // LIAISON_BROKER_MATCHING_NORMALISE_TOKENS_H_
