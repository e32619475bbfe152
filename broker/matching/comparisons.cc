#include "broker/matching/comparisons.h"

#include <algorithm>
#include <optional>
#include <tuple>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "broker/matching/normalise/date_of_birth.h"
#include "broker/matching/normalise/nicknames.h"
#include "broker/matching/text/similarity.h"

namespace liaison::matching {
namespace {

using text::JaroWinkler;

// Level indices, in the order of LevelNames().
enum Forename : int8_t { kFnExact, kFnJw92, kFnJw88, kFnNickname, kFnPhonetic, kFnInitial, kFnMiddle, kFnJw70, kFnElse };
enum Surname : int8_t { kSnExact, kSnJw92, kSnPart, kSnJw88, kSnPhonetic, kSnJw70, kSnElse };
enum NameOrder : int8_t { kStraight, kSwapped };
enum Dob : int8_t { kDobExact, kDobDayMonthSwap, kDobOneEdit, kDobWithinMonth, kDobWithinYear, kDobElse };
enum Postcode : int8_t { kPcFull, kPcOneEdit, kPcSector, kPcDistrict, kPcArea, kPcElse };
enum Street : int8_t { kAdExact, kAdNumberStreet, kAdStreet, kAdNumber, kAdElse };
enum Town : int8_t { kTnExact, kTnJw88, kTnElse };
enum Identifier : int8_t { kIdAgree, kIdOneEdit, kIdDisagree };
enum Place : int8_t { kPlAddress, kPlPostcode, kPlStreetTown, kPlSector, kPlDistrict, kPlArea, kPlTown, kPlElse };

// As text::MetaphoneAgrees, on stored codes without copying them.
bool PhoneticAgrees(absl::string_view a1, absl::string_view a2, absl::string_view b1, absl::string_view b2) {
  for (absl::string_view a : {a1, a2}) {
    if (a.empty()) continue;
    if (a == b1 || a == b2) return true;
  }
  return false;
}

bool HasDob(const v1::DateForm& d) { return !d.digits().empty(); }

bool NumbersEqual(const v1::AddressForm& a, const v1::AddressForm& b) {
  return !a.numbers().empty() && std::equal(a.numbers().begin(), a.numbers().end(), b.numbers().begin(),
                                            b.numbers().end());
}

// One pairing of names and its levels.
struct NamePairing {
  int8_t forename = kNull;
  int8_t surname = kNull;
  bool swapped = false;
  bool alias = false;
  std::string forename_value;
  std::string surname_value;

