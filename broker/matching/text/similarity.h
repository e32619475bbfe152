#ifndef LIAISON_BROKER_MATCHING_TEXT_SIMILARITY_H_
#define LIAISON_BROKER_MATCHING_TEXT_SIMILARITY_H_

// String similarity measures used by the matcher's field comparisons. They
// work on bytes: callers pass normalised lower-case ASCII. Pure functions;
// thread-safe.

#include "absl/strings/string_view.h"

namespace liaison::matching::text {

// Jaro similarity in [0, 1]: 1 for equal strings (including two empty
// strings), 0 when either is empty and the other is not, or nothing matches.
// Matching window: max(len_a, len_b) / 2 - 1 (at least 0).
double Jaro(absl::string_view a, absl::string_view b);

// Jaro-Winkler: Jaro plus a bonus for a common prefix of up to 4 characters,
// jw = jaro + prefix * 0.1 * (1 - jaro). (Winkler's variant that applies the
// bonus whatever the Jaro score.) E.g. MARTHA/MARHTA 0.961, DIXON/DICKSONX
// 0.813, DWAYNE/DUANE 0.840.
double JaroWinkler(absl::string_view a, absl::string_view b);

// Levenshtein distance: insertions, deletions and substitutions.
int Levenshtein(absl::string_view a, absl::string_view b);

// Optimal string alignment distance: Levenshtein plus transposition of two
// adjacent characters as one edit ("ca" -> "ac" is 1).
int DamerauLevenshtein(absl::string_view a, absl::string_view b);

// True when a and b differ by at most one insertion, deletion, substitution
// or adjacent transposition (equal strings included). Linear time.
bool WithinOneEdit(absl::string_view a, absl::string_view b);

}  // namespace liaison::matching::text

#endif  // LIAISON_BROKER_MATCHING_TEXT_SIMILARITY_H_
