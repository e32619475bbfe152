#ifndef LIAISON_BROKER_VALIDATION_PERSON_VALIDATION_H_
#define LIAISON_BROKER_VALIDATION_PERSON_VALIDATION_H_

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "liaison/v1/person.pb.h"

namespace liaison::validation {

// Limits on a person's descriptive fields.
inline constexpr size_t kMaxNameChars = 100;
inline constexpr int kMaxAliases = 20;
inline constexpr int kMaxAddresses = 10;
inline constexpr int kMaxAddressLines = 6;

// Checks a name's parts (each optional, at most kMaxNameChars).
absl::Status ValidateName(absl::string_view path, const v1::PersonName& name);

// Checks the addresses list of a person.
absl::Status ValidateAddresses(absl::string_view path,
                               const google::protobuf::RepeatedPtrField<v1::Address>& addresses);
absl::Status ValidateAddress(absl::string_view path, const v1::Address& address);

// Validates a descriptor and canonicalises its identifiers in place.
// `require_identity`: it must carry an identifier or a family name.
absl::Status ValidatePerson(absl::string_view path, v1::PersonDescriptor* person,
                            absl::CivilYear current_year, bool require_identity);

}  // namespace liaison::validation

#endif  // LIAISON_BROKER_VALIDATION_PERSON_VALIDATION_H_
