#include "broker/synth/person_traits.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_replace.h"
#include "broker/synth/addresses.h"
#include "broker/synth/text_noise.h"

namespace liaison::synth {
namespace {

using liaison::v1::PersonName;

constexpr double kSecondAliasRate = 0.2;

int DaysInMonth(int year, int month) {
  const absl::CivilDay first(year, month, 1);
  return static_cast<int>(absl::CivilDay(absl::CivilMonth(first) + 1) - first);
}

std::string FirstWord(absl::string_view given_names) {
  return std::string(given_names.substr(0, given_names.find(' ')));
}

// `given_names` with its first word replaced.
std::string WithFirstWord(absl::string_view given_names, absl::string_view first) {
  const size_t space = given_names.find(' ');
  if (space == absl::string_view::npos) return std::string(first);
  return absl::StrCat(first, given_names.substr(space));
}

// An alternative spelling: a known variant of the forename or surname, else
// a one-letter change to the surname.
PersonName SpellingAlias(Rng& rng, const PersonName& name) {
  const NamePools& pools = NamePools::Get();
  PersonName alias = name;
  const std::string first = FirstWord(name.given_names());
  if (auto variants = pools.Variants(first); !variants.empty()) {
    alias.set_given_names(WithFirstWord(name.given_names(), rng.Pick(variants)));
  } else if (auto family_variants = pools.Variants(name.family_name()); !family_variants.empty()) {
    alias.set_family_name(rng.Pick(family_variants));
  } else {
    alias.set_family_name(LetterTypo(name.family_name(), rng));
  }
  return alias;
}

}  // namespace

absl::CivilDay RandomDateOfBirth(Rng& rng) {
  const int year = rng.Chance(0.75) ? rng.Uniform(1970, 2000) : rng.Uniform(1940, 2008);
  const int month = rng.Uniform(1, 12);
  int day = rng.Uniform(1, DaysInMonth(year, month));
  if (year == 1970 && month == 1 && day == 1) day = 2;  // a placeholder value
  return absl::CivilDay(year, month, day);
}

std::string FormatDate(absl::CivilDay day) {
  return absl::StrFormat("%04d-%02d-%02d", day.year(), day.month(), day.day());
}

std::string ForenameOtherThan(Sex sex, absl::string_view avoid, Rng& rng) {
  const NamePools& pools = NamePools::Get();
  absl::string_view forename = pools.Forename(sex, rng);
  while (forename == avoid) forename = pools.Forename(sex, rng);
  return std::string(forename);
}

PersonTraits::PersonTraits(const PopulationOptions& options, bool non_member)
    : options_(options), stream_offset_(non_member ? static_cast<uint64_t>(Stream::kNonMemberOffset) : 0) {}

Rng PersonTraits::StreamFor(Stream stream, int64_t n) const {
  return StreamRng(options_.seed, static_cast<uint64_t>(stream) + stream_offset_, static_cast<uint64_t>(n));
}

Sex PersonTraits::SexOf(int64_t n) const {
  return StreamFor(Stream::kSex, n).Chance(options_.male_share) ? Sex::kMale : Sex::kFemale;
}

std::vector<std::string> PersonTraits::GivenNames(int64_t n, Sex sex, absl::string_view avoid) const {
  Rng rng = StreamFor(Stream::kGivenNames, n);
  std::vector<std::string> names = {ForenameOtherThan(sex, avoid, rng)};
  if (rng.Chance(options_.middle_name_rate)) {
    names.push_back(ForenameOtherThan(sex, names.front(), rng));
  }
  return names;
}

std::string PersonTraits::FamilyName(int64_t n) const {
  Rng rng = StreamFor(Stream::kFamilyName, n);
  const NamePools& pools = NamePools::Get();
  std::string family = pools.Surname(rng);
  if (!rng.Chance(options_.hyphenated_surname_rate)) return family;
  // Double-barrelled names join single-word names ("Ó Briain" stays alone).
  while (absl::StrContains(family, ' ')) family = pools.Surname(rng);
  std::string second = pools.Surname(rng);
  while (second == family || absl::StrContains(second, ' ')) second = pools.Surname(rng);
  return absl::StrCat(family, "-", second);
}

absl::CivilDay PersonTraits::DateOfBirth(int64_t n) const {
  Rng rng = StreamFor(Stream::kDateOfBirth, n);
  return RandomDateOfBirth(rng);
}

liaison::v1::Address PersonTraits::CurrentAddress(int64_t n) const {
  Rng rng = StreamFor(Stream::kAddress, n);
  return RandomAddress(rng);
}

std::optional<liaison::v1::Address> PersonTraits::PreviousAddress(int64_t n) const {
  Rng rng = StreamFor(Stream::kPreviousAddress, n);
  if (!rng.Chance(options_.previous_address_rate)) return std::nullopt;
  return RandomAddress(rng);
}

std::optional<PersonName> PersonTraits::Alias(Rng& rng, Sex sex, const PersonName& name) const {
  const double kind = rng.Fraction();
  const auto nicknames = NamePools::Get().Nicknames(FirstWord(name.given_names()));
  PersonName alias = name;
  if (kind < 0.35 && sex == Sex::kFemale) {  // maiden name
    alias.set_family_name(NamePools::SurnameForSex(NamePools::Get().Surname(rng), sex));
  } else if (kind < 0.7 && !nicknames.empty()) {
    alias.set_given_names(WithFirstWord(name.given_names(), rng.Pick(nicknames)));
  } else {
    alias = SpellingAlias(rng, name);
  }
  alias.set_family_name(absl::StrReplaceAll(alias.family_name(), {{" ", "-"}}));
  if (alias.given_names() == name.given_names() && alias.family_name() == name.family_name()) {
    return std::nullopt;
  }
  return alias;
}

std::vector<PersonName> PersonTraits::Aliases(int64_t n, Sex sex, const PersonName& name) const {
  Rng rng = StreamFor(Stream::kAliases, n);
  std::vector<PersonName> aliases;
  if (!rng.Chance(options_.alias_rate)) return aliases;
  const int count = rng.Chance(kSecondAliasRate) ? 2 : 1;
  for (int a = 0; a < count; ++a) {
    std::optional<PersonName> alias = Alias(rng, sex, name);
    if (!alias.has_value()) continue;
    bool repeated = false;
    for (const PersonName& other : aliases) {
      repeated |= other.given_names() == alias->given_names() && other.family_name() == alias->family_name();
    }
    if (!repeated) aliases.push_back(*std::move(alias));
  }
  return aliases;
}

}  // namespace liaison::synth
