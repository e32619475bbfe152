#include "adapters/social_care/social_care_parser.h"

#include <optional>
#include <string>

#include "adapters/common/csv_fields.h"
#include "adapters/common/json_fields.h"
#include "adapters/police/record_fields.h"
#include "adapters/social_care/social_care_record.h"
#include "broker/common/status_macros.h"

namespace liaison::adapters::social_care {
namespace {

constexpr absl::string_view kTypeProblem = "must be referral or childProtection";

std::optional<CaseKind> KindOf(absl::string_view text) {
  const std::string code = records::NormaliseCode(text);
  if (code == "referral") return CaseKind::kReferral;
  if (code == "childprotection") return CaseKind::kChildProtection;
  return std::nullopt;
}

}  // namespace

absl::StatusOr<std::vector<v1::Action>> SocialCareParser::ParseJson(absl::string_view line, absl::Time now) const {
  ASSIGN_OR_RETURN(google::protobuf::Struct object, ParseJsonObject(line));
  const JsonObject record(&object, "");
  ASSIGN_OR_RETURN(std::string type, record.RequiredString("recordType"));
  const std::optional<CaseKind> kind = KindOf(type);
  if (!kind.has_value()) return JsonFieldError("recordType", kTypeProblem);
  ASSIGN_OR_RETURN(CaseRecord parsed, ReadJsonCase(record, *kind, now));
  return BuildCaseActions(parsed, now);
}

absl::StatusOr<std::vector<v1::Action>> SocialCareParser::ParseCsv(const CsvRow& row, absl::Time now) const {
  const CsvFields fields(row);
  ASSIGN_OR_RETURN(std::string type, fields.Required("record_type"));
  const std::optional<CaseKind> kind = KindOf(type);
  if (!kind.has_value()) return JsonFieldError(CsvFields::PathOf("record_type"), kTypeProblem);
  ASSIGN_OR_RETURN(CaseRecord parsed, ReadCsvCase(fields, *kind, now));
  return BuildCaseActions(parsed, now);
}

}  // namespace liaison::adapters::social_care
