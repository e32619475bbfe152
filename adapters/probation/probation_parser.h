#ifndef LIAISON_ADAPTERS_PROBATION_PROBATION_PARSER_H_
#define LIAISON_ADAPTERS_PROBATION_PROBATION_PARSER_H_

// The probation adapter's parser (docs/adapters/probation.md): it keeps the
// offender index current. JSON Lines carry HMPPS domain events (they have
// "eventType") or case records ("recordType": "case"); CSV rows are case
// records in the offender CSV columns.
//   probation-case.registration.*      -> Registry.ApplyChange registrations
//   person.community.manager.allocated -> Registry.AllocateManager
//   probation-case.merge.completed     -> Registry.MergeOffenders
//   probation-case.unmerge.completed   -> Registry.UnmergeOffender
//   case records                       -> Registry.UpsertOffender
// Stateless and thread-safe.

#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "adapters/common/parser.h"

namespace liaison::adapters::probation {

class ProbationParser : public RecordParser {
 public:
  absl::string_view name() const override { return "probation"; }

  // A domain event or a case record. An empty vector for a registration of
  // a type the broker does not use. INVALID_ARGUMENT "path: problem"
  // otherwise, including "eventType: not handled by the probation adapter".
  absl::StatusOr<std::vector<v1::Action>> ParseJson(absl::string_view line, absl::Time now) const override;

  // A case-extract CSV row: one UpsertOffender.
  absl::StatusOr<std::vector<v1::Action>> ParseCsv(const CsvRow& row, absl::Time now) const override;
};

}  // namespace liaison::adapters::probation

#endif  // LIAISON_ADAPTERS_PROBATION_PROBATION_PARSER_H_
