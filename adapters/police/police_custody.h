#ifndef LIAISON_ADAPTERS_POLICE_POLICE_CUSTODY_H_
#define LIAISON_ADAPTERS_POLICE_POLICE_CUSTODY_H_

// Police custody records (an arrest and its outcome so far): read from JSON
// or CSV into one Custody, then turned into one arrest notification about
// the detainee. Format: docs/adapters/police.md. Pure functions; thread-safe.

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "adapters/common/csv_fields.h"
#include "adapters/common/json_fields.h"
#include "adapters/police/record_fields.h"
#include "liaison/adapters/v1/adapter.pb.h"

namespace liaison::adapters::police {

struct Custody {
  std::string force_code;
  std::string custody_record_number;
  std::string custody_suite;
  absl::Time arrested_at;
  std::string offence;
  liaison::v1::ArrestOutcome outcome = liaison::v1::ARREST_OUTCOME_UNSPECIFIED;
  std::string summary;
  records::Handling handling;
  liaison::v1::PersonDescriptor detainee;
};

// The record's fields, or INVALID_ARGUMENT "path: problem".
absl::StatusOr<Custody> ReadJsonCustody(const JsonObject& record, absl::Time now);
absl::StatusOr<Custody> ReadCsvCustody(const CsvFields& row, absl::Time now);

// The arrest notification's submit action, source_ref
// "cus:FORCE:CUSTODY_NUMBER:OUTCOME:DIGEST" (a new outcome is a new
// notification). INVALID_ARGUMENT when it fails the broker's validation.
absl::StatusOr<v1::Action> BuildCustodyAction(const Custody& custody, absl::Time now);

}  // namespace liaison::adapters::police

#endif  // LIAISON_ADAPTERS_POLICE_POLICE_CUSTODY_H_
