#ifndef LIAISON_ADAPTERS_PROBATION_CASE_RECORDS_H_
#define LIAISON_ADAPTERS_PROBATION_CASE_RECORDS_H_

// Case-management extracts: one offender record per CSV row (the offender
// CSV columns of broker/ctl/offender_csv.h) or per JSON line
// ({"recordType": "case", ...}; docs/adapters/probation.md), each an
// UpsertOffender whose change_ref is "case:<CRN>:<16 hex>" - the CRN and the
// first 64 bits of SHA-256 of the validated record - so a re-sent identical
// record is a duplicate and a changed one applies.

#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "adapters/common/json_fields.h"
#include "adapters/common/parser.h"
#include "liaison/adapters/v1/adapter.pb.h"
#include "liaison/v1/offender.pb.h"

namespace liaison::adapters::probation {

// A CSV row. INVALID_ARGUMENT naming the header position of a column that
// is not an offender CSV column or repeats one, "column NAME: ..." for a bad
// enumeration value, or ValidateOffender's "offender.FIELD: ..." error.
absl::StatusOr<std::vector<v1::Action>> CaseRowActions(const CsvRow& row, absl::Time now);

// A {"recordType": "case"} JSON record. INVALID_ARGUMENT "path: problem" or
// ValidateOffender's error.
absl::StatusOr<std::vector<v1::Action>> CaseRecordActions(const JsonObject& record, absl::Time now);

// The upsert for `record`: validated (and canonicalised) with
// ValidateOffender, whose INVALID_ARGUMENT is returned as is.
absl::StatusOr<std::vector<v1::Action>> UpsertActions(::liaison::v1::OffenderRecord record, absl::Time now);

}  // namespace liaison::adapters::probation

#endif  // LIAISON_ADAPTERS_PROBATION_CASE_RECORDS_H_
