#ifndef LIAISON_BROKER_SYNTH_PERSON_TRAITS_H_
#define LIAISON_BROKER_SYNTH_PERSON_TRAITS_H_

// The traits of one synthetic person, each from its own random stream of
// (seed, person number), so a trait can be regenerated alone: a household
// member takes the head's address without generating the head's name.
// Index people and non-members use disjoint streams. Used by Population;
// pure; thread-safe.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "broker/synth/names.h"
#include "broker/synth/population.h"
#include "broker/synth/synth_random.h"
#include "liaison/v1/person.pb.h"

namespace liaison::synth {

// A date of birth 1940-2008, three quarters of them 1970-2000; never the
// placeholder 1970-01-01.
absl::CivilDay RandomDateOfBirth(Rng& rng);

// "YYYY-MM-DD".
std::string FormatDate(absl::CivilDay day);

// A forename for `sex` other than `avoid`.
std::string ForenameOtherThan(Sex sex, absl::string_view avoid, Rng& rng);

class PersonTraits {
 public:
  // `options` must outlive this object.
  PersonTraits(const PopulationOptions& options, bool non_member);

  Rng StreamFor(Stream stream, int64_t n) const;

  Sex SexOf(int64_t n) const;
  // One or two forenames; the first differs from `avoid` (a twin's).
  std::vector<std::string> GivenNames(int64_t n, Sex sex, absl::string_view avoid = "") const;
  // The surname in its masculine form, hyphenated for some.
  std::string FamilyName(int64_t n) const;
  absl::CivilDay DateOfBirth(int64_t n) const;
  liaison::v1::Address CurrentAddress(int64_t n) const;
  std::optional<liaison::v1::Address> PreviousAddress(int64_t n) const;
  // Maiden names, alternative spellings and nickname forenames of `name`.
  // Alias family names never hold a space (joined with '-'), so an alias
  // written as "given ... family" reads back unchanged.
  std::vector<liaison::v1::PersonName> Aliases(int64_t n, Sex sex, const liaison::v1::PersonName& name) const;

 private:
  std::optional<liaison::v1::PersonName> Alias(Rng& rng, Sex sex, const liaison::v1::PersonName& name) const;

  const PopulationOptions& options_;
  uint64_t stream_offset_;
};

}  // namespace liaison::synth

#endif  // LIAISON_BROKER_SYNTH_PERSON_TRAITS_H_
