#include "broker/matching/blocking.h"

#include <set>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "broker/matching/comparisons.h"
#include "broker/matching/text/double_metaphone.h"

namespace liaison::matching {
namespace {

constexpr absl::string_view kIdentifierPrefix = "id|";

std::string Phonetic(const std::string& word) { return text::DoubleMetaphone(word).primary; }

// The phonetic codes of a family name: the joined name and, for a
// double-barrelled name, each part.
std::vector<std::string> SurnameCodes(const v1::NameForm& name) {
  std::vector<std::string> codes;
  if (!name.family_phonetic().empty()) codes.push_back(name.family_phonetic());
  if (name.family_size() > 1) {
    for (const std::string& part : name.family()) {
      std::string code = Phonetic(part);
      if (!code.empty()) codes.push_back(std::move(code));
    }
  }
  return codes;
}

void AddNameKeys(const v1::NameForm& name, const std::string& dob, const v1::MatchForm& form,
                 std::set<std::string>* keys) {
  const std::string& fore = name.given_phonetic();
  const std::vector<std::string> surnames = SurnameCodes(name);
  for (const std::string& sur : surnames) {
    if (!dob.empty()) keys->insert(absl::StrCat("ds|", dob, "|", sur));
    if (!fore.empty()) keys->insert(absl::StrCat("nn|", fore, "|", sur));
  }
  if (!dob.empty() && !fore.empty()) keys->insert(absl::StrCat("df|", dob, "|", fore));
  for (const v1::AddressForm& address : form.addresses()) {
    if (address.postcode().empty()) continue;
    if (!name.family_joined().empty()) {
      keys->insert(absl::StrCat("pi|", address.postcode(), "|", name.family_joined().substr(0, 1)));
    }
    if (!fore.empty()) keys->insert(absl::StrCat("pf|", address.postcode(), "|", fore));
  }
}

// House number with the street's first word, phonetically: catches a
// record whose names, date of birth and postcode all carry typos.
void AddStreetKeys(const v1::MatchForm& form, std::set<std::string>* keys) {
  for (const v1::AddressForm& address : form.addresses()) {
    if (address.numbers().empty() || address.street().empty()) continue;
    const std::string first_word = address.street().substr(0, address.street().find(' '));
    const std::string code = Phonetic(first_word);
    if (!code.empty()) keys->insert(absl::StrCat("sn|", address.numbers(0), "|", code));
  }
}

void AddKeys(const v1::MatchForm& form, const std::string& dob, std::set<std::string>* keys) {
  for (const v1::NameForm& name : form.names()) AddNameKeys(name, dob, form, keys);
  if (dob.empty()) return;
  for (const v1::AddressForm& address : form.addresses()) {
    if (!address.postcode().empty()) keys->insert(absl::StrCat("dp|", dob, "|", address.postcode()));
  }
}

// Whether a date's (YYYYMMDD) day and month swapped is another date. A day
// above 12 is no month, and every date in the broker's index has a month
// from 01 to 12 (offender records are validated), so looking that variant
// up could find nothing: it would only cost reads.
bool DayCouldBeMonth(const std::string& digits) {
  if (digits.size() != 8) return false;
  const std::string month = digits.substr(4, 2);
  const std::string day = digits.substr(6, 2);
  return day != month && day >= "01" && day <= "12";
}

std::set<std::string> KeySet(const v1::MatchForm& form) {
  std::set<std::string> keys;
  for (const v1::IdentifierForm& id : form.identifiers()) {
    keys.insert(absl::StrCat(kIdentifierPrefix, id.type(), "|", id.value()));
  }
  AddKeys(form, form.dob().digits(), &keys);
  AddStreetKeys(form, &keys);
  return keys;
}

}  // namespace

std::vector<std::string> IndexKeys(const v1::MatchForm& form) {
  std::set<std::string> keys = KeySet(form);
  return {keys.begin(), keys.end()};
}

std::vector<std::string> QueryKeys(const v1::MatchForm& form) {
  std::set<std::string> keys = KeySet(form);
  v1::MatchForm swapped = form;
  for (v1::NameForm& name : *swapped.mutable_names()) name = SwapNameParts(name);
  AddKeys(swapped, form.dob().digits(), &keys);
  const std::string& digits = form.dob().digits();
  if (DayCouldBeMonth(digits)) {
    AddKeys(form, absl::StrCat(digits.substr(0, 4), digits.substr(6, 2), digits.substr(4, 2)), &keys);
  }
  return {keys.begin(), keys.end()};
}

bool IsIdentifierKey(absl::string_view key) { return absl::StartsWith(key, kIdentifierPrefix); }

}  // namespace liaison::matching
