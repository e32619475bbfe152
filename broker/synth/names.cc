#include "broker/synth/names.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "broker/synth/pool_data.h"

namespace liaison::synth {
namespace {

absl::flat_hash_map<std::string, std::vector<std::string>> BuildNicknames() {
  absl::flat_hash_map<std::string, std::vector<std::string>> nicknames;
  for (const NicknameEntry& entry : NicknameData()) {
    nicknames[std::string(entry.name)] = absl::StrSplit(entry.nicknames, ',');
  }
  return nicknames;
}

// Each spelling maps to the others in its group.
absl::flat_hash_map<std::string, std::vector<std::string>> BuildVariants() {
  absl::flat_hash_map<std::string, std::vector<std::string>> variants;
  for (absl::string_view group : SpellingVariantData()) {
    const std::vector<std::string> names = absl::StrSplit(group, ' ');
    for (const std::string& name : names) {
      for (const std::string& other : names) {
        if (other != name) variants[name].push_back(other);
      }
    }
  }
  return variants;
}

absl::Span<const std::string> Lookup(const absl::flat_hash_map<std::string, std::vector<std::string>>& map,
                                     absl::string_view key) {
  const auto it = map.find(key);
  if (it == map.end()) return {};
  return it->second;
}

}  // namespace

NamePools::NamePools()
    : male_(WeightedPool::Zipf(MaleForenameData(), 8, 1.0)),
      female_(WeightedPool::Zipf(FemaleForenameData(), 8, 1.0)),
      british_(WeightedPool::Zipf(BritishSurnameData(), 10, 1.0)),
      world_(WeightedPool::Zipf(WorldSurnameData(), 40, 0.8)),
      stems_(SurnameStemData()),
      endings_(SurnameEndingData()),
      nicknames_(BuildNicknames()),
      variants_(BuildVariants()) {}

const NamePools& NamePools::Get() {
  static const NamePools* const pools = new NamePools();
  return *pools;
}

absl::string_view NamePools::Forename(Sex sex, Rng& rng) const {
  return (sex == Sex::kMale ? male_ : female_).Pick(rng);
}

std::string NamePools::Surname(Rng& rng) const {
  const double source = rng.Fraction();
  if (source < kBritishSurnameShare) return std::string(british_.Pick(rng));
  if (source < kBritishSurnameShare + kWorldSurnameShare) return std::string(world_.Pick(rng));
  const absl::string_view stem = stems_[rng.Below(stems_.size())];
  const absl::string_view ending = endings_[rng.Below(endings_.size())];
  return absl::StrCat(stem, ending);
}

std::string NamePools::SurnameForSex(absl::string_view surname, Sex sex) {
  std::string result(surname);
  if (sex == Sex::kFemale && result.size() > 4 && absl::EndsWith(result, "ki")) {
    result.back() = 'a';
  }
  return result;
}

absl::Span<const std::string> NamePools::Nicknames(absl::string_view forename) const {
  return Lookup(nicknames_, forename);
}

absl::Span<const std::string> NamePools::Variants(absl::string_view name) const { return Lookup(variants_, name); }

size_t NamePools::forename_count(Sex sex) const { return (sex == Sex::kMale ? male_ : female_).size(); }

}  // namespace liaison::synth
