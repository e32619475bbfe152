#include "broker/demo/offenders_csv.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "broker/csv/csv_writer.h"
#include "broker/demo/records.h"

namespace liaison::demo {
namespace {

using liaison::v1::OffenderRecord;

std::string FullName(const liaison::v1::PersonName& name) {
  return absl::StrCat(name.given_names(), " ", name.family_name());
}

std::string Aliases(const OffenderRecord& offender) {
  std::vector<std::string> aliases;
  for (const liaison::v1::PersonName& alias : offender.aliases())
    aliases.push_back(FullName(alias));
  return absl::StrJoin(aliases, "|");
}

std::string EnumDigit(int value) { return value == 0 ? "" : absl::StrCat(value); }

std::string WithoutPrefix(const std::string& name, absl::string_view prefix) {
  return std::string(absl::StripPrefix(name, prefix));
}

}  // namespace

std::vector<std::string> OffenderCsvFields(const OffenderRecord& offender) {
  const liaison::v1::Address& address = offender.addresses().empty()
                                            ? liaison::v1::Address::default_instance()
                                            : offender.addresses(0);
  return {
      offender.crn(),
      IdentifierValue(offender, liaison::v1::IDENTIFIER_TYPE_PNC),
      IdentifierValue(offender, liaison::v1::IDENTIFIER_TYPE_CRO),
      IdentifierValue(offender, liaison::v1::IDENTIFIER_TYPE_NOMS),
      offender.name().given_names(),
      offender.name().family_name(),
      Aliases(offender),
      offender.date_of_birth(),
      absl::StrJoin(address.lines(), "|"),
      address.town(),
      address.postcode(),
      offender.offender_manager().staff_code(),
      offender.offender_manager().name(),
      offender.offender_manager().team_code(),
      offender.co_worker().staff_code(),
      offender.co_worker().name(),
      offender.manager().staff_code(),
      offender.manager().name(),
      offender.team_code(),
      offender.area_code(),
      WithoutPrefix(liaison::v1::RoshLevel_Name(offender.rosh_level()), "ROSH_LEVEL_"),
      EnumDigit(offender.mappa_category()),
      EnumDigit(offender.mappa_level()),
      absl::StrJoin(offender.registrations(), "|"),
      WithoutPrefix(liaison::v1::SupervisionStatus_Name(offender.status()), "SUPERVISION_STATUS_"),
      offender.prison_code(),
  };
}

std::string OffendersCsv(const std::vector<OffenderRecord>& offenders) {
  std::string csv = absl::StrCat(kOffendersCsvHeader, "\n");
  for (const OffenderRecord& offender : offenders) csv += csv::CsvRow(OffenderCsvFields(offender));
  return csv;
}

}  // namespace liaison::demo
