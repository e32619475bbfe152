#include "adapters/police/police_custody.h"

#include <optional>
#include <utility>

#include "absl/strings/str_cat.h"
#include "adapters/police/person_fields.h"
#include "adapters/police/police_codes.h"
#include "broker/common/proto_time.h"
#include "broker/common/status_macros.h"

namespace liaison::adapters::police {
namespace {

constexpr size_t kMaxForceCodeChars = 10;
constexpr size_t kMaxCustodyNumberChars = 40;

absl::StatusOr<liaison::v1::ArrestOutcome> Outcome(absl::string_view path, const std::optional<std::string>& code) {
  if (!code.has_value()) return liaison::v1::ARREST_OUTCOME_UNSPECIFIED;  // not decided yet
  std::optional<liaison::v1::ArrestOutcome> outcome = ArrestOutcomeFromCode(*code);
  if (!outcome.has_value()) return JsonFieldError(path, "is not a known outcome");
  return *outcome;
}

}  // namespace

absl::StatusOr<Custody> ReadJsonCustody(const JsonObject& record, absl::Time now) {
  Custody custody;
  ASSIGN_OR_RETURN(custody.force_code, record.RequiredString("forceCode"));
  RETURN_IF_ERROR(records::CheckReference(record.PathOf("forceCode"), custody.force_code, kMaxForceCodeChars));
  ASSIGN_OR_RETURN(custody.custody_record_number, record.RequiredString("custodyRecordNumber"));
  RETURN_IF_ERROR(records::CheckReference(record.PathOf("custodyRecordNumber"), custody.custody_record_number,
                                          kMaxCustodyNumberChars));
  ASSIGN_OR_RETURN(auto suite, record.OptionalString("custodySuite"));
  custody.custody_suite = suite.value_or("");
  ASSIGN_OR_RETURN(custody.arrested_at, record.RequiredTime("arrestedAt"));
  ASSIGN_OR_RETURN(custody.offence, record.RequiredString("offence"));
  ASSIGN_OR_RETURN(auto outcome, record.OptionalString("outcome"));
  ASSIGN_OR_RETURN(custody.outcome, Outcome(record.PathOf("outcome"), outcome));
  ASSIGN_OR_RETURN(auto summary, record.OptionalString("summary"));
  custody.summary = summary.value_or("");
  ASSIGN_OR_RETURN(custody.handling,
                   records::ReadJsonHandling(record, "officer", liaison::v1::CLASSIFICATION_OFFICIAL_SENSITIVE));
  ASSIGN_OR_RETURN(JsonObject detainee, record.RequiredObject("detainee"));
  ASSIGN_OR_RETURN(custody.detainee, records::ReadJsonPerson(detainee, now));
  return custody;
}

absl::StatusOr<Custody> ReadCsvCustody(const CsvFields& row, absl::Time now) {
  Custody custody;
  ASSIGN_OR_RETURN(custody.force_code, row.Required("force_code"));
  RETURN_IF_ERROR(records::CheckReference(CsvFields::PathOf("force_code"), custody.force_code, kMaxForceCodeChars));
  ASSIGN_OR_RETURN(custody.custody_record_number, row.Required("custody_record_number"));
  RETURN_IF_ERROR(records::CheckReference(CsvFields::PathOf("custody_record_number"), custody.custody_record_number,
                                          kMaxCustodyNumberChars));
  custody.custody_suite = row.Optional("custody_suite").value_or("");
  ASSIGN_OR_RETURN(custody.arrested_at, row.RequiredTime("arrested_at"));
  ASSIGN_OR_RETURN(custody.offence, row.Required("offence"));
  ASSIGN_OR_RETURN(custody.outcome, Outcome(CsvFields::PathOf("outcome"), row.Optional("outcome")));
  custody.summary = row.Optional("summary").value_or("");
  ASSIGN_OR_RETURN(custody.handling,
                   records::ReadCsvHandling(row, "officer", liaison::v1::CLASSIFICATION_OFFICIAL_SENSITIVE));
  ASSIGN_OR_RETURN(auto detainee, records::ReadCsvPerson(row, "subject", now));
  if (!detainee.has_value()) return JsonFieldError(CsvFields::PathOf("subject_surname"), "is required");
  custody.detainee = *std::move(detainee);
  return custody;
}

absl::StatusOr<v1::Action> BuildCustodyAction(const Custody& custody, absl::Time now) {
  liaison::v1::Notification n;
  records::ApplyHandling(custody.handling, custody.arrested_at, &n);
  *n.mutable_subject() = custody.detainee;
  liaison::v1::Arrest* arrest = n.mutable_arrest();
  arrest->set_offence(custody.offence);
  arrest->set_custody_suite(custody.custody_suite);
  arrest->set_custody_record_number(custody.custody_record_number);
  *arrest->mutable_arrested_at() = ToProtoTime(custody.arrested_at);
  arrest->set_outcome(custody.outcome);
  arrest->set_summary(custody.summary);
  const std::string prefix = absl::StrCat("cus:", custody.force_code, ":", custody.custody_record_number, ":",
                                          OutcomeRefName(custody.outcome));
  return records::FinishSubmit(std::move(n), prefix, now);
}

}  // namespace liaison::adapters::police
