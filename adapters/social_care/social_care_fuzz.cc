// libFuzzer target for SocialCareParser: the input is read as one JSON line and,
// separately, as CSV (first record the header, second the row). Beyond
// crashes and sanitizer reports it checks the parser's contract: success
// means submit actions whose ref is the notification's source_ref, failure
// means INVALID_ARGUMENT, and every notification survives a serialise/parse
// round trip (no invalid UTF-8).

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "adapters/social_care/social_care_parser.h"
#include "broker/csv/csv_reader.h"

namespace {

using liaison::adapters::CsvRow;
using liaison::adapters::social_care::SocialCareParser;

void Check(const absl::StatusOr<std::vector<liaison::adapters::v1::Action>>& result) {
  if (!result.ok()) {
    if (result.status().code() != absl::StatusCode::kInvalidArgument) std::abort();
    return;
  }
  for (const auto& action : *result) {
    if (!action.has_submit() || action.ref() != action.submit().source_ref() || action.ref().size() > 128) {
      std::abort();
    }
    // What the adapter sends, the broker must be able to read back.
    liaison::v1::Notification copy;
    if (!copy.ParseFromString(action.submit().SerializeAsString())) std::abort();
  }
}

std::optional<std::vector<std::string>> NextRecord(liaison::csv::CsvReader& reader) {
  auto record = reader.Next();
  if (!record.ok() || !record->has_value()) return std::nullopt;
  return (*record)->fields;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const absl::Time kNow = absl::FromCivil(absl::CivilSecond(2026, 11, 23, 12, 0, 0), absl::UTCTimeZone());
  const std::string input(reinterpret_cast<const char*>(data), size);
  const SocialCareParser parser;
  Check(parser.ParseJson(input, kNow));

  std::istringstream in(input);
  liaison::csv::CsvReader reader(in);
  const std::optional<std::vector<std::string>> header = NextRecord(reader);
  if (!header.has_value()) return 0;
  const std::optional<std::vector<std::string>> fields = NextRecord(reader);
  if (!fields.has_value() || fields->size() != header->size()) return 0;  // the runtime refuses these
  Check(parser.ParseCsv(CsvRow{*header, *fields}, kNow));
  return 0;
}
