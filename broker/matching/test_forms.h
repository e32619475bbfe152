#ifndef LIAISON_BROKER_MATCHING_TEST_FORMS_H_
#define LIAISON_BROKER_MATCHING_TEST_FORMS_H_

// Test helpers for the matcher's tests: one real NameNormaliser shared by the
// test binary, and match forms built from plain values through FormBuilder
// (so phonetic codes and tokens are the real ones) or by hand.

#include <cctype>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_format.h"
#include "broker/matching/form_builder.h"
#include "broker/matching/normalise/name_normaliser.h"
#include "liaison/matching/v1/match_form.pb.h"

namespace liaison::matching::testing_forms {

inline const normalise::NameNormaliser& Names() {
  static const normalise::NameNormaliser* const names = [] {
    absl::StatusOr<std::unique_ptr<normalise::NameNormaliser>> created = normalise::NameNormaliser::Create();
    if (!created.ok()) {
      std::cerr << "NameNormaliser::Create: " << created.status() << "\n";
      std::abort();
    }
    return created->release();
  }();
  return *names;
}

inline const FormBuilder& Builder() {
  static const FormBuilder* const builder = new FormBuilder(&Names());
  return *builder;
}

// A person described field by field; empty fields are left out.
struct PersonSpec {
  std::string given{};
  std::string family{};
  std::string dob{};   // YYYY-MM-DD
  std::string line{};  // one address line, e.g. "12 High Street"
  std::string town{};
  std::string postcode{};
  std::vector<std::pair<std::string, std::string>> ids{};  // (type, value)
  std::vector<RawPerson::Name> aliases{};
};

inline RawPerson Raw(const PersonSpec& spec) {
  RawPerson raw;
  raw.name = {spec.given, spec.family};
  raw.aliases = spec.aliases;
  raw.date_of_birth = spec.dob;
  raw.identifiers = spec.ids;
  if (!spec.line.empty() || !spec.town.empty() || !spec.postcode.empty()) {
    RawPerson::Address address;
    if (!spec.line.empty()) address.lines.push_back(spec.line);
    address.town = spec.town;
    address.postcode = spec.postcode;
    raw.addresses.push_back(std::move(address));
  }
  return raw;
}

inline v1::MatchForm Form(const PersonSpec& spec, std::string id = "") {
  return Builder().Build(Raw(spec), std::move(id));
}

// A form with names only.
inline v1::MatchForm Named(const std::string& given, const std::string& family) {
  return Form({.given = given, .family = family});
}

// A date of birth by hand: `valid` is what the caller says it is.
inline v1::DateForm Date(int year, int month, int day, bool valid = true) {
  v1::DateForm d;
  d.set_year(year);
  d.set_month(month);
  d.set_day(day);
  d.set_valid(valid);
  d.set_digits(absl::StrFormat("%04d%02d%02d", year, month, day));
  return d;
}

// An address by hand. `postcode` is compact lower case ("sw1a1aa"); its
// sector, district and area are derived as the UK normaliser does for the
// shapes used in the tests (outward part = all but the last three
// characters).
inline v1::AddressForm Address(std::vector<std::string> numbers, const std::string& street, const std::string& town,
                               const std::string& postcode) {
  v1::AddressForm a;
  for (std::string& n : numbers) a.add_numbers(std::move(n));
  a.set_street(street);
  a.set_town(town);
  if (!postcode.empty()) {
    const std::string outward = postcode.substr(0, postcode.size() - 3);
    size_t letters = 0;
    while (letters < outward.size() && std::isalpha(static_cast<unsigned char>(outward[letters]))) ++letters;
    a.set_postcode(postcode);
    a.set_postcode_sector(postcode.substr(0, outward.size() + 1));
    a.set_postcode_district(outward);
    a.set_postcode_area(outward.substr(0, letters));
  }
  return a;
}

inline v1::MatchForm WithAddress(v1::AddressForm address) {
  v1::MatchForm form;
  *form.add_addresses() = std::move(address);
  return form;
}

inline v1::MatchForm WithDob(v1::DateForm dob) {
  v1::MatchForm form;
  *form.mutable_dob() = std::move(dob);
  return form;
}

inline v1::MatchForm WithIds(std::vector<std::pair<std::string, std::string>> ids) {
  v1::MatchForm form;
  for (auto& [type, value] : ids) {
    v1::IdentifierForm* id = form.add_identifiers();
    id->set_type(type);
    id->set_value(value);
  }
  return form;
}

}  // namespace liaison::matching::testing_forms

#endif  // LIAISON_BROKER_MATCHING_TEST_FORMS_H_
