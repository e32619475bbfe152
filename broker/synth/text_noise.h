#ifndef LIAISON_BROKER_SYNTH_TEXT_NOISE_H_
#define LIAISON_BROKER_SYNTH_TEXT_NOISE_H_

// Keyboard errors, as agencies make them when typing a name, a date or a
// postcode. Only ASCII characters are touched, so UTF-8 stays valid. Pure
// given the Rng; thread-safe.

#include <string>

#include "absl/strings/string_view.h"
#include "broker/synth/synth_random.h"

namespace liaison::synth {

// One typing error among ASCII letters: a letter inserted, deleted (only in
// text with 4+ letters), substituted, or two adjacent different letters
// transposed. Inserted and substituted letters take the case of their
// neighbour. Always differs from `text` when it holds 2+ ASCII letters;
// otherwise returns `text` unchanged.
std::string LetterTypo(absl::string_view text, Rng& rng);

// True when LetterTypo can change `text`.
bool CanLetterTypo(absl::string_view text);

// One ASCII digit replaced by a different digit; `text` unchanged when it
// has no digit.
std::string DigitTypo(absl::string_view text, Rng& rng);

}  // namespace liaison::synth

#endif  // LIAISON_BROKER_SYNTH_TEXT_NOISE_H_
