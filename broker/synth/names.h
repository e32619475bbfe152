#ifndef LIAISON_BROKER_SYNTH_NAMES_H_
#define LIAISON_BROKER_SYNTH_NAMES_H_

// Drawing forenames and surnames with realistic skew, and the familiar
// forms and alternative spellings of names. Built once from the tables in
// pool_data.h. Immutable; thread-safe.

#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "broker/synth/synth_random.h"
#include "broker/synth/weighted_pool.h"

namespace liaison::synth {

enum class Sex { kMale, kFemale };

// The share of surnames drawn from each source; the rest come from the
// synthetic tail (stem + ending), each tail name equally likely.
inline constexpr double kBritishSurnameShare = 0.62;
inline constexpr double kWorldSurnameShare = 0.08;

class NamePools {
 public:
  // The process-wide pools.
  static const NamePools& Get();

  // A forename for `sex`, Zipf-weighted (the commonest about 3%).
  absl::string_view Forename(Sex sex, Rng& rng) const;

  // A single surname (never hyphenated): a common British surname (Smith
  // about 1.1% of people), one of another origin, or a rare synthetic one
  // ("Blackthwaite") from tens of thousands.
  std::string Surname(Rng& rng) const;

  // The form of `surname` for `sex`: Polish "-ski"/"-cki" become "-ska"/
  // "-cka" for women; anything else unchanged.
  static std::string SurnameForSex(absl::string_view surname, Sex sex);

  // Familiar forms of `forename` ("Robert" -> Bob, Rob, ...); empty when
  // there are none.
  absl::Span<const std::string> Nicknames(absl::string_view forename) const;

  // Other spellings of `name` ("Steven" -> Stephen); empty when none known.
  absl::Span<const std::string> Variants(absl::string_view name) const;

  // Pool sizes, for tests and the README.
  size_t forename_count(Sex sex) const;
  size_t common_surname_count() const { return british_.size() + world_.size(); }
  size_t synthetic_surname_count() const { return stems_.size() * endings_.size(); }

 private:
  NamePools();

  WeightedPool male_;
  WeightedPool female_;
  WeightedPool british_;
  WeightedPool world_;
  absl::Span<const absl::string_view> stems_;
  absl::Span<const absl::string_view> endings_;
  absl::flat_hash_map<std::string, std::vector<std::string>> nicknames_;
  absl::flat_hash_map<std::string, std::vector<std::string>> variants_;
};

}  // namespace liaison::synth

#endif  // LIAISON_BROKER_SYNTH_NAMES_H_
