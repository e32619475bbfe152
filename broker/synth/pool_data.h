#ifndef LIAISON_BROKER_SYNTH_POOL_DATA_H_
#define LIAISON_BROKER_SYNTH_POOL_DATA_H_

// The raw tables the generator draws from, written for this project from
// general knowledge of UK names and places. Lists of names are ordered
// roughly most common first (the order sets the Zipf weights). Static data;
// thread-safe.

#include "absl/strings/string_view.h"
#include "absl/types/span.h"

namespace liaison::synth {

// Forenames by sex, most common first; a mix of birth cohorts 1940-2008 and
// origins, some with diacritics (Zoë, Łukasz, Siobhán).
absl::Span<const absl::string_view> MaleForenameData();
absl::Span<const absl::string_view> FemaleForenameData();

// Common surnames in England and Wales, most common first.
absl::Span<const absl::string_view> BritishSurnameData();
// Less common surnames of other origins (Polish, German, Irish Gaelic,
// South Asian, West African, Vietnamese, ...), most common first. Some hold
// a space ("Ó Briain", "da Silva").
absl::Span<const absl::string_view> WorldSurnameData();

// Parts composed into the long tail of rare surnames: a capitalised stem
// then a lower-case ending ("Ash" + "worth").
absl::Span<const absl::string_view> SurnameStemData();
absl::Span<const absl::string_view> SurnameEndingData();

// A formal forename and its familiar forms, comma separated.
struct NicknameEntry {
  absl::string_view name;
  absl::string_view nicknames;
};
absl::Span<const NicknameEntry> NicknameData();

// Groups of spellings of one name, space separated ("Steven Stephen").
absl::Span<const absl::string_view> SpellingVariantData();

// A UK postcode area with the towns it serves.
struct PostcodeAreaEntry {
  absl::string_view area;   // "LS", "M", "SW"
  int max_district;         // districts 1..max_district
  bool lettered;            // central districts carry a letter: "SW1A", "EC2M"
  int region;               // index into ProbationAreaData()
  int weight;               // relative population
  absl::string_view towns;  // comma separated
};
absl::Span<const PostcodeAreaEntry> PostcodeAreaData();

// Probation delivery unit codes; PostcodeAreaEntry::region indexes these.
absl::Span<const absl::string_view> ProbationAreaData();

// Street names are a word then a type ("Mill" + "Lane"); types most common
// first.
absl::Span<const absl::string_view> StreetWordData();
absl::Span<const absl::string_view> StreetTypeData();

}  // namespace liaison::synth

#endif  // LIAISON_BROKER_SYNTH_POOL_DATA_H_
