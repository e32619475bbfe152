#ifndef LIAISON_BROKER_SYNTH_SYNTH_CSV_H_
#define LIAISON_BROKER_SYNTH_SYNTH_CSV_H_

// The generator's CSV files. The index CSV uses the offender CSV columns
// the project's loader reads (broker/ctl/offender_csv.h): lists inside a
// cell are '|' separated; an alias is "given names ... family" (the last
// word being the family name); only the current address is written. The
// query CSV has the query's id, ground truth and the person as the agency
// described them. Thread-safe (the writers use only their arguments).

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "broker/synth/population.h"
#include "broker/synth/query_generator.h"
#include "broker/synth/row_streamer.h"
#include "liaison/v1/offender.pb.h"

namespace liaison::synth {

inline constexpr absl::string_view kIndexCsvHeader =
    "crn,pnc,cro,noms,given_names,family_name,aliases,date_of_birth,address_lines,town,postcode,"
    "om_staff_code,om_name,om_team,team_code,area_code";

inline constexpr absl::string_view kQueryCsvHeader =
    "query_id,true_crn,agency,pnc,cro,noms,crn,given_names,family_name,aliases,date_of_birth,"
    "address_lines,town,postcode";

// Ground truth beside the query CSV, for analysing a matcher's results:
// the kind of query, the CRN of the index person it describes or resembles,
// and the corruptions applied ('|' separated CorruptionName values).
inline constexpr absl::string_view kQueryTruthCsvHeader = "query_id,kind,index_crn,corruptions";

// The cells of `record`'s index row, in kIndexCsvHeader order.
std::vector<std::string> IndexCsvFields(const liaison::v1::OffenderRecord& record);

// The cells of `query`'s row, in kQueryCsvHeader order.
std::vector<std::string> QueryCsvFields(const Query& query);

// The cells of `query`'s truth row, in kQueryTruthCsvHeader order.
std::vector<std::string> QueryTruthCsvFields(const Query& query);

// Streams the header and the rows of index people 0..count-1 to `out`.
// INVALID_ARGUMENT when count is outside [0, Population::kMaxIndexPeople];
// DATA_LOSS when the stream fails (e.g. the disk is full).
absl::Status WriteIndexCsv(const Population& population, int64_t count, std::ostream& out,
                           const StreamOptions& options = {});

// Streams the header and queries 0..count-1 to `out`, and their truth rows
// to `truth` unless it is null. INVALID_ARGUMENT when count is outside [0,
// Population::kMaxNonMembers]; DATA_LOSS when a stream fails.
absl::Status WriteQueryCsv(const QueryGenerator& generator, int64_t count, std::ostream& out,
                           std::ostream* truth = nullptr, const StreamOptions& options = {});

}  // namespace liaison::synth

#endif  // LIAISON_BROKER_SYNTH_SYNTH_CSV_H_
