#include "broker/validation/person_validation.h"

#include "broker/common/status_macros.h"
#include "broker/validation/field_checks.h"

namespace liaison::validation {

absl::Status ValidateName(absl::string_view path, const v1::PersonName& name) {
  RETURN_IF_ERROR(CheckText(Child(path, "given_names"), name.given_names(), kMaxNameChars, false));
  return CheckText(Child(path, "family_name"), name.family_name(), kMaxNameChars, false);
}

absl::Status ValidateAddress(absl::string_view path, const v1::Address& address) {
  if (address.lines_size() > kMaxAddressLines) {
    return FieldError(Child(path, "lines"), "more than 6 lines");
  }
  for (int i = 0; i < address.lines_size(); ++i) {
    RETURN_IF_ERROR(CheckText(Indexed(Child(path, "lines"), i), address.lines(i), 100, false));
  }
  RETURN_IF_ERROR(CheckText(Child(path, "town"), address.town(), 60, false));
  return CheckText(Child(path, "postcode"), address.postcode(), 10, false);
}

absl::Status ValidateAddresses(absl::string_view path,
                               const google::protobuf::RepeatedPtrField<v1::Address>& addresses) {
  if (addresses.size() > kMaxAddresses) return FieldError(path, "more than 10 addresses");
  for (int i = 0; i < addresses.size(); ++i) {
    RETURN_IF_ERROR(ValidateAddress(Indexed(path, i), addresses[i]));
  }
  return absl::OkStatus();
}

absl::Status ValidatePerson(absl::string_view path, v1::PersonDescriptor* person,
                            absl::CivilYear current_year, bool require_identity) {
  RETURN_IF_ERROR(
      CanonicalizeIdentifiers(Child(path, "identifiers"), person->mutable_identifiers(), current_year));
  RETURN_IF_ERROR(ValidateName(Child(path, "name"), person->name()));
  if (person->aliases_size() > kMaxAliases) return FieldError(Child(path, "aliases"), "more than 20 aliases");
  for (int i = 0; i < person->aliases_size(); ++i) {
    RETURN_IF_ERROR(ValidateName(Indexed(Child(path, "aliases"), i), person->aliases(i)));
  }
  RETURN_IF_ERROR(CheckDateShape(Child(path, "date_of_birth"), person->date_of_birth()));
  RETURN_IF_ERROR(ValidateAddresses(Child(path, "addresses"), person->addresses()));
  if (require_identity && person->identifiers().empty() && person->name().family_name().empty()) {
    return FieldError(path, "must carry a strong identifier (PNC, CRO, NOMS or CRN) or a family name");
  }
  return absl::OkStatus();
}

}  // namespace liaison::validation
