#ifndef LIAISON_BROKER_MATCHING_COMPARISONS_H_
#define LIAISON_BROKER_MATCHING_COMPARISONS_H_

// Field-by-field comparison of two match forms into agreement levels: the
// gamma vector of Fellegi-Sunter. Which comparisons run, and in which order,
// is the model's list (model.h); each comparison's levels are fixed here and
// the model must name them exactly. Pure functions; thread-safe.

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "liaison/matching/v1/match_form.pb.h"

namespace liaison::matching {

// The kinds of comparison. kIdentifier compares one identifier type, named
// in the model as "id:<TYPE>".
enum class ComparisonKind {
  kForename,
  kSurname,
  kNameOrder,
  kDob,
  kPostcode,
  kAddress,
  kTown,
  // Postcode, street address and town judged together, so one shared
  // address counts once (the three separate comparisons are not
  // independent: same postcode, same street, same town).
  kPlace,
  kIdentifier
};

struct ComparisonSpec {
  ComparisonKind kind;
  // kIdentifier only: the identifier type ("PNC").
  std::string identifier_type;
};

// The comparison a model name denotes ("surname", "id:PNC").
// INVALID_ARGUMENT for an unknown name.
absl::StatusOr<ComparisonSpec> ParseComparisonName(absl::string_view name);

// The levels of a comparison, strongest first; level i of a comparison is
// reported as i.
const std::vector<std::string>& LevelNames(ComparisonKind kind);

// Level index meaning "not comparable": the field is missing on a side.
inline constexpr int8_t kNull = -1;

// The outcome of comparing two forms under a list of specs.
struct ComparisonVector {
  // Parallel to the specs: a level index or kNull.
  std::vector<int8_t> levels;
  // The value two records agreed on exactly, for term-frequency adjustment
  // (forename and surname comparisons at their top level); otherwise empty.
  std::vector<std::string> agreed_values;
  // The names compared were an alias or previous name of either side.
  bool via_alias = false;
};

// Compares `a` with `b` on each spec. Names: every name of `a` is paired
// with every name of `b` (aliases included), straight and with given and
// family names swapped, and the pairing with the strongest levels is used
// (smallest sum of forename and surname level indices; ties prefer straight
// order and current names). Addresses likewise: the pair of addresses with
// the strongest postcode, address and town levels.
ComparisonVector Compare(const v1::MatchForm& a, const v1::MatchForm& b, const std::vector<ComparisonSpec>& specs);

// Field-level comparisons, exposed for tests. Each returns a level index of
// its kind, or kNull.
int8_t CompareDob(const v1::DateForm& a, const v1::DateForm& b);
int8_t ComparePostcode(const v1::AddressForm& a, const v1::AddressForm& b);
int8_t CompareStreetAddress(const v1::AddressForm& a, const v1::AddressForm& b);
int8_t CompareTown(const v1::AddressForm& a, const v1::AddressForm& b);
int8_t ComparePlace(const v1::AddressForm& a, const v1::AddressForm& b);
int8_t CompareIdentifier(const v1::MatchForm& a, const v1::MatchForm& b, absl::string_view type);
// Given names (first tokens; a single letter against a name is "initial").
int8_t CompareForename(const v1::NameForm& a, const v1::NameForm& b);
// Family names (joined, then token overlap for double-barrelled names).
int8_t CompareSurname(const v1::NameForm& a, const v1::NameForm& b);
// `name` with given and family names exchanged (first given name as the
// family name, family name as the only given name), for comparing in
// swapped order.
v1::NameForm SwapNameParts(const v1::NameForm& name);

}  // namespace liaison::matching

#endif  // LIAISON_BROKER_MATCHING_COMPARISONS_H_
