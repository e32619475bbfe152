#include "adapters/social_care/social_care_record.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "adapters/police/person_fields.h"
#include "broker/common/status_macros.h"

namespace liaison::adapters::social_care {
namespace {

namespace api = ::liaison::v1;

constexpr size_t kMaxAuthorityChars = 20;
constexpr size_t kMaxCaseReferenceChars = 40;
constexpr size_t kMaxRelationshipChars = 100;

absl::StatusOr<api::ChildProtectionStage> Stage(absl::string_view path, const std::optional<std::string>& code,
                                                CaseKind kind) {
  if (!code.has_value()) {
    if (kind == CaseKind::kReferral) return api::CHILD_PROTECTION_STAGE_REFERRAL;
    return JsonFieldError(path, "is required");
  }
  std::optional<api::ChildProtectionStage> stage = StageFromCode(*code);
  if (!stage.has_value()) return JsonFieldError(path, "is not a known stage");
  return *stage;
}

absl::StatusOr<Involvement> InvolvementOf(absl::string_view path, const std::string& code) {
  std::optional<Involvement> involvement = InvolvementFromCode(code);
  if (!involvement.has_value()) return JsonFieldError(path, "must be concern, partner or other");
  return *involvement;
}

absl::Status CheckRelationship(absl::string_view path, const std::optional<std::string>& text) {
  if (text.has_value() && text->size() > kMaxRelationshipChars) {
    return JsonFieldError(path, "is longer than 100 characters");
  }
  return absl::OkStatus();
}

absl::StatusOr<Adult> ReadJsonAdult(const JsonObject& object, absl::Time now) {
  Adult adult;
  ASSIGN_OR_RETURN(std::string involvement, object.RequiredString("involvement"));
  ASSIGN_OR_RETURN(adult.involvement, InvolvementOf(object.PathOf("involvement"), involvement));
  ASSIGN_OR_RETURN(adult.ref, records::ReadJsonPersonRef(object));
  ASSIGN_OR_RETURN(adult.relationship_to_child, object.OptionalString("relationshipToChild"));
  RETURN_IF_ERROR(CheckRelationship(object.PathOf("relationshipToChild"), adult.relationship_to_child));
  ASSIGN_OR_RETURN(adult.person, records::ReadJsonPerson(object, now));
  return adult;
}

absl::Status CheckCount(absl::string_view path, size_t count) {
  if (count > static_cast<size_t>(records::kMaxPeople)) return JsonFieldError(path, "more than 50 people");
  return absl::OkStatus();
}

// The summary the subject's notification carries: how they relate to the
// child, then the record's own summary.
std::string SummaryFor(const Adult& adult, const std::string& summary) {
  if (!adult.relationship_to_child.has_value()) return summary;
  std::string out = absl::StrCat("Relationship to the child: ", *adult.relationship_to_child, ".");
  if (!summary.empty()) absl::StrAppend(&out, "\n", summary);
  return out;
}

api::Notification ReferralFor(const CaseRecord& record, size_t subject) {
  api::Notification n;
  records::ApplyHandling(record.handling, record.recorded_at, &n);
  *n.mutable_subject() = record.adults[subject].person;
  for (const Adult& adult : record.adults) {
    if (adult.involvement != Involvement::kPartner) continue;
    api::RelatedPerson* partner = n.add_related_people();
    partner->set_role(api::RELATED_ROLE_PARTNER);
    *partner->mutable_person() = adult.person;
  }
  for (const api::RelatedPerson& child : record.children) *n.add_related_people() = child;
  api::SocialCareReferral* referral = n.mutable_social_care_referral();
  referral->set_local_authority(record.local_authority);
  referral->set_case_reference(record.case_reference);
  for (api::ReferralReason reason : record.reasons) referral->add_reasons(reason);
  referral->set_stage(record.stage);
  referral->set_summary(SummaryFor(record.adults[subject], record.summary));
  return n;
}

}  // namespace

absl::StatusOr<CaseRecord> ReadJsonCase(const JsonObject& record, CaseKind kind, absl::Time now) {
  CaseRecord out;
  ASSIGN_OR_RETURN(out.local_authority, record.RequiredString("localAuthority"));
  RETURN_IF_ERROR(records::CheckReference(record.PathOf("localAuthority"), out.local_authority, kMaxAuthorityChars));
  ASSIGN_OR_RETURN(out.case_reference, record.RequiredString("caseReference"));
  RETURN_IF_ERROR(records::CheckReference(record.PathOf("caseReference"), out.case_reference, kMaxCaseReferenceChars));
  ASSIGN_OR_RETURN(auto reasons, record.StringArray("reasons"));
  out.reasons = ReasonsFromCodes(reasons);
  ASSIGN_OR_RETURN(auto stage, record.OptionalString("stage"));
  ASSIGN_OR_RETURN(out.stage, Stage(record.PathOf("stage"), stage, kind));
  ASSIGN_OR_RETURN(out.recorded_at, record.RequiredTime("recordedAt"));
  ASSIGN_OR_RETURN(auto summary, record.OptionalString("summary"));
  out.summary = summary.value_or("");
  ASSIGN_OR_RETURN(out.handling,
                   records::ReadJsonHandling(record, "socialWorker", api::CLASSIFICATION_OFFICIAL_SENSITIVE));
  ASSIGN_OR_RETURN(auto adults, record.ObjectArray("adults"));
  RETURN_IF_ERROR(CheckCount(record.PathOf("adults"), adults.size()));
  for (const JsonObject& object : adults) {
    ASSIGN_OR_RETURN(Adult adult, ReadJsonAdult(object, now));
    out.adults.push_back(std::move(adult));
  }
  ASSIGN_OR_RETURN(auto children, record.ObjectArray("children"));
  RETURN_IF_ERROR(CheckCount(record.PathOf("children"), children.size()));
  for (const JsonObject& object : children) {
    ASSIGN_OR_RETURN(api::RelatedPerson child, records::ReadJsonChild(object, out.recorded_at, now));
    out.children.push_back(std::move(child));
  }
  return out;
}

absl::StatusOr<CaseRecord> ReadCsvCase(const CsvFields& row, CaseKind kind, absl::Time now) {
  CaseRecord out;
  ASSIGN_OR_RETURN(out.local_authority, row.Required("local_authority"));
  RETURN_IF_ERROR(
      records::CheckReference(CsvFields::PathOf("local_authority"), out.local_authority, kMaxAuthorityChars));
  ASSIGN_OR_RETURN(out.case_reference, row.Required("case_reference"));
  RETURN_IF_ERROR(
      records::CheckReference(CsvFields::PathOf("case_reference"), out.case_reference, kMaxCaseReferenceChars));
  out.reasons = ReasonsFromCodes(row.List("reasons"));
  ASSIGN_OR_RETURN(out.stage, Stage(CsvFields::PathOf("stage"), row.Optional("stage"), kind));
  ASSIGN_OR_RETURN(out.recorded_at, row.RequiredTime("recorded_at"));
  out.summary = row.Optional("summary").value_or("");
  ASSIGN_OR_RETURN(out.handling,
                   records::ReadCsvHandling(row, "social_worker", api::CLASSIFICATION_OFFICIAL_SENSITIVE));

  // One row is one adult of concern's notification: the subject, a partner,
  // children.
  ASSIGN_OR_RETURN(auto subject, records::ReadCsvPerson(row, "subject", now));
  if (!subject.has_value()) return out;  // no adult of concern: nothing to share
  Adult concern;
  concern.involvement = Involvement::kConcern;
  concern.person = *std::move(subject);
  ASSIGN_OR_RETURN(concern.ref, records::ReadCsvPersonRef(row, "subject"));
  concern.relationship_to_child = row.Optional("subject_relationship_to_child");
  RETURN_IF_ERROR(CheckRelationship(CsvFields::PathOf("subject_relationship_to_child"), concern.relationship_to_child));
  out.adults.push_back(std::move(concern));
  ASSIGN_OR_RETURN(auto partner, records::ReadCsvPerson(row, "partner", now));
  if (partner.has_value()) {
    Adult adult;
    adult.involvement = Involvement::kPartner;
    adult.person = *std::move(partner);
    out.adults.push_back(std::move(adult));
  }
  ASSIGN_OR_RETURN(out.children, records::ReadCsvChildren(row, out.recorded_at, now));
  return out;
}

absl::StatusOr<std::vector<v1::Action>> BuildCaseActions(const CaseRecord& record, absl::Time now) {
  std::vector<v1::Action> actions;
  int concerns = 0;
  for (size_t i = 0; i < record.adults.size(); ++i) {
    if (record.adults[i].involvement != Involvement::kConcern) continue;
    ++concerns;
    const std::string person_key = record.adults[i].ref.value_or(absl::StrCat("a", concerns));
    const std::string prefix = absl::StrCat("sc:", record.local_authority, ":", record.case_reference, ":",
                                            StageRefName(record.stage), ":", person_key);
    ASSIGN_OR_RETURN(v1::Action action, records::FinishSubmit(ReferralFor(record, i), prefix, now));
    actions.push_back(std::move(action));
  }
  return actions;
}

}  // namespace liaison::adapters::social_care
