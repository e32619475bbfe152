#include "broker/validation/change_validation.h"

#include <optional>
#include <set>
#include <string>

#include "absl/strings/ascii.h"
#include "broker/common/status_macros.h"
#include "broker/identifiers/identifiers.h"
#include "broker/validation/field_checks.h"
#include "broker/validation/offender_validation.h"

namespace liaison::validation {
namespace {

constexpr size_t kMaxReasonChars = 200;
// As OffenderRecord.prison_code.
constexpr size_t kMaxPrisonCodeChars = 16;
constexpr absl::string_view kMappa = "MAPP";

bool IsChangeRefChar(char c) {
  return absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == ':' || c == '/' ||
         c == '-';
}

// A strong identifier under `path`, canonicalised in place. A placeholder is
// refused: it names nobody.
absl::Status CanonicalIdentifier(absl::string_view path, v1::Identifier* id, absl::CivilYear year) {
  if (id->type() == v1::IDENTIFIER_TYPE_UNSPECIFIED && id->value().empty()) return FieldError(path, "is required");
  if (id->type() == v1::IDENTIFIER_TYPE_UNSPECIFIED) return FieldError(Child(path, "type"), "is required");
  if (!v1::IdentifierType_IsValid(id->type())) return FieldError(Child(path, "type"), "is not a known value");
  if (id->value().empty()) return FieldError(Child(path, "value"), "is required");
  absl::StatusOr<std::optional<std::string>> canonical = identifiers::Canonicalize(id->type(), id->value(), year);
  if (!canonical.ok()) return FieldError(Child(path, "value"), canonical.status().message());
  if (!canonical->has_value()) return FieldError(Child(path, "value"), "is a placeholder, not an identifier");
  id->set_value(**std::move(canonical));
  return absl::OkStatus();
}

absl::Status ValidateCustody(const v1::CustodyChange& custody) {
  if (custody.status() == v1::SUPERVISION_STATUS_UNSPECIFIED) return FieldError("custody.status", "is required");
  if (!v1::SupervisionStatus_IsValid(custody.status())) return FieldError("custody.status", "is not a known value");
  const bool in_custody = custody.status() == v1::SUPERVISION_STATUS_IN_CUSTODY;
  if (custody.prison_code().empty()) {
    return in_custody ? FieldError("custody.prison_code", "is required when the status is SUPERVISION_STATUS_IN_CUSTODY")
                      : absl::OkStatus();
  }
  if (!in_custody) return FieldError("custody.prison_code", "is only allowed with SUPERVISION_STATUS_IN_CUSTODY");
  RETURN_IF_ERROR(CheckId("custody.prison_code", custody.prison_code()));
  if (custody.prison_code().size() > kMaxPrisonCodeChars) {
    return FieldError("custody.prison_code", "is longer than 16 characters");
  }
  return absl::OkStatus();
}

// Upper-cases each code and checks it is a known registration.
absl::Status CanonicalCodes(absl::string_view path, google::protobuf::RepeatedPtrField<std::string>* codes) {
  for (int i = 0; i < codes->size(); ++i) {
    std::string& code = *codes->Mutable(i);
    absl::AsciiStrToUpper(&code);
    if (!IsKnownRegistration(code)) return FieldError(Indexed(path, i), "is not a known registration code");
  }
  return absl::OkStatus();
}

absl::Status ValidateRegistrations(v1::RegistrationChange* change) {
  RETURN_IF_ERROR(CanonicalCodes("registrations.add", change->mutable_add()));
  RETURN_IF_ERROR(CanonicalCodes("registrations.remove", change->mutable_remove()));
  const std::set<std::string> added(change->add().begin(), change->add().end());
  bool removes_mappa = false;
  for (int i = 0; i < change->remove_size(); ++i) {
    if (added.contains(change->remove(i))) return FieldError(Indexed("registrations.remove", i), "is also in add");
    removes_mappa = removes_mappa || change->remove(i) == kMappa;
  }
  if (!v1::MappaCategory_IsValid(change->mappa_category())) {
    return FieldError("registrations.mappa_category", "is not a known value");
  }
  if (!v1::MappaLevel_IsValid(change->mappa_level())) return FieldError("registrations.mappa_level", "is not a known value");
  if (!v1::RoshLevel_IsValid(change->rosh_level())) return FieldError("registrations.rosh_level", "is not a known value");
  if (removes_mappa && change->mappa_category() != v1::MAPPA_CATEGORY_UNSPECIFIED) {
    return FieldError("registrations.mappa_category", "cannot be set while MAPP is removed");
  }
  if (removes_mappa && change->mappa_level() != v1::MAPPA_LEVEL_UNSPECIFIED) {
    return FieldError("registrations.mappa_level", "cannot be set while MAPP is removed");
  }
  if (change->add().empty() && change->remove().empty() && change->mappa_category() == v1::MAPPA_CATEGORY_UNSPECIFIED &&
      change->mappa_level() == v1::MAPPA_LEVEL_UNSPECIFIED && change->rosh_level() == v1::ROSH_LEVEL_UNSPECIFIED) {
    return FieldError("registrations", "changes nothing: give add, remove or a level");
  }
  return absl::OkStatus();
}

absl::Status ValidateIdentifierChange(const v1::Identifier& person, v1::IdentifierChange* change,
                                      absl::CivilYear year) {
  RETURN_IF_ERROR(CanonicalIdentifier("identifier.replacement", change->mutable_replacement(), year));
  const v1::Identifier& replacement = change->replacement();
  if (replacement.type() == v1::IDENTIFIER_TYPE_CRN) {
    return FieldError("identifier.replacement.type", "a CRN is the record's key and cannot be replaced");
  }
  if (person.type() != v1::IDENTIFIER_TYPE_CRN && person.type() != replacement.type()) {
    return FieldError("identifier.replacement.type", "must be the type of person (or give person as a CRN)");
  }
  if (person.type() == replacement.type() && person.value() == replacement.value()) {
    return FieldError("identifier.replacement", "is the identifier person already names");
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status ValidateChangeRef(absl::string_view change_ref) {
  if (change_ref.size() > kMaxChangeRefChars) {
    return FieldError("change_ref", "is longer than 128 characters");
  }
  for (char c : change_ref) {
    if (!IsChangeRefChar(c)) return FieldError("change_ref", "may hold only letters, digits and . _ : / -");
  }
  return absl::OkStatus();
}

absl::Status ValidateApplyChange(v1::ApplyChangeRequest* request, absl::Time now) {
  const absl::CivilYear year = absl::ToCivilYear(now, absl::UTCTimeZone());
  RETURN_IF_ERROR(CanonicalIdentifier("person", request->mutable_person(), year));
  RETURN_IF_ERROR(CheckTimestamp("occurred_at", request->occurred_at(), now, true));
  RETURN_IF_ERROR(CheckText("reason", request->reason(), kMaxReasonChars, false));
  switch (request->change_case()) {
    case v1::ApplyChangeRequest::kCustody:
      return ValidateCustody(request->custody());
    case v1::ApplyChangeRequest::kRegistrations:
      return ValidateRegistrations(request->mutable_registrations());
    case v1::ApplyChangeRequest::kIdentifier:
      return ValidateIdentifierChange(request->person(), request->mutable_identifier(), year);
    case v1::ApplyChangeRequest::CHANGE_NOT_SET:
      break;
  }
  return FieldError("change", "one of custody, registrations or identifier is required");
}

}  // namespace liaison::validation
