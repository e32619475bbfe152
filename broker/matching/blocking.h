#ifndef LIAISON_BROKER_MATCHING_BLOCKING_H_
#define LIAISON_BROKER_MATCHING_BLOCKING_H_

// Blocking keys: the index files each record under several independent keys,
// and a query's candidates are the union of the records filed under its keys.
// No key uses a single field (single-field blocking caps recall near two
// thirds on the benchmarks); docs/matching.md lists the keys and why.
// Pure functions; thread-safe.

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "liaison/matching/v1/match_form.pb.h"

namespace liaison::matching {

// The keys an index record is filed under, without duplicates:
//   id|TYPE|value          each strong identifier
//   ds|dob|phon(surname)   date of birth with the surname's (or each
//                          surname part's) Double Metaphone code
//   df|dob|phon(forename)  date of birth with the forename's code
//   dp|dob|postcode        date of birth with each full postcode
//   nn|phon(fore)|phon(sur) phonetic forename and surname
//   pi|postcode|s          each postcode with the surname's initial
//   pf|postcode|phon(fore) each postcode with the forename's code
//   sn|number|phon(street) each address's first number with its street's
//                          first word's code
// Every current name and alias contributes.
std::vector<std::string> IndexKeys(const v1::MatchForm& form);

// The keys a query looks up: its own IndexKeys plus the keys it would have
// with given and family names swapped and with day and month swapped (when
// the day could be a month: 01 to 12, and differs from the month).
std::vector<std::string> QueryKeys(const v1::MatchForm& form);

// True for an identifier's key (id|TYPE|value): the strongest blocking
// evidence, as a strong identifier is the strongest agreement.
bool IsIdentifierKey(absl::string_view key);

}  // namespace liaison::matching

#endif  // LIAISON_BROKER_MATCHING_BLOCKING_H_
