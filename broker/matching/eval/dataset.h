#ifndef LIAISON_BROKER_MATCHING_EVAL_DATASET_H_
#define LIAISON_BROKER_MATCHING_EVAL_DATASET_H_

// Labelled record-linkage data from any CSV, through a column mapping.
//
// A mapping is a comma-separated list of FIELD=COLUMN[+COLUMN...]:
//   id        the row's id (required)
//   entity    who the row is (ground truth); "febrl:COLUMN" takes <n> from a
//             FEBRL rec_id "rec-<n>-org" / "rec-<n>-dup-<k>"
//   given, family, dob, town, postcode
//   address   columns joined with spaces into one address line
//   lines     one column holding '|'-separated address lines
//   aliases   one column of '|'-separated "given ... family" names
//   id:TYPE   a strong identifier of that type (id:PNC, id:SSN)
// Presets name whole mappings: febrl, fake1000, synth-index, synth-queries.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "broker/matching/form_builder.h"

namespace liaison::matching::eval {

struct ColumnMap {
  struct Field {
    std::string field;
    std::vector<std::string> columns;
  };
  std::vector<Field> fields;

  // The comparisons a model for data mapped like this should have. With
  // `joint_place`, postcode, address and town are one "place" comparison;
  // otherwise three.
  std::vector<std::string> ComparisonNames(bool joint_place = true) const;
};

// Parses a mapping or a preset name. INVALID_ARGUMENT naming the bad part.
absl::StatusOr<ColumnMap> ParseColumnMap(const std::string& spec);

struct Row {
  std::string id;
  // Empty when the row is known to be nobody in particular (a query for a
  // person not in the index).
  std::string entity;
  RawPerson person;
};

// Reads every row of a CSV file with a header. Cells and header names are
// trimmed (FEBRL separates with ", "). INVALID_ARGUMENT naming the line and
// column for a missing column or malformed row; NOT_FOUND when unreadable.
absl::StatusOr<std::vector<Row>> ReadRows(const std::string& path, const ColumnMap& map);

}  // namespace liaison::matching::eval

#endif  // LIAISON_BROKER_MATCHING_EVAL_DATASET_H_
