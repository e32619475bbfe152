#include "adapters/police/police_parser.h"

#include <utility>

#include "adapters/common/csv_fields.h"
#include "adapters/common/json_fields.h"
#include "adapters/police/police_custody.h"
#include "adapters/police/police_incident.h"
#include "adapters/police/record_fields.h"
#include "broker/common/status_macros.h"

namespace liaison::adapters::police {
namespace {

enum class RecordType { kIncident, kCustody, kUnknown };

RecordType TypeOf(absl::string_view text) {
  const std::string code = records::NormaliseCode(text);
  if (code == "incident") return RecordType::kIncident;
  if (code == "custody") return RecordType::kCustody;
  return RecordType::kUnknown;
}

absl::StatusOr<std::vector<v1::Action>> One(absl::StatusOr<v1::Action> action) {
  if (!action.ok()) return action.status();
  std::vector<v1::Action> actions;
  actions.push_back(*std::move(action));
  return actions;
}

}  // namespace

absl::StatusOr<std::vector<v1::Action>> PoliceParser::ParseJson(absl::string_view line, absl::Time now) const {
  ASSIGN_OR_RETURN(google::protobuf::Struct object, ParseJsonObject(line));
  const JsonObject record(&object, "");
  ASSIGN_OR_RETURN(std::string type, record.RequiredString("recordType"));
  switch (TypeOf(type)) {
    case RecordType::kIncident: {
      ASSIGN_OR_RETURN(Incident incident, ReadJsonIncident(record, now));
      return BuildIncidentActions(incident, now);
    }
    case RecordType::kCustody: {
      ASSIGN_OR_RETURN(Custody custody, ReadJsonCustody(record, now));
      return One(BuildCustodyAction(custody, now));
    }
    case RecordType::kUnknown:
      break;
  }
  return JsonFieldError("recordType", "must be incident or custody");
}

absl::StatusOr<std::vector<v1::Action>> PoliceParser::ParseCsv(const CsvRow& row, absl::Time now) const {
  const CsvFields fields(row);
  ASSIGN_OR_RETURN(std::string type, fields.Required("record_type"));
  switch (TypeOf(type)) {
    case RecordType::kIncident: {
      ASSIGN_OR_RETURN(Incident incident, ReadCsvIncident(fields, now));
      return BuildIncidentActions(incident, now);
    }
    case RecordType::kCustody: {
      ASSIGN_OR_RETURN(Custody custody, ReadCsvCustody(fields, now));
      return One(BuildCustodyAction(custody, now));
    }
    case RecordType::kUnknown:
      break;
  }
  return JsonFieldError(CsvFields::PathOf("record_type"), "must be incident or custody");
}

}  // namespace liaison::adapters::police
