#ifndef LIAISON_BROKER_MATCHING_NORMALISE_NICKNAMES_H_
#define LIAISON_BROKER_MATCHING_NORMALISE_NICKNAMES_H_

// Common English given-name diminutives (bob/robert, bill/william,
// peggy/margaret, ...), from a table written for this project. Pure;
// thread-safe.

#include "absl/strings/string_view.h"

namespace liaison::matching::normalise {

// True when a and b (normalised lower-case ASCII tokens) are different
// names of one nickname group: "bob" and "robert", "rob" and "bobby", "liz"
// and "beth" (both Elizabeth). False for equal names and unknown names.
bool AreNicknames(absl::string_view a, absl::string_view b);

}  // namespace liaison::matching::normalise

#endif  // LIAISON_BROKER_MATCHING_NORMALISE_NICKNAMES_H_
