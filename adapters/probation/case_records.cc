#include "adapters/probation/case_records.h"

#include <optional>
#include <string>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "adapters/common/csv_fields.h"
#include "adapters/probation/case_events.h"
#include "broker/common/crypto.h"
#include "broker/common/status_macros.h"
#include "broker/ctl/offender_csv.h"
#include "broker/validation/offender_validation.h"
#include "google/protobuf/descriptor.h"

namespace liaison::adapters::probation {
namespace {

constexpr size_t kRecordDigestHexChars = 16;
constexpr size_t kDateOfBirthColumn = 7;
static_assert(ctl::kOffenderCsvColumns[kDateOfBirthColumn] == "date_of_birth");

// `text` as a value of `type` named `prefix` + upper-cased text, or
// "path: is not one of ...".
absl::StatusOr<int> EnumValue(const google::protobuf::EnumDescriptor* type, absl::string_view prefix,
                              absl::string_view path, absl::string_view text) {
  const auto* value = type->FindValueByName(absl::StrCat(prefix, absl::AsciiStrToUpper(text)));
  if (value != nullptr && value->number() != 0) return value->number();
  std::vector<std::string> allowed;
  for (int i = 0; i < type->value_count(); ++i) {
    if (type->value(i)->number() != 0) allowed.emplace_back(absl::StripPrefix(type->value(i)->name(), prefix));
  }
  return JsonFieldError(path, absl::StrCat("is not one of ", absl::StrJoin(allowed, ", ")));
}

void AddIdentifier(api::IdentifierType type, const std::optional<std::string>& value, api::OffenderRecord* record) {
  if (!value.has_value()) return;
  api::Identifier* id = record->add_identifiers();
  id->set_type(type);
  id->set_value(*value);
}

absl::StatusOr<api::PersonName> ReadName(const JsonObject& object) {
  api::PersonName name;
  ASSIGN_OR_RETURN(std::optional<std::string> given, object.OptionalString("givenNames"));
  ASSIGN_OR_RETURN(std::optional<std::string> family, object.OptionalString("familyName"));
  name.set_given_names(given.value_or(""));
  name.set_family_name(family.value_or(""));
  return name;
}

// A staff member object {staffCode, name, teamCode}; nullopt when absent.
absl::StatusOr<std::optional<api::StaffMember>> ReadStaff(const JsonObject& record, absl::string_view key) {
  ASSIGN_OR_RETURN(std::optional<JsonObject> object, record.OptionalObject(key));
  if (!object.has_value()) return std::optional<api::StaffMember>();
  api::StaffMember staff;
  ASSIGN_OR_RETURN(std::optional<std::string> code, object->OptionalString("staffCode"));
  ASSIGN_OR_RETURN(std::optional<std::string> name, object->OptionalString("name"));
  ASSIGN_OR_RETURN(std::optional<std::string> team, object->OptionalString("teamCode"));
  staff.set_staff_code(code.value_or(""));
  staff.set_name(name.value_or(""));
  staff.set_team_code(team.value_or(""));
  return std::optional<api::StaffMember>(std::move(staff));
}

absl::Status ReadPerson(const JsonObject& record, api::OffenderRecord* out) {
  ASSIGN_OR_RETURN(std::string crn, record.RequiredString("crn"));
  out->set_crn(std::move(crn));
  ASSIGN_OR_RETURN(std::optional<std::string> pnc, record.OptionalString("pnc"));
  ASSIGN_OR_RETURN(std::optional<std::string> cro, record.OptionalString("cro"));
  ASSIGN_OR_RETURN(std::optional<std::string> noms, record.OptionalString("noms"));
  AddIdentifier(api::IDENTIFIER_TYPE_PNC, pnc, out);
  AddIdentifier(api::IDENTIFIER_TYPE_CRO, cro, out);
  AddIdentifier(api::IDENTIFIER_TYPE_NOMS, noms, out);
  ASSIGN_OR_RETURN(*out->mutable_name(), ReadName(record));
  ASSIGN_OR_RETURN(std::vector<JsonObject> aliases, record.ObjectArray("aliases"));
  for (const JsonObject& alias : aliases) {
    ASSIGN_OR_RETURN(*out->add_aliases(), ReadName(alias));
  }
  ASSIGN_OR_RETURN(std::optional<std::string> dob, record.OptionalDate("dateOfBirth"));
  if (dob.has_value()) out->set_date_of_birth(*dob);
  ASSIGN_OR_RETURN(std::vector<JsonObject> addresses, record.ObjectArray("addresses"));
  for (const JsonObject& object : addresses) {
    api::Address* address = out->add_addresses();
    ASSIGN_OR_RETURN(std::vector<std::string> lines, object.StringArray("lines"));
    for (std::string& line : lines) address->add_lines(std::move(line));
    ASSIGN_OR_RETURN(std::optional<std::string> town, object.OptionalString("town"));
    ASSIGN_OR_RETURN(std::optional<std::string> postcode, object.OptionalString("postcode"));
    address->set_town(town.value_or(""));
    address->set_postcode(postcode.value_or(""));
  }
  return absl::OkStatus();
}

absl::Status ReadCase(const JsonObject& record, api::OffenderRecord* out) {
  ASSIGN_OR_RETURN(std::optional<api::StaffMember> om, ReadStaff(record, "offenderManager"));
  ASSIGN_OR_RETURN(std::optional<api::StaffMember> co_worker, ReadStaff(record, "coWorker"));
  ASSIGN_OR_RETURN(std::optional<api::StaffMember> manager, ReadStaff(record, "manager"));
  if (om.has_value()) *out->mutable_offender_manager() = *om;
  if (co_worker.has_value()) *out->mutable_co_worker() = *co_worker;
  if (manager.has_value()) *out->mutable_manager() = *manager;
  ASSIGN_OR_RETURN(std::optional<std::string> team, record.OptionalString("teamCode"));
  ASSIGN_OR_RETURN(std::optional<std::string> area, record.OptionalString("areaCode"));
  out->set_team_code(team.value_or(""));
  out->set_area_code(area.value_or(""));
  ASSIGN_OR_RETURN(std::optional<std::string> rosh, record.OptionalString("roshLevel"));
  if (rosh.has_value()) {
    ASSIGN_OR_RETURN(int value, EnumValue(api::RoshLevel_descriptor(), "ROSH_LEVEL_", "roshLevel", *rosh));
    out->set_rosh_level(static_cast<api::RoshLevel>(value));
  }
  ASSIGN_OR_RETURN(int category, ReadMappaCode(record, "mappaCategory", 4));
  ASSIGN_OR_RETURN(int level, ReadMappaCode(record, "mappaLevel", 3));
  out->set_mappa_category(static_cast<api::MappaCategory>(category));
  out->set_mappa_level(static_cast<api::MappaLevel>(level));
  ASSIGN_OR_RETURN(std::vector<std::string> registrations, record.StringArray("registrations"));
  for (std::string& code : registrations) out->add_registrations(std::move(code));
  ASSIGN_OR_RETURN(std::optional<std::string> status, record.OptionalString("status"));
  if (status.has_value()) {
    ASSIGN_OR_RETURN(int value,
                     EnumValue(api::SupervisionStatus_descriptor(), "SUPERVISION_STATUS_", "status", *status));
    out->set_status(static_cast<api::SupervisionStatus>(value));
  }
  ASSIGN_OR_RETURN(std::optional<std::string> prison, record.OptionalString("prisonCode"));
  out->set_prison_code(prison.value_or(""));
  ASSIGN_OR_RETURN(std::vector<std::string> conditions, record.StringArray("licenceConditions"));
  for (std::string& condition : conditions) out->add_licence_conditions(std::move(condition));
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::vector<v1::Action>> UpsertActions(api::OffenderRecord record, absl::Time now) {
  RETURN_IF_ERROR(validation::ValidateOffender("offender", &record, absl::ToCivilYear(now, absl::UTCTimeZone())));
  // OffenderRecord has no map fields, so its serialisation is deterministic.
  const std::string digest = ToHex(Sha256({record.SerializeAsString()})).substr(0, kRecordDigestHexChars);
  v1::Action action;
  action.set_ref(absl::StrCat("case:", record.crn(), ":", digest));
  action.mutable_upsert_offender()->set_change_ref(action.ref());
  *action.mutable_upsert_offender()->mutable_offender() = std::move(record);
  std::vector<v1::Action> actions;
  actions.push_back(std::move(action));
  return actions;
}

absl::StatusOr<std::vector<v1::Action>> CaseRowActions(const CsvRow& row, absl::Time now) {
  ctl::OffenderCells cells;
  std::vector<bool> seen(ctl::kOffenderCsvColumns.size(), false);
  for (size_t i = 0; i < row.header.size(); ++i) {
    absl::string_view name = row.header[i];
    if (i == 0) absl::ConsumePrefix(&name, "\xEF\xBB\xBF");  // a UTF-8 byte order mark
    const std::string key = NormaliseColumnName(name);
    std::optional<size_t> column;
    for (size_t c = 0; c < ctl::kOffenderCsvColumns.size(); ++c) {
      if (NormaliseColumnName(ctl::kOffenderCsvColumns[c]) == key) column = c;
    }
    // Positions, not names: the header is input too.
    if (!column.has_value()) {
      return JsonFieldError(absl::StrCat("header column ", i + 1), "is not an offender CSV column");
    }
    if (seen[*column]) return JsonFieldError(absl::StrCat("header column ", i + 1), "repeats an earlier column");
    seen[*column] = true;
    if (i < row.fields.size()) cells[*column] = std::string(absl::StripAsciiWhitespace(row.fields[i]));
  }
  if (!seen[0]) return JsonFieldError("column crn", "is required");
  // Case management systems write dates in several shapes; the offender
  // CSV wants YYYY-MM-DD.
  std::string& dob = cells[kDateOfBirthColumn];
  if (!dob.empty()) {
    absl::StatusOr<std::string> normalised = NormaliseDate(dob);
    if (!normalised.ok()) return JsonFieldError("column date_of_birth", normalised.status().message());
    dob = *std::move(normalised);
  }
  ASSIGN_OR_RETURN(api::OffenderRecord record, ctl::OffenderFromCells(cells));
  return UpsertActions(std::move(record), now);
}

absl::StatusOr<std::vector<v1::Action>> CaseRecordActions(const JsonObject& record, absl::Time now) {
  api::OffenderRecord offender;
  RETURN_IF_ERROR(ReadPerson(record, &offender));
  RETURN_IF_ERROR(ReadCase(record, &offender));
  return UpsertActions(std::move(offender), now);
}

}  // namespace liaison::adapters::probation
