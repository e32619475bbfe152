#include "broker/synth/addresses.h"

#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "broker/synth/pool_data.h"
#include "broker/synth/weighted_pool.h"

namespace liaison::synth {
namespace {

// Letters a central London district can carry (SW1A, EC2M, W1T).
constexpr absl::string_view kDistrictLetters = "ABCEHJKMNPRSTUVWXY";
constexpr absl::string_view kLocalitySuffixes[] = {" Park",    " Estate", " Green", " Village",
                                                   " Heights", " Vale",   " End"};
constexpr double kFlatRate = 0.12;
constexpr double kLocalityRate = 0.15;
constexpr double kComposedStreetRate = 0.2;

struct AddressTables {
  AddressTables();

  std::vector<absl::string_view> area_codes;
  std::vector<std::vector<absl::string_view>> towns;
  WeightedPool areas;
  WeightedPool street_words;
  WeightedPool street_types;
  absl::flat_hash_map<std::string, int> region_of_area;
};

std::vector<absl::string_view> AreaCodes() {
  std::vector<absl::string_view> codes;
  for (const PostcodeAreaEntry& entry : PostcodeAreaData()) codes.push_back(entry.area);
  return codes;
}

std::vector<double> AreaWeights() {
  std::vector<double> weights;
  for (const PostcodeAreaEntry& entry : PostcodeAreaData()) weights.push_back(entry.weight);
  return weights;
}

AddressTables::AddressTables()
    : area_codes(AreaCodes()),
      areas(WeightedPool::FromWeights(area_codes, AreaWeights())),
      street_words(WeightedPool::Zipf(StreetWordData(), 20, 1.0)),
      street_types(WeightedPool::Zipf(StreetTypeData(), 1, 1.2)) {
  for (const PostcodeAreaEntry& entry : PostcodeAreaData()) {
    towns.push_back(absl::StrSplit(entry.towns, ','));
    region_of_area[std::string(entry.area)] = entry.region;
  }
}

const AddressTables& Tables() {
  static const AddressTables* const tables = new AddressTables();
  return *tables;
}

char PickChar(absl::string_view chars, Rng& rng) { return chars[rng.Below(chars.size())]; }

std::string Postcode(const PostcodeAreaEntry& entry, Rng& rng) {
  const int district = rng.Uniform(1, entry.max_district);
  std::string outward = absl::StrCat(entry.area, district);
  if (entry.lettered && (district == 1 || entry.max_district <= 4)) {
    outward.push_back(PickChar(kDistrictLetters, rng));
  }
  const int sector = rng.Uniform(0, 9);
  const char unit1 = PickChar(kPostcodeUnitLetters, rng);
  const char unit2 = PickChar(kPostcodeUnitLetters, rng);
  return absl::StrCat(outward, " ", sector, std::string{unit1, unit2});
}

// "Ashworth" from the surname parts, for streets and localities.
std::string ComposedWord(Rng& rng) {
  const auto stems = SurnameStemData();
  const auto endings = SurnameEndingData();
  return absl::StrCat(stems[rng.Below(stems.size())], endings[rng.Below(endings.size())]);
}

std::string StreetLine(Rng& rng) {
  const AddressTables& tables = Tables();
  // Small numbers are more common: most streets are short.
  const int number = rng.Uniform(1, rng.Uniform(12, 240));
  const std::string word =
      rng.Chance(kComposedStreetRate) ? ComposedWord(rng) : std::string(tables.street_words.Pick(rng));
  std::string line = absl::StrCat(number, " ", word, " ", tables.street_types.Pick(rng));
  if (rng.Chance(kFlatRate)) line = absl::StrCat("Flat ", rng.Uniform(1, 24), ", ", line);
  return line;
}

std::string Locality(Rng& rng) {
  if (rng.Chance(0.5)) return ComposedWord(rng);
  return absl::StrCat(Tables().street_words.Pick(rng), kLocalitySuffixes[rng.Below(std::size(kLocalitySuffixes))]);
}

}  // namespace

liaison::v1::Address RandomAddress(Rng& rng) {
  const AddressTables& tables = Tables();
  const size_t area = tables.areas.PickRank(rng);
  const PostcodeAreaEntry& entry = PostcodeAreaData()[area];
  liaison::v1::Address address;
  address.add_lines(StreetLine(rng));
  if (rng.Chance(kLocalityRate)) address.add_lines(Locality(rng));
  const std::vector<absl::string_view>& towns = tables.towns[area];
  address.set_town(std::string(towns[rng.Below(towns.size())]));
  address.set_postcode(Postcode(entry, rng));
  return address;
}

std::string PostcodeTypo(absl::string_view postcode, Rng& rng) {
  std::string s(postcode);
  const size_t space = s.rfind(' ');
  if (space == std::string::npos || space == 0 || s.size() - space != 4) {
    return s;  // not a postcode this generator wrote
  }
  const size_t sector = space + 1;
  const double kind = rng.Fraction();
  if (kind < 0.4 || (kind < 0.6 && !absl::ascii_isdigit(s[space - 1]))) {
    const char old = s[sector];
    while (s[sector] == old) s[sector] = static_cast<char>('0' + rng.Below(10));
  } else if (kind < 0.6) {
    const char old = s[space - 1];
    while (s[space - 1] == old) s[space - 1] = static_cast<char>('0' + rng.Below(10));
  } else if (kind < 0.85 || s[sector + 1] == s[sector + 2]) {
    const size_t at = sector + 1 + rng.Below(2);
    const char old = s[at];
    while (s[at] == old) s[at] = PickChar(kPostcodeUnitLetters, rng);
  } else {
    std::swap(s[sector + 1], s[sector + 2]);
  }
  return s;
}

int RegionOfPostcode(absl::string_view postcode) {
  size_t letters = 0;
  while (letters < postcode.size() && absl::ascii_isalpha(postcode[letters])) ++letters;
  const auto& regions = Tables().region_of_area;
  const auto it = regions.find(absl::AsciiStrToUpper(postcode.substr(0, letters)));
  return it == regions.end() ? 0 : it->second;
}

}  // namespace liaison::synth
