#include "broker/matching/normalise/address.h"

#include "absl/algorithm/container.h"
#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_join.h"
#include "broker/matching/normalise/tokens.h"

namespace liaison::matching::normalise {
namespace {

// Words naming the kind of dwelling: the number after them is kept.
const absl::flat_hash_set<absl::string_view>& DroppedWords() {
  static const auto* words = new absl::flat_hash_set<absl::string_view>{"flat", "apartment", "apt", "unit"};
  return *words;
}

const absl::flat_hash_map<absl::string_view, absl::string_view>& Abbreviations() {
  static const auto* abbreviations = new absl::flat_hash_map<absl::string_view, absl::string_view>{
      {"st", "street"}, {"rd", "road"},     {"ave", "avenue"}, {"ln", "lane"},      {"cres", "crescent"},
      {"cl", "close"},  {"ct", "court"},    {"dr", "drive"},   {"gdns", "gardens"}, {"pl", "place"},
      {"sq", "square"}, {"tce", "terrace"}, {"pde", "parade"}, {"cct", "circuit"},  {"hwy", "highway"}};
  return *abbreviations;
}

bool HasDigit(absl::string_view token) {
  return absl::c_any_of(token, [](char c) { return absl::ascii_isdigit(static_cast<unsigned char>(c)); });
}

void AddLine(const std::vector<std::string>& tokens, NormalisedAddress& address) {
  for (const std::string& token : tokens) {
    if (HasDigit(token)) {
      address.numbers.push_back(token);
    } else if (!DroppedWords().contains(token)) {
      const auto expanded = Abbreviations().find(token);
      address.street.push_back(expanded == Abbreviations().end() ? token : std::string(expanded->second));
    }
  }
}

}  // namespace

NormalisedAddress NormaliseAddress(const NameNormaliser& names, const std::vector<std::string>& lines,
                                   absl::string_view town, absl::string_view postcode) {
  NormalisedAddress address;
  for (const std::string& line : lines) AddLine(SplitTokens(names.ToAscii(line)), address);
  address.street_joined = absl::StrJoin(address.street, " ");
  address.town = absl::StrJoin(SplitTokens(names.ToAscii(town)), " ");
  address.postcode = NormalisePostcode(postcode);
  return address;
}

}  // namespace liaison::matching::normalise
