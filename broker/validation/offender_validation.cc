#include "broker/validation/offender_validation.h"

#include <set>

#include "absl/strings/ascii.h"

#include "broker/common/status_macros.h"
#include "broker/identifiers/identifiers.h"
#include "broker/validation/field_checks.h"
#include "broker/validation/person_validation.h"

namespace liaison::validation {
namespace {

constexpr absl::string_view kRegistrations[] = {"MAPP", "RCPR", "RCCO", "ADVP", "ADVV", "REG30", "IMAR",
                                                "AVIS", "ARSO", "RLRH", "RMRH", "RHRH", "RVHR"};

absl::Status ValidateIdentity(absl::string_view path, v1::OffenderRecord* record, absl::CivilYear year) {
  auto crn = identifiers::CanonicalCrn(record->crn());
  if (record->crn().empty()) return FieldError(Child(path, "crn"), "is required");
  if (!crn.ok()) return FieldError(Child(path, "crn"), crn.status().message());
  record->set_crn(*crn);
  const std::string ids_path = Child(path, "identifiers");
  RETURN_IF_ERROR(CanonicalizeIdentifiers(ids_path, record->mutable_identifiers(), year));
  std::set<int> seen;
  for (int i = 0; i < record->identifiers_size(); ++i) {
    const v1::IdentifierType type = record->identifiers(i).type();
    if (type == v1::IDENTIFIER_TYPE_CRN) {
      return FieldError(Child(Indexed(ids_path, i), "type"), "the CRN belongs in the crn field");
    }
    if (!seen.insert(type).second) {
      return FieldError(Child(Indexed(ids_path, i), "type"), "at most one identifier of each type");
    }
  }
  RETURN_IF_ERROR(ValidateName(Child(path, "name"), record->name()));
  if (record->name().family_name().empty()) return FieldError(Child(path, "name.family_name"), "is required");
  if (record->aliases_size() > kMaxAliases) return FieldError(Child(path, "aliases"), "more than 20 aliases");
  for (int i = 0; i < record->aliases_size(); ++i) {
    RETURN_IF_ERROR(ValidateName(Indexed(Child(path, "aliases"), i), record->aliases(i)));
  }
  RETURN_IF_ERROR(CheckDateShape(Child(path, "date_of_birth"), record->date_of_birth()));
  return ValidateAddresses(Child(path, "addresses"), record->addresses());
}

absl::Status ValidateSupervision(absl::string_view path, const v1::OffenderRecord& record) {
  RETURN_IF_ERROR(ValidateStaff(Child(path, "offender_manager"), record.offender_manager()));
  RETURN_IF_ERROR(ValidateStaff(Child(path, "co_worker"), record.co_worker()));
  RETURN_IF_ERROR(ValidateStaff(Child(path, "manager"), record.manager()));
  if (!record.team_code().empty()) RETURN_IF_ERROR(CheckId(Child(path, "team_code"), record.team_code()));
  if (!record.area_code().empty()) RETURN_IF_ERROR(CheckId(Child(path, "area_code"), record.area_code()));
  if (!v1::RoshLevel_IsValid(record.rosh_level())) return FieldError(Child(path, "rosh_level"), "is not a known value");
  if (!v1::MappaCategory_IsValid(record.mappa_category())) {
    return FieldError(Child(path, "mappa_category"), "is not a known value");
  }
  if (!v1::MappaLevel_IsValid(record.mappa_level())) return FieldError(Child(path, "mappa_level"), "is not a known value");
  for (int i = 0; i < record.registrations_size(); ++i) {
    if (!IsKnownRegistration(record.registrations(i))) {
      return FieldError(Indexed(Child(path, "registrations"), i), "is not a known registration code");
    }
  }
  if (!v1::SupervisionStatus_IsValid(record.status())) return FieldError(Child(path, "status"), "is not a known value");
  RETURN_IF_ERROR(CheckText(Child(path, "prison_code"), record.prison_code(), 16, false));
  if (record.licence_conditions_size() > 30) return FieldError(Child(path, "licence_conditions"), "more than 30");
  for (int i = 0; i < record.licence_conditions_size(); ++i) {
    RETURN_IF_ERROR(CheckText(Indexed(Child(path, "licence_conditions"), i), record.licence_conditions(i), 1000,
                              false, TextKind::kMultiline));
  }
  return absl::OkStatus();
}

}  // namespace

bool IsKnownRegistration(absl::string_view code) {
  for (absl::string_view known : kRegistrations) {
    if (code == known) return true;
  }
  return false;
}

absl::Status ValidateStaff(absl::string_view path, const v1::StaffMember& staff) {
  if (staff.staff_code().empty()) {
    if (!staff.name().empty() || !staff.team_code().empty()) {
      return FieldError(Child(path, "staff_code"), "is required when a name or team is given");
    }
    return absl::OkStatus();
  }
  RETURN_IF_ERROR(CheckId(Child(path, "staff_code"), staff.staff_code()));
  RETURN_IF_ERROR(CheckText(Child(path, "name"), staff.name(), 100, false));
  if (!staff.team_code().empty()) RETURN_IF_ERROR(CheckId(Child(path, "team_code"), staff.team_code()));
  return absl::OkStatus();
}

absl::Status ValidateOffender(absl::string_view path, v1::OffenderRecord* record, absl::CivilYear year) {
  RETURN_IF_ERROR(ValidateIdentity(path, record, year));
  for (std::string& code : *record->mutable_registrations()) absl::AsciiStrToUpper(&code);
  return ValidateSupervision(path, *record);
}

}  // namespace liaison::validation