  // Strength for choosing among pairings: smaller is stronger.
  std::tuple<int, bool, bool> Rank() const {
    const int f = forename == kNull ? static_cast<int>(kFnElse) : forename;
    const int s = surname == kNull ? static_cast<int>(kSnElse) : surname;
    return {f + s, swapped, alias};
  }
};

NamePairing PairNames(const v1::NameForm& a, const v1::NameForm& b, bool swapped) {
  NamePairing p;
  p.swapped = swapped;
  p.alias = a.alias() || b.alias();
  // Only the swapped order needs a new form; straight order compares `b`
  // itself rather than a copy.
  std::optional<v1::NameForm> swapped_b;
  if (swapped) swapped_b = SwapNameParts(b);
  const v1::NameForm& other = swapped ? *swapped_b : b;
  p.forename = CompareForename(a, other);
  p.surname = CompareSurname(a, other);
  // Term frequencies are per field, so only straight agreement is adjusted.
  if (!swapped && p.forename == kFnExact) p.forename_value = a.given(0);
  if (!swapped && p.surname == kSnExact) p.surname_value = a.family_joined();
  return p;
}

std::optional<NamePairing> BestNames(const v1::MatchForm& a, const v1::MatchForm& b) {
  std::optional<NamePairing> best;
  for (const v1::NameForm& na : a.names()) {
    for (const v1::NameForm& nb : b.names()) {
      for (bool swapped : {false, true}) {
        if (swapped && (na.given().empty() || nb.given().empty() || na.family().empty() || nb.family().empty())) {
          continue;
        }
        NamePairing p = PairNames(na, nb, swapped);
        // Swapped order counts only when both parts then agree closely;
        // otherwise random pairs would "swap" to pick up weak agreement.
        if (swapped && (p.forename > kFnJw88 || p.surname > kSnJw88)) continue;
        if (!best.has_value() || p.Rank() < best->Rank()) best = std::move(p);
      }
    }
  }
  return best;
}

// The place level from the postcode, street address and town levels of one
// pair of addresses (ComparePlace without comparing them again).
int8_t PlaceLevel(int8_t postcode, int8_t street, int8_t town) {
  if (postcode == kNull && street == kNull && town == kNull) return kNull;
  const bool same_street = street == kAdExact || street == kAdNumberStreet;
  const bool postcode_agrees = postcode == kPcFull || postcode == kPcOneEdit;
  if (same_street && (postcode_agrees || (postcode == kNull && town == kTnExact))) return kPlAddress;
  if (postcode == kPcFull) return kPlPostcode;
  if ((street == kAdStreet || same_street) && town == kTnExact) return kPlStreetTown;
  if (postcode == kPcOneEdit || postcode == kPcSector) return kPlSector;
  if (postcode == kPcDistrict) return kPlDistrict;
  if (postcode == kPcArea) return kPlArea;
  if (town == kTnExact) return kPlTown;
  return kPlElse;
}

struct AddressPairing {
  int8_t postcode = kNull;
  int8_t street = kNull;
  int8_t town = kNull;
  int8_t place = kNull;
  int Rank() const {
    return (postcode == kNull ? kPcElse : postcode) + (street == kNull ? kAdElse : street) +
           (town == kNull ? kTnElse : town) + (place == kNull ? kPlElse : place);
  }
};

std::optional<AddressPairing> BestAddresses(const v1::MatchForm& a, const v1::MatchForm& b) {
  std::optional<AddressPairing> best;
  for (const v1::AddressForm& aa : a.addresses()) {
    for (const v1::AddressForm& ab : b.addresses()) {
      AddressPairing p{ComparePostcode(aa, ab), CompareStreetAddress(aa, ab), CompareTown(aa, ab)};
      p.place = PlaceLevel(p.postcode, p.street, p.town);
      if (!best.has_value() || p.Rank() < best->Rank()) best = p;
    }
  }
  return best;
}

}  // namespace

const std::vector<std::string>& LevelNames(ComparisonKind kind) {
  static const auto* const kForename = new std::vector<std::string>{
      "exact", "jw92", "jw88", "nickname", "phonetic", "initial", "middle", "jw70", "else"};
  static const auto* const kSurname =
      new std::vector<std::string>{"exact", "jw92", "part", "jw88", "phonetic", "jw70", "else"};
  static const auto* const kNameOrder = new std::vector<std::string>{"straight", "swapped"};
  static const auto* const kDob = new std::vector<std::string>{
      "exact", "day_month_swap", "one_edit", "within_month", "within_year", "else"};
  static const auto* const kPostcode =
      new std::vector<std::string>{"full", "one_edit", "sector", "district", "area", "else"};
  static const auto* const kAddress =
      new std::vector<std::string>{"exact", "number_street", "street", "number", "else"};
  static const auto* const kTown = new std::vector<std::string>{"exact", "jw88", "else"};
  static const auto* const kIdentifier = new std::vector<std::string>{"agree", "one_edit", "disagree"};
  static const auto* const kPlace = new std::vector<std::string>{
      "address", "postcode", "street_town", "sector", "district", "area", "town", "else"};
  switch (kind) {
    case ComparisonKind::kForename: return *kForename;
    case ComparisonKind::kSurname: return *kSurname;
    case ComparisonKind::kNameOrder: return *kNameOrder;
    case ComparisonKind::kDob: return *kDob;
    case ComparisonKind::kPostcode: return *kPostcode;
    case ComparisonKind::kAddress: return *kAddress;
    case ComparisonKind::kTown: return *kTown;
    case ComparisonKind::kPlace: return *kPlace;
    case ComparisonKind::kIdentifier: return *kIdentifier;
  }
  return *kIdentifier;
}

absl::StatusOr<ComparisonSpec> ParseComparisonName(absl::string_view name) {
  static const std::pair<absl::string_view, ComparisonKind> kNames[] = {
      {"forename", ComparisonKind::kForename}, {"surname", ComparisonKind::kSurname},
      {"name_order", ComparisonKind::kNameOrder}, {"dob", ComparisonKind::kDob},
      {"postcode", ComparisonKind::kPostcode}, {"address", ComparisonKind::kAddress},
      {"town", ComparisonKind::kTown}, {"place", ComparisonKind::kPlace}};
  for (const auto& [n, kind] : kNames) {
    if (name == n) return ComparisonSpec{kind, ""};
  }
  if (absl::StartsWith(name, "id:") && name.size() > 3) {
    return ComparisonSpec{ComparisonKind::kIdentifier, std::string(name.substr(3))};
  }
  return absl::InvalidArgumentError(
      "unknown comparison; expected forename, surname, name_order, dob, postcode, address, town, place or "
      "id:<TYPE>");
}

v1::NameForm SwapNameParts(const v1::NameForm& name) {
  v1::NameForm swapped;
  swapped.set_alias(name.alias());
  if (!name.family_joined().empty()) swapped.add_given(name.family_joined());
  swapped.set_given_phonetic(name.family_phonetic());
  swapped.set_given_phonetic_alt(name.family_phonetic_alt());
  if (!name.given().empty()) {
    swapped.add_family(name.given(0));
    swapped.set_family_joined(name.given(0));
  }
  swapped.set_family_phonetic(name.given_phonetic());
  swapped.set_family_phonetic_alt(name.given_phonetic_alt());
  return swapped;
}

int8_t CompareForename(const v1::NameForm& a, const v1::NameForm& b) {
  if (a.given().empty() || b.given().empty()) return kNull;
  const std::string& x = a.given(0);
  const std::string& y = b.given(0);
  if (x == y) return kFnExact;
  const bool initial_only = x.size() == 1 || y.size() == 1;
  if (initial_only) return x[0] == y[0] ? kFnInitial : kFnElse;
  const double jw = JaroWinkler(x, y);
  if (jw >= 0.92) return kFnJw92;
  if (jw >= 0.88) return kFnJw88;
  if (normalise::AreNicknames(x, y)) return kFnNickname;
  if (PhoneticAgrees(a.given_phonetic(), a.given_phonetic_alt(), b.given_phonetic(), b.given_phonetic_alt())) {
    return kFnPhonetic;
  }
  for (int i = 1; i < b.given_size(); ++i) {
    if (b.given(i) == x) return kFnMiddle;
  }
  for (int i = 1; i < a.given_size(); ++i) {
    if (a.given(i) == y) return kFnMiddle;
  }
  return jw >= 0.70 ? kFnJw70 : kFnElse;
}

int8_t CompareSurname(const v1::NameForm& a, const v1::NameForm& b) {
  if (a.family_joined().empty() || b.family_joined().empty()) return kNull;
  const std::string& x = a.family_joined();
  const std::string& y = b.family_joined();
  if (x == y) return kSnExact;
  const double jw = JaroWinkler(x, y);
  if (jw >= 0.92) return kSnJw92;
  if (a.family_size() > 1 || b.family_size() > 1) {
    for (const std::string& ta : a.family()) {
      for (const std::string& tb : b.family()) {
        if (ta.size() > 1 && ta == tb) return kSnPart;
      }
    }
  }
  if (jw >= 0.88) return kSnJw88;
  if (PhoneticAgrees(a.family_phonetic(), a.family_phonetic_alt(), b.family_phonetic(),
                     b.family_phonetic_alt())) {
    return kSnPhonetic;
  }
  return jw >= 0.70 ? kSnJw70 : kSnElse;
}

int8_t CompareDob(const v1::DateForm& a, const v1::DateForm& b) {
  if (!HasDob(a) || !HasDob(b)) return kNull;
  if (a.digits() == b.digits()) return kDobExact;
  if (a.year() == b.year() && a.month() == b.day() && a.day() == b.month()) return kDobDayMonthSwap;
  if (text::WithinOneEdit(a.digits(), b.digits()) && a.digits().size() == b.digits().size()) return kDobOneEdit;
  normalise::DateOfBirth da{a.year(), a.month(), a.day(), a.valid(), a.digits()};
  normalise::DateOfBirth db{b.year(), b.month(), b.day(), b.valid(), b.digits()};
  const std::optional<int> days = normalise::DaysApart(da, db);
  if (days.has_value() && *days <= 31) return kDobWithinMonth;
  if (days.has_value() && *days <= 365) return kDobWithinYear;
  return kDobElse;
}

int8_t ComparePostcode(const v1::AddressForm& a, const v1::AddressForm& b) {
  if (a.postcode().empty() || b.postcode().empty()) return kNull;
  if (a.postcode() == b.postcode()) return kPcFull;
  if (text::WithinOneEdit(a.postcode(), b.postcode())) return kPcOneEdit;
  if (!a.postcode_sector().empty() && a.postcode_sector() == b.postcode_sector()) return kPcSector;
  if (!a.postcode_district().empty() && a.postcode_district() == b.postcode_district()) return kPcDistrict;
  if (!a.postcode_area().empty() && a.postcode_area() == b.postcode_area()) return kPcArea;
  return kPcElse;
}

int8_t CompareStreetAddress(const v1::AddressForm& a, const v1::AddressForm& b) {
  const bool a_empty = a.numbers().empty() && a.street().empty();
  const bool b_empty = b.numbers().empty() && b.street().empty();
  if (a_empty || b_empty) return kNull;
  const bool numbers = NumbersEqual(a, b);
  const bool street_known = !a.street().empty() && !b.street().empty();
  if (numbers && a.street() == b.street()) return kAdExact;
  const bool street_similar = street_known && JaroWinkler(a.street(), b.street()) >= 0.88;
  if (numbers && street_similar) return kAdNumberStreet;
  if (street_similar) return kAdStreet;
  if (numbers) return kAdNumber;
  return kAdElse;
}

int8_t CompareTown(const v1::AddressForm& a, const v1::AddressForm& b) {
  if (a.town().empty() || b.town().empty()) return kNull;
  if (a.town() == b.town()) return kTnExact;
  return JaroWinkler(a.town(), b.town()) >= 0.88 ? kTnJw88 : kTnElse;
}

int8_t ComparePlace(const v1::AddressForm& a, const v1::AddressForm& b) {
  return PlaceLevel(ComparePostcode(a, b), CompareStreetAddress(a, b), CompareTown(a, b));
}

int8_t CompareIdentifier(const v1::MatchForm& a, const v1::MatchForm& b, absl::string_view type) {
  int8_t best = kNull;
  for (const v1::IdentifierForm& ia : a.identifiers()) {
    if (ia.type() != type) continue;
    for (const v1::IdentifierForm& ib : b.identifiers()) {
      if (ib.type() != type) continue;
      int8_t level = kIdDisagree;
      if (ia.value() == ib.value()) {
        level = kIdAgree;
      } else if (text::WithinOneEdit(ia.value(), ib.value())) {
        level = kIdOneEdit;
      }
      if (best == kNull || level < best) best = level;
    }
  }
  return best;
}

ComparisonVector Compare(const v1::MatchForm& a, const v1::MatchForm& b, const std::vector<ComparisonSpec>& specs) {
  ComparisonVector out;
  out.levels.assign(specs.size(), kNull);
  out.agreed_values.assign(specs.size(), std::string());
  const std::optional<NamePairing> names = BestNames(a, b);
  const std::optional<AddressPairing> addresses = BestAddresses(a, b);
  if (names.has_value()) out.via_alias = names->alias;
  for (size_t i = 0; i < specs.size(); ++i) {
    int8_t& level = out.levels[i];
    switch (specs[i].kind) {
      case ComparisonKind::kForename:
        if (names.has_value()) {
          level = names->forename;
          out.agreed_values[i] = names->forename_value;
        }
        break;
      case ComparisonKind::kSurname:
        if (names.has_value()) {
          level = names->surname;
          out.agreed_values[i] = names->surname_value;
        }
        break;
      case ComparisonKind::kNameOrder:
        // Only defined when both parts agree closely in the order chosen:
        // then it says whether they did so swapped, which is rarer for the
        // same person than for two people who happen to share names.
        if (names.has_value() && names->forename != kNull && names->surname != kNull &&
            names->forename <= kFnJw88 && names->surname <= kSnJw88) {
          level = names->swapped ? kSwapped : kStraight;
        }
        break;
      case ComparisonKind::kDob:
        level = CompareDob(a.dob(), b.dob());
        break;
      case ComparisonKind::kPostcode:
        if (addresses.has_value()) level = addresses->postcode;
        break;
      case ComparisonKind::kAddress:
        if (addresses.has_value()) level = addresses->street;
        break;
      case ComparisonKind::kTown:
        if (addresses.has_value()) level = addresses->town;
        break;
      case ComparisonKind::kPlace:
        if (addresses.has_value()) level = addresses->place;
        break;
      case ComparisonKind::kIdentifier:
        level = CompareIdentifier(a, b, specs[i].identifier_type);
        break;
    }
  }
  return out;
}

}  // namespace liaison::matching
