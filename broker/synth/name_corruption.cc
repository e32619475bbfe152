#include "broker/synth/name_corruption.h"

#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "broker/synth/ascii_fold.h"
#include "broker/synth/person_traits.h"
#include "broker/synth/text_noise.h"

namespace liaison::synth {
namespace {

using liaison::v1::PersonName;

void ChangeSurname(Sex sex, Corrupter& c, std::string& family) {
  if (absl::StrContains(family, '-') && c.Roll(Corruption::kHyphenReduced)) {
    std::vector<std::string> parts = absl::StrSplit(family, '-');
    family = parts[c.rng().Below(parts.size())];
  }
  if (c.Roll(Corruption::kSurnameChanged)) {
    std::string changed = family;
    while (changed == family) {
      changed = NamePools::SurnameForSex(NamePools::Get().Surname(c.rng()), sex);
    }
    family = changed;
  }
}

void ChangeForenames(Sex sex, Corrupter& c, std::vector<std::string>& given) {
  const auto nicknames = NamePools::Get().Nicknames(given[0]);
  if (!nicknames.empty() && c.Roll(Corruption::kNickname)) given[0] = c.rng().Pick(nicknames);
  if (given.size() >= 2) {
    if (c.Roll(Corruption::kMiddleNameDropped)) given.resize(1);
  } else if (c.Roll(Corruption::kMiddleNameAdded)) {
    given.push_back(ForenameOtherThan(sex, given[0], c.rng()));
  }
}

void AddTypos(Corrupter& c, PersonName& name) {
  if (CanLetterTypo(name.given_names()) && c.Roll(Corruption::kGivenNameTypo)) {
    name.set_given_names(LetterTypo(name.given_names(), c.rng()));
  }
  if (CanLetterTypo(name.family_name()) && c.Roll(Corruption::kFamilyNameTypo)) {
    name.set_family_name(LetterTypo(name.family_name(), c.rng()));
  }
  if ((!IsAscii(name.given_names()) || !IsAscii(name.family_name())) && c.Roll(Corruption::kDiacriticsDropped)) {
    name.set_given_names(AsciiFold(name.given_names()));
    name.set_family_name(AsciiFold(name.family_name()));
  }
}

std::string Title(Sex sex, Rng& rng) {
  if (sex == Sex::kMale) return "Mr";
  constexpr absl::string_view kTitles[] = {"Mrs", "Ms", "Miss"};
  return std::string(kTitles[rng.Below(std::size(kTitles))]);
}

// A doubled space between forenames, or a stray leading or trailing space.
void AddWhitespace(Rng& rng, PersonName& name) {
  const size_t space = name.given_names().find(' ');
  const uint64_t kind = rng.Below(space == std::string::npos ? 2 : 3);
  if (kind == 0) {
    name.set_given_names(absl::StrCat(" ", name.given_names()));
  } else if (kind == 1) {
    name.set_family_name(absl::StrCat(name.family_name(), " "));
  } else {
    const std::string& given = name.given_names();
    name.set_given_names(absl::StrCat(given.substr(0, space), " ", given.substr(space)));
  }
}

void AddPresentationNoise(Sex sex, Corrupter& c, PersonName& name) {
  if (c.Roll(Corruption::kNameSwap)) {
    std::string given = name.given_names();
    name.set_given_names(name.family_name());
    name.set_family_name(std::move(given));
  }
  if (c.Roll(Corruption::kTitleAdded)) {
    name.set_given_names(absl::StrCat(Title(sex, c.rng()), " ", name.given_names()));
  }
  if (c.Roll(Corruption::kCaseNoise)) {
    const bool upper = c.rng().Chance(0.75);
    for (std::string* part : {name.mutable_given_names(), name.mutable_family_name()}) {
      if (upper) {
        absl::AsciiStrToUpper(part);
      } else {
        absl::AsciiStrToLower(part);
      }
    }
  }
  if (c.Roll(Corruption::kWhitespaceNoise)) AddWhitespace(c.rng(), name);
}

}  // namespace

void CorruptName(Sex sex, Corrupter& corrupter, PersonName& name) {
  std::string family = name.family_name();
  ChangeSurname(sex, corrupter, family);
  std::vector<std::string> given = absl::StrSplit(name.given_names(), ' ', absl::SkipEmpty());
  if (given.empty()) given.push_back("");
  ChangeForenames(sex, corrupter, given);
  name.set_given_names(absl::StrJoin(given, " "));
  name.set_family_name(family);
  AddTypos(corrupter, name);
  AddPresentationNoise(sex, corrupter, name);
}

}  // namespace liaison::synth
