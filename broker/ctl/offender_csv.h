#ifndef LIAISON_BROKER_CTL_OFFENDER_CSV_H_
#define LIAISON_BROKER_CTL_OFFENDER_CSV_H_

// The offender CSV the demo generator writes, read row by row into
// liaison.v1.OffenderRecord for Registry.BulkLoad.
//
// A header row names the columns (any order, any subset that includes crn):
//   crn pnc cro noms given_names family_name aliases date_of_birth
//   address_lines town postcode om_staff_code om_name om_team
//   co_worker_staff_code co_worker_name manager_staff_code manager_name
//   team_code area_code rosh_level mappa_category mappa_level registrations
//   status prison_code
// Lists inside a cell are '|' separated (aliases, address_lines,
// registrations); an alias is "given names ... family", the last word being
// the family name. Enumerations: rosh_level LOW|MEDIUM|HIGH|VERY_HIGH,
// mappa_category 1-4, mappa_level 1-3, status COMMUNITY_ORDER|LICENCE|
// IN_CUSTODY|UNLAWFULLY_AT_LARGE|RECALLED|TERMINATED (case-insensitive;
// UNSPECIFIED, as the demo generator writes for an unset field, is empty).
// Empty cells leave the field unset; cells are trimmed of whitespace.

#include <array>
#include <cstdint>
#include <istream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "broker/csv/csv_reader.h"
#include "liaison/v1/offender.pb.h"

namespace liaison::ctl {

inline constexpr std::array<absl::string_view, 26> kOffenderCsvColumns = {
    "crn",
    "pnc",
    "cro",
    "noms",
    "given_names",
    "family_name",
    "aliases",
    "date_of_birth",
    "address_lines",
    "town",
    "postcode",
    "om_staff_code",
    "om_name",
    "om_team",
    "co_worker_staff_code",
    "co_worker_name",
    "manager_staff_code",
    "manager_name",
    "team_code",
    "area_code",
    "rosh_level",
    "mappa_category",
    "mappa_level",
    "registrations",
    "status",
    "prison_code",
};

// One cell per kOffenderCsvColumns entry, in that order ("" when absent).
using OffenderCells = std::array<std::string, kOffenderCsvColumns.size()>;

// The record `cells` describe. INVALID_ARGUMENT "column <name>: ..." for a
// value that is not one of its enumeration's names; the message never
// contains the value.
absl::StatusOr<v1::OffenderRecord> OffenderFromCells(const OffenderCells& cells);

// Reads offender rows from a stream. Not thread-safe.
class OffenderCsvReader {
 public:
  // One data row: its line (where the record starts; the header is line 1
  // when the file starts with it) and the record, or an INVALID_ARGUMENT
  // naming the line and column (never the value) when the row is unusable:
  // malformed CSV, a field count that differs from the header's, a column
  // the header names but this reader does not know, or a bad enum value.
  struct Row {
    int64_t line = 0;
    absl::StatusOr<v1::OffenderRecord> record;
  };

  // Reads and checks the header from `in` (which must outlive the reader).
  // INVALID_ARGUMENT naming the line when there is no header row, the
  // header is malformed, a column name repeats, or there is no crn column.
  static absl::StatusOr<std::unique_ptr<OffenderCsvReader>> Open(std::istream& in);

  // The next data row, or nullopt at the end of the input.
  std::optional<Row> Next();

 private:
  explicit OffenderCsvReader(std::istream& in);
  absl::Status ReadHeader();
  absl::StatusOr<v1::OffenderRecord> RecordFrom(const csv::CsvRecord& row) const;

  csv::CsvReader csv_;
  std::vector<std::string> header_;
  // For each header position, its index in kOffenderCsvColumns, or nullopt
  // for an unknown column.
  std::vector<std::optional<size_t>> column_of_field_;
};

}  // namespace liaison::ctl

#endif  // LIAISON_BROKER_CTL_OFFENDER_CSV_H_
