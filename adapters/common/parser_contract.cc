#include "adapters/common/parser_contract.h"

#include <cstdlib>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "broker/csv/csv_reader.h"
#include "broker/validation/change_validation.h"
#include "broker/validation/notification_validation.h"

namespace liaison::adapters {
namespace {

using v1::Action;

std::optional<std::string> IdempotencyKeyOf(const Action& action) {
  switch (action.call_case()) {
    case Action::kSubmit:
      return action.submit().source_ref();
    case Action::kUpsertOffender:
      return action.upsert_offender().change_ref();
    case Action::kAllocateManager:
      return action.allocate_manager().change_ref();
    case Action::kMergeOffenders:
      return action.merge_offenders().change_ref();
    case Action::kApplyChange:
      return action.apply_change().change_ref();
    case Action::kUnmergeOffender:
      return action.unmerge_offender().change_ref();
    case Action::CALL_NOT_SET:
      break;
  }
  return std::nullopt;
}

void Check(const absl::StatusOr<std::vector<Action>>& result, bool unimplemented_allowed) {
  if (!result.ok()) {
    const absl::StatusCode code = result.status().code();
    if (code == absl::StatusCode::kInvalidArgument) return;
    if (code == absl::StatusCode::kUnimplemented && unimplemented_allowed) return;
    std::abort();
  }
  for (const Action& action : *result) {
    const std::optional<std::string> key = IdempotencyKeyOf(action);
    const size_t limit = action.has_submit() ? validation::kMaxSourceRefChars : validation::kMaxChangeRefChars;
    if (!key.has_value() || action.ref().empty() || action.ref() != *key || action.ref().size() > limit) {
      std::abort();
    }
    Action copy;
    if (!copy.ParseFromString(action.SerializeAsString())) std::abort();
  }
}

std::optional<std::vector<std::string>> NextRecord(csv::CsvReader& reader) {
  auto record = reader.Next();
  if (!record.ok() || !record->has_value()) return std::nullopt;
  return (*record)->fields;
}

}  // namespace

void FuzzRecordParser(const RecordParser& parser, absl::string_view input) {
  // A fixed "now", so a run is reproducible; inputs dated after it are
  // refused as implausible, which the fuzzer explores too.
  static const absl::Time kNow = absl::FromCivil(absl::CivilSecond(2026, 11, 23, 12, 0, 0), absl::UTCTimeZone());
  Check(parser.ParseJson(input, kNow), false);

  std::istringstream in{std::string(input)};
  csv::CsvReader reader(in);
  const std::optional<std::vector<std::string>> header = NextRecord(reader);
  if (!header.has_value()) return;
  const std::optional<std::vector<std::string>> fields = NextRecord(reader);
  if (!fields.has_value()) return;
  Check(parser.ParseCsv(CsvRow{*header, *fields}, kNow), true);
}

}  // namespace liaison::adapters
