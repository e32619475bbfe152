#include "broker/matching/form_builder.h"

#include "absl/strings/str_join.h"
#include "broker/identifiers/identifiers.h"
#include "broker/matching/normalise/address.h"
#include "broker/matching/normalise/date_of_birth.h"
#include "broker/matching/text/double_metaphone.h"

namespace liaison::matching {
namespace {

bool SameName(const v1::NameForm& a, const v1::NameForm& b) {
  return a.family_joined() == b.family_joined() &&
         std::equal(a.given().begin(), a.given().end(), b.given().begin(), b.given().end());
}

v1::NameForm ToForm(const normalise::NormalisedName& name, bool alias) {
  v1::NameForm form;
  for (const std::string& g : name.given) form.add_given(g);
  for (const std::string& f : name.family) form.add_family(f);
  form.set_family_joined(name.family_joined);
  form.set_alias(alias);
  if (!name.given.empty()) {
    text::MetaphoneCodes codes = text::DoubleMetaphone(name.given[0]);
    form.set_given_phonetic(codes.primary);
    form.set_given_phonetic_alt(codes.alternate);
  }
  if (!name.family_joined.empty()) {
    text::MetaphoneCodes codes = text::DoubleMetaphone(name.family_joined);
    form.set_family_phonetic(codes.primary);
    form.set_family_phonetic_alt(codes.alternate);
  }
  return form;
}

}  // namespace

void FormBuilder::AddNames(const RawPerson::Name& name, bool alias, v1::MatchForm* form) const {
  for (const normalise::NormalisedName& n : names_->Normalise(name.given, name.family)) {
    v1::NameForm candidate = ToForm(n, alias);
    bool seen = false;
    for (const v1::NameForm& existing : form->names()) seen = seen || SameName(existing, candidate);
    if (!seen) *form->add_names() = std::move(candidate);
  }
}

v1::MatchForm FormBuilder::Build(const RawPerson& person, std::string id) const {
  v1::MatchForm form;
  form.set_id(std::move(id));
  for (const auto& [type, value] : person.identifiers) {
    if (value.empty()) continue;
    v1::IdentifierForm* f = form.add_identifiers();
    f->set_type(type);
    f->set_value(value);
  }
  AddNames(person.name, false, &form);
  for (const RawPerson::Name& alias : person.aliases) AddNames(alias, true, &form);
  if (std::optional<normalise::DateOfBirth> dob = normalise::ParseDateOfBirth(person.date_of_birth)) {
    v1::DateForm* d = form.mutable_dob();
    d->set_year(dob->year);
    d->set_month(dob->month);
    d->set_day(dob->day);
    d->set_valid(dob->valid);
    d->set_digits(dob->digits);
  }
  for (const RawPerson::Address& address : person.addresses) {
    normalise::NormalisedAddress a = normalise::NormaliseAddress(*names_, address.lines, address.town, address.postcode);
    if (a.empty()) continue;
    v1::AddressForm* f = form.add_addresses();
    for (const std::string& n : a.numbers) f->add_numbers(n);
    f->set_street(a.street_joined);
    f->set_town(a.town);
    if (a.postcode.has_value()) {
      f->set_postcode(a.postcode->full);
      f->set_postcode_sector(a.postcode->sector);
      f->set_postcode_district(a.postcode->district);
      f->set_postcode_area(a.postcode->area);
    }
  }
  return form;
}

RawPerson RawFromDescriptor(const liaison::v1::PersonDescriptor& person) {
  RawPerson raw;
  for (const liaison::v1::Identifier& id : person.identifiers()) {
    raw.identifiers.emplace_back(std::string(identifiers::TypeName(id.type())), id.value());
  }
  raw.name = {person.name().given_names(), person.name().family_name()};
  for (const liaison::v1::PersonName& alias : person.aliases()) {
    raw.aliases.push_back({alias.given_names(), alias.family_name()});
  }
  raw.date_of_birth = person.date_of_birth();
  for (const liaison::v1::Address& a : person.addresses()) {
    raw.addresses.push_back({{a.lines().begin(), a.lines().end()}, a.town(), a.postcode()});
  }
  return raw;
}

v1::MatchForm FormBuilder::FromDescriptor(const liaison::v1::PersonDescriptor& person, std::string id) const {
  return Build(RawFromDescriptor(person), std::move(id));
}

v1::MatchForm FormBuilder::FromOffender(const liaison::v1::OffenderRecord& record) const {
  liaison::v1::PersonDescriptor person;
  liaison::v1::Identifier* crn = person.add_identifiers();
  crn->set_type(liaison::v1::IDENTIFIER_TYPE_CRN);
  crn->set_value(record.crn());
  for (const liaison::v1::Identifier& id : record.identifiers()) *person.add_identifiers() = id;
  *person.mutable_name() = record.name();
  *person.mutable_aliases() = record.aliases();
  person.set_date_of_birth(record.date_of_birth());
  *person.mutable_addresses() = record.addresses();
  return FromDescriptor(person, record.crn());
}

}  // namespace liaison::matching
