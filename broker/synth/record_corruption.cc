#include "broker/synth/record_corruption.h"

#include "absl/strings/str_cat.h"
#include "broker/synth/addresses.h"
#include "broker/synth/text_noise.h"

namespace liaison::synth {
namespace {

using liaison::v1::IdentifierType;

Corruption MissingCorruption(IdentifierType type) {
  switch (type) {
    case liaison::v1::IDENTIFIER_TYPE_PNC:
      return Corruption::kPncMissing;
    case liaison::v1::IDENTIFIER_TYPE_CRO:
      return Corruption::kCroMissing;
    case liaison::v1::IDENTIFIER_TYPE_NOMS:
      return Corruption::kNomsMissing;
    default:
      return Corruption::kCrnMissing;
  }
}

void AddIdentifier(IdentifierType type, const std::string& value, liaison::v1::PersonDescriptor& person) {
  liaison::v1::Identifier* identifier = person.add_identifiers();
  identifier->set_type(type);
  identifier->set_value(value);
}

}  // namespace

void ShareIdentifiersAndAliases(Corrupter& corrupter, const liaison::v1::OffenderRecord& truth,
                                liaison::v1::PersonDescriptor& person) {
  for (const liaison::v1::Identifier& identifier : truth.identifiers()) {
    if (!corrupter.Roll(MissingCorruption(identifier.type()))) {
      AddIdentifier(identifier.type(), identifier.value(), person);
    }
  }
  if (!truth.crn().empty() && !corrupter.Roll(Corruption::kCrnMissing)) {
    AddIdentifier(liaison::v1::IDENTIFIER_TYPE_CRN, truth.crn(), person);
  }
  if (!truth.aliases().empty() && !corrupter.Roll(Corruption::kAliasesMissing)) {
    *person.mutable_aliases() = truth.aliases();
  }
}

std::string CorruptDateOfBirth(Corrupter& corrupter, const std::string& dob) {
  if (corrupter.Roll(Corruption::kDobMissing)) return "";
  std::string typed = dob;
  const std::string month = dob.substr(5, 2);
  const std::string day = dob.substr(8, 2);
  if (month != day && corrupter.Roll(Corruption::kDobDayMonthSwap)) {
    typed = absl::StrCat(dob.substr(0, 4), "-", day, "-", month);
  }
  if (corrupter.Roll(Corruption::kDobDigitTypo)) typed = DigitTypo(typed, corrupter.rng());
  return typed;
}

void CorruptAddress(Corrupter& corrupter, const liaison::v1::OffenderRecord& truth,
                    liaison::v1::PersonDescriptor& person) {
  if (corrupter.Roll(Corruption::kAddressMissing)) return;
  const liaison::v1::Address& current = truth.addresses(0);
  liaison::v1::Address address = current;
  if (corrupter.Roll(Corruption::kAddressMoved)) {
    Rng& rng = corrupter.rng();
    const bool to_previous = truth.addresses_size() > 1 && rng.Chance(0.5);
    address = to_previous ? truth.addresses(1) : RandomAddress(rng);
    while (address.postcode() == current.postcode()) address = RandomAddress(rng);
  }
  if (corrupter.Roll(Corruption::kPostcodeTypo)) {
    address.set_postcode(PostcodeTypo(address.postcode(), corrupter.rng()));
  }
  *person.add_addresses() = std::move(address);
}

}  // namespace liaison::synth
