#include "broker/ctl/offender_csv.h"

#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "broker/common/status_macros.h"
#include "google/protobuf/descriptor.h"
#include "liaison/v1/person.pb.h"

namespace liaison::ctl {
namespace {

// Positions in kOffenderCsvColumns.
enum Column : size_t {
  kCrn,
  kPnc,
  kCro,
  kNoms,
  kGivenNames,
  kFamilyName,
  kAliases,
  kDateOfBirth,
  kAddressLines,
  kTown,
  kPostcode,
  kOmStaffCode,
  kOmName,
  kOmTeam,
  kCoWorkerStaffCode,
  kCoWorkerName,
  kManagerStaffCode,
  kManagerName,
  kTeamCode,
  kAreaCode,
  kRoshLevel,
  kMappaCategory,
  kMappaLevel,
  kRegistrations,
  kStatus,
  kPrisonCode,
};
static_assert(kPrisonCode + 1 == kOffenderCsvColumns.size());

constexpr absl::string_view kUtf8Bom = "\xEF\xBB\xBF";

std::vector<std::string> SplitList(absl::string_view cell) {
  std::vector<std::string> items;
  for (absl::string_view item : absl::StrSplit(cell, '|')) {
    item = absl::StripAsciiWhitespace(item);
    if (!item.empty()) items.emplace_back(item);
  }
  return items;
}

// `cell` as a value of `type`, whose value names are `prefix` + the
// upper-cased cell; 0 (unspecified) for an empty cell or UNSPECIFIED (which
// the demo generator writes for an unset field).
absl::StatusOr<int> ParseEnumCell(const google::protobuf::EnumDescriptor* type,
                                  absl::string_view prefix, Column column, absl::string_view cell) {
  if (cell.empty()) return 0;
  const auto* value = type->FindValueByName(absl::StrCat(prefix, absl::AsciiStrToUpper(cell)));
  if (value != nullptr) return value->number();
  std::vector<std::string> allowed;
  for (int i = 0; i < type->value_count(); ++i) {
    if (type->value(i)->number() == 0) continue;
    allowed.emplace_back(absl::StripPrefix(type->value(i)->name(), prefix));
  }
  return absl::InvalidArgumentError(absl::StrCat("column ", kOffenderCsvColumns[column],
                                                 ": not one of ", absl::StrJoin(allowed, ", ")));
}

v1::PersonName AliasFrom(absl::string_view alias) {
  std::vector<absl::string_view> words =
      absl::StrSplit(alias, absl::ByAnyChar(" \t"), absl::SkipEmpty());
  v1::PersonName name;
  if (words.empty()) return name;
  name.set_family_name(std::string(words.back()));
  words.pop_back();
  name.set_given_names(absl::StrJoin(words, " "));
  return name;
}

void AddIdentifier(v1::IdentifierType type, const std::string& value, v1::OffenderRecord& record) {
  if (value.empty()) return;
  v1::Identifier* identifier = record.add_identifiers();
  identifier->set_type(type);
  identifier->set_value(value);
}

// Sets `staff` when any of its parts is non-empty (code_only: when the code is).
void SetStaff(const std::string& code, const std::string& name, const std::string& team,
              bool code_only, v1::StaffMember* (v1::OffenderRecord::*mutable_staff)(),
              v1::OffenderRecord& record) {
  if (code_only ? code.empty() : (code.empty() && name.empty() && team.empty())) return;
  v1::StaffMember* staff = (record.*mutable_staff)();
  staff->set_staff_code(code);
  staff->set_name(name);
  staff->set_team_code(team);
}

void SetPersonFields(const OffenderCells& cells, v1::OffenderRecord& record) {
  record.set_crn(cells[kCrn]);
  AddIdentifier(v1::IDENTIFIER_TYPE_PNC, cells[kPnc], record);
  AddIdentifier(v1::IDENTIFIER_TYPE_CRO, cells[kCro], record);
  AddIdentifier(v1::IDENTIFIER_TYPE_NOMS, cells[kNoms], record);
  if (!cells[kGivenNames].empty() || !cells[kFamilyName].empty()) {
    record.mutable_name()->set_given_names(cells[kGivenNames]);
    record.mutable_name()->set_family_name(cells[kFamilyName]);
  }
  for (const std::string& alias : SplitList(cells[kAliases])) {
    *record.add_aliases() = AliasFrom(alias);
  }
  record.set_date_of_birth(cells[kDateOfBirth]);
  std::vector<std::string> lines = SplitList(cells[kAddressLines]);
  if (!lines.empty() || !cells[kTown].empty() || !cells[kPostcode].empty()) {
    v1::Address* address = record.add_addresses();
    for (std::string& line : lines) address->add_lines(std::move(line));
    address->set_town(cells[kTown]);
    address->set_postcode(cells[kPostcode]);
  }
}

void SetCaseFields(const OffenderCells& cells, v1::OffenderRecord& record) {
  SetStaff(cells[kOmStaffCode], cells[kOmName], cells[kOmTeam], /*code_only=*/false,
           &v1::OffenderRecord::mutable_offender_manager, record);
  SetStaff(cells[kCoWorkerStaffCode], cells[kCoWorkerName], "", /*code_only=*/true,
           &v1::OffenderRecord::mutable_co_worker, record);
  SetStaff(cells[kManagerStaffCode], cells[kManagerName], "", /*code_only=*/true,
           &v1::OffenderRecord::mutable_manager, record);
  record.set_team_code(cells[kTeamCode]);
  record.set_area_code(cells[kAreaCode]);
  for (std::string& registration : SplitList(cells[kRegistrations])) {
    record.add_registrations(std::move(registration));
  }
  record.set_prison_code(cells[kPrisonCode]);
}

absl::Status SetEnumFields(const OffenderCells& cells, v1::OffenderRecord& record) {
  ASSIGN_OR_RETURN(const int rosh, ParseEnumCell(v1::RoshLevel_descriptor(), "ROSH_LEVEL_",
                                                 kRoshLevel, cells[kRoshLevel]));
  ASSIGN_OR_RETURN(const int category,
                   ParseEnumCell(v1::MappaCategory_descriptor(), "MAPPA_CATEGORY_", kMappaCategory,
                                 cells[kMappaCategory]));
  ASSIGN_OR_RETURN(const int level, ParseEnumCell(v1::MappaLevel_descriptor(), "MAPPA_LEVEL_",
                                                  kMappaLevel, cells[kMappaLevel]));
  ASSIGN_OR_RETURN(const int status, ParseEnumCell(v1::SupervisionStatus_descriptor(),
                                                   "SUPERVISION_STATUS_", kStatus, cells[kStatus]));
  record.set_rosh_level(static_cast<v1::RoshLevel>(rosh));
  record.set_mappa_category(static_cast<v1::MappaCategory>(category));
  record.set_mappa_level(static_cast<v1::MappaLevel>(level));
  record.set_status(static_cast<v1::SupervisionStatus>(status));
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<v1::OffenderRecord> OffenderFromCells(const OffenderCells& cells) {
  v1::OffenderRecord record;
  RETURN_IF_ERROR(SetEnumFields(cells, record));
  SetPersonFields(cells, record);
  SetCaseFields(cells, record);
  return record;
}

OffenderCsvReader::OffenderCsvReader(std::istream& in) : csv_(in) {}

absl::StatusOr<std::unique_ptr<OffenderCsvReader>> OffenderCsvReader::Open(std::istream& in) {
  std::unique_ptr<OffenderCsvReader> reader(new OffenderCsvReader(in));
  RETURN_IF_ERROR(reader->ReadHeader());
  return reader;
}

absl::Status OffenderCsvReader::ReadHeader() {
  ASSIGN_OR_RETURN(std::optional<csv::CsvRecord> header, csv_.Next());
  if (!header.has_value()) return absl::InvalidArgumentError("line 1: no header row");
  const int64_t line = header->line;
  absl::flat_hash_set<std::string> seen;
  for (size_t i = 0; i < header->fields.size(); ++i) {
    absl::string_view name = absl::StripAsciiWhitespace(header->fields[i]);
    if (i == 0) name = absl::StripAsciiWhitespace(absl::StripPrefix(name, kUtf8Bom));
    std::string column = absl::AsciiStrToLower(name);
    if (!seen.insert(column).second) {
      return absl::InvalidArgumentError(
          absl::StrCat("line ", line, ": header names column ", column, " twice"));
    }
    std::optional<size_t> known;
    for (size_t c = 0; c < kOffenderCsvColumns.size(); ++c) {
      if (kOffenderCsvColumns[c] == column) known = c;
    }
    if (!known.has_value()) {
      // A header names columns, not people: safe to quote.
      return absl::InvalidArgumentError(absl::StrCat("line ", line, ": column ", column,
                                                     " is not an offender CSV column (see docs/api.md)"));
    }
    column_of_field_.push_back(known);
    header_.push_back(std::move(column));
  }
  if (!seen.contains("crn")) {
    return absl::InvalidArgumentError(absl::StrCat("line ", line, ": header has no crn column"));
  }
  csv_.set_column_names(header_);
  return absl::OkStatus();
}

absl::StatusOr<v1::OffenderRecord> OffenderCsvReader::RecordFrom(const csv::CsvRecord& row) const {
  if (row.fields.size() != header_.size()) {
    return absl::InvalidArgumentError(absl::StrCat("line ", row.line, ": ", row.fields.size(),
                                                   " fields where the header has ",
                                                   header_.size()));
  }
  OffenderCells cells;
  for (size_t i = 0; i < row.fields.size(); ++i) {
    cells[*column_of_field_[i]] = std::string(absl::StripAsciiWhitespace(row.fields[i]));
  }
  absl::StatusOr<v1::OffenderRecord> record = OffenderFromCells(cells);
  if (!record.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("line ", row.line, ", ", record.status().message()));
  }
  return record;
}

std::optional<OffenderCsvReader::Row> OffenderCsvReader::Next() {
  absl::StatusOr<std::optional<csv::CsvRecord>> next = csv_.Next();
  if (!next.ok()) return Row{csv_.last_record_line(), next.status()};
  if (!next->has_value()) return std::nullopt;
  return Row{(*next)->line, RecordFrom(**next)};
}

}  // namespace liaison::ctl
