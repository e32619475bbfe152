#ifndef LIAISON_BROKER_CTL_OFFENDERS_COMMANDS_H_
#define LIAISON_BROKER_CTL_OFFENDERS_COMMANDS_H_

// liaisonctl offenders load|get|allocate|merge|unmerge: the Registry service.
//
// Every command returns OK on success and otherwise a status for the caller
// to print; a broker error comes back with the broker's code and message.

#include <cstddef>
#include <string>

#include "absl/status/status.h"
#include "broker/ctl/connection.h"
#include "broker/ctl/output.h"

namespace liaison::ctl {

struct OffendersLoadOptions {
  std::string csv_path;
  // Records per BulkLoadRequest. REQUIRES: > 0.
  size_t chunk_size = 500;
};

// Reads the offender CSV row by row (see offender_csv.h) and streams the
// valid rows through Registry.BulkLoad in chunks of chunk_size. Rows the CSV
// reader rejects are not sent. Text output: "loaded: N" and "rejected: M" on
// output.out and one "line L: CODE: message" per rejected row on output.err
// (L is the row's CSV line; the broker's stream positions are mapped back).
// JSON output: one BulkLoadResponse line whose counts include the rows
// rejected locally and whose error `index` fields hold CSV line numbers.
// Returns an error (the first rejection's code) when any row was rejected;
// the file's open/header error; or the RPC's error.
absl::Status OffendersLoad(const Connection& connection, const OffendersLoadOptions& options,
                           const Output& output);

// Registry.GetOffender; prints the record. NOT_FOUND from the broker for an
// unknown CRN.
absl::Status OffendersGet(const Connection& connection, const std::string& crn,
                          const Output& output);

struct OffendersAllocateOptions {
  std::string crn;
  // The new offender manager's staff code (required) and details.
  std::string om_staff_code;
  std::string om_name;
  // The case's new team (AllocateManagerRequest.team_code); optional.
  std::string team_code;
  // Replaced only when given.
  std::string co_worker_staff_code;
  std::string manager_staff_code;
  std::string reason;
};

// Registry.AllocateManager; prints the updated record.
absl::Status OffendersAllocate(const Connection& connection,
                               const OffendersAllocateOptions& options, const Output& output);

struct OffendersMergeOptions {
  // Kept for history with merged_into set; never matched again.
  std::string merged_crn;
  std::string surviving_crn;
  // Why; recorded in the audit trail.
  std::string reason;
};

// Registry.MergeOffenders; prints both records briefly (CRN, name, merged
// into), the merged one first; JSON: one MergeOffendersResponse. From the
// broker NOT_FOUND for an unknown CRN, FAILED_PRECONDITION when either is
// already merged or both are the same record.
absl::Status OffendersMerge(const Connection& connection, const OffendersMergeOptions& options,
                            const Output& output);

// Registry.UnmergeOffender; prints the record briefly (JSON: the
// OffenderRecord). From the broker FAILED_PRECONDITION when it is not
// merged, NOT_FOUND for an unknown CRN.
absl::Status OffendersUnmerge(const Connection& connection, const std::string& merged_crn,
                              const std::string& reason, const Output& output);

}  // namespace liaison::ctl

#endif  // LIAISON_BROKER_CTL_OFFENDERS_COMMANDS_H_
