#ifndef LIAISON_BROKER_SYNTH_ASCII_FOLD_H_
#define LIAISON_BROKER_SYNTH_ASCII_FOLD_H_

// Writing a name the way a system without accents would: "Zoë" -> "Zoe",
// "Łukasz" -> "Lukasz", "Weiß" -> "Weiss". Covers the Latin letters the
// name pools use. Pure; thread-safe.

#include <string>

#include "absl/strings/string_view.h"

namespace liaison::synth {

// True when every byte of `text` is ASCII.
bool IsAscii(absl::string_view text);

// `text` with each accented Latin letter replaced by its plain form; any
// other non-ASCII character is dropped.
std::string AsciiFold(absl::string_view text);

// True when AsciiFold knows every non-ASCII character in `text` (nothing
// would be dropped).
bool AsciiFoldCovers(absl::string_view text);

}  // namespace liaison::synth

#endif  // LIAISON_BROKER_SYNTH_ASCII_FOLD_H_
