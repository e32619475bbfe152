// libFuzzer target for the prison adapter's parser: the input is tried as
// one JSON Lines record (ParseJson) and as CSV whose first record is the
// header and second the data row (ParseCsv). Parsers must not crash, and
// every action they return must carry its call's idempotency key as ref.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "adapters/prison/prison_parser.h"
#include "broker/csv/csv_reader.h"

namespace {

using liaison::adapters::v1::Action;

std::string KeyOf(const Action& action) {
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
  return "";
}

void Check(const absl::StatusOr<std::vector<Action>>& actions) {
  if (!actions.ok()) return;
  for (const Action& action : *actions) {
    if (action.ref().empty() || action.ref() != KeyOf(action)) std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const liaison::adapters::prison::PrisonParser parser;
  const absl::Time now = absl::FromCivil(absl::CivilSecond(2026, 11, 3, 12, 0, 0), absl::UTCTimeZone());
  const std::string input(reinterpret_cast<const char*>(data), size);

  Check(parser.ParseJson(input, now));

  std::istringstream stream(input);
  liaison::csv::CsvReader reader(stream);
  auto header = reader.Next();
  if (!header.ok() || !header->has_value()) return 0;
  auto row = reader.Next();
  if (!row.ok() || !row->has_value()) return 0;
  // The runtime only passes rows as wide as their header; the parser is
  // tried on any width.
  Check(parser.ParseCsv(liaison::adapters::CsvRow{(*header)->fields, (*row)->fields}, now));
  return 0;
}
