#include "broker/validation/notification_validation.h"

#include "absl/strings/str_cat.h"
#include "broker/common/proto_time.h"
#include "broker/common/status_macros.h"
#include "broker/identifiers/identifiers.h"
#include "broker/validation/field_checks.h"
#include "broker/validation/person_validation.h"

namespace liaison::validation {
namespace {

template <typename Enum>
absl::Status CheckEnum(absl::string_view path, int value, bool (*is_valid)(int)) {
  if (value == 0) return FieldError(path, "is required");
  if (!is_valid(value)) return FieldError(path, "is not a known value");
  return absl::OkStatus();
}

absl::Status ValidateCallout(const v1::PoliceCallout& callout, absl::Time now) {
  const std::string path = "police_callout";
  RETURN_IF_ERROR(CheckEnum<v1::CalloutIncidentType>(Child(path, "incident_type"), callout.incident_type(),
                                                     v1::CalloutIncidentType_IsValid));
  RETURN_IF_ERROR(CheckText(Child(path, "police_reference"), callout.police_reference(), 64, false));
  RETURN_IF_ERROR(ValidateAddress(Child(path, "location"), callout.location()));
  RETURN_IF_ERROR(CheckTimestamp(Child(path, "attended_at"), callout.attended_at(), now, false));
  return CheckText(Child(path, "summary"), callout.summary(), kMaxSummaryChars, false, TextKind::kMultiline);
}

absl::Status ValidateArrest(const v1::Arrest& arrest, absl::Time now) {
  const std::string path = "arrest";
  RETURN_IF_ERROR(CheckText(Child(path, "offence"), arrest.offence(), 200, true));
  RETURN_IF_ERROR(CheckText(Child(path, "custody_suite"), arrest.custody_suite(), 100, false));
  RETURN_IF_ERROR(CheckText(Child(path, "custody_record_number"), arrest.custody_record_number(), 64, false));
  RETURN_IF_ERROR(CheckTimestamp(Child(path, "arrested_at"), arrest.arrested_at(), now, false));
  if (!v1::ArrestOutcome_IsValid(arrest.outcome())) {
    return FieldError(Child(path, "outcome"), "is not a known value");
  }
  return CheckText(Child(path, "summary"), arrest.summary(), kMaxSummaryChars, false, TextKind::kMultiline);
}

absl::Status ValidateReferral(const v1::SocialCareReferral& referral) {
  const std::string path = "social_care_referral";
  RETURN_IF_ERROR(CheckText(Child(path, "local_authority"), referral.local_authority(), 100, true));
  RETURN_IF_ERROR(CheckText(Child(path, "case_reference"), referral.case_reference(), 64, false));
  for (int i = 0; i < referral.reasons_size(); ++i) {
    RETURN_IF_ERROR(CheckEnum<v1::ReferralReason>(Indexed(Child(path, "reasons"), i), referral.reasons(i),
                                                  v1::ReferralReason_IsValid));
  }
  RETURN_IF_ERROR(CheckEnum<v1::ChildProtectionStage>(Child(path, "stage"), referral.stage(),
                                                      v1::ChildProtectionStage_IsValid));
  return CheckText(Child(path, "summary"), referral.summary(), kMaxSummaryChars, false, TextKind::kMultiline);
}

absl::Status ValidateMailFlag(v1::PrisonMailFlag* flag, const v1::PersonDescriptor& subject,
                              absl::CivilYear year) {
  const std::string path = "prison_mail_flag";
  RETURN_IF_ERROR(CheckText(Child(path, "establishment"), flag->establishment(), 16, true));
  if (!flag->prisoner_noms().empty()) {
    auto noms = identifiers::CanonicalNoms(flag->prisoner_noms());
    if (!noms.ok()) return FieldError(Child(path, "prisoner_noms"), noms.status().message());
    flag->set_prisoner_noms(*noms);
    for (const v1::Identifier& id : subject.identifiers()) {
      if (id.type() == v1::IDENTIFIER_TYPE_NOMS && id.value() != *noms) {
        return FieldError(Child(path, "prisoner_noms"), "disagrees with the subject's NOMS number");
      }
    }
  }
  RETURN_IF_ERROR(CheckEnum<v1::MailDirection>(Child(path, "direction"), flag->direction(),
                                               v1::MailDirection_IsValid));
  RETURN_IF_ERROR(CheckEnum<v1::MailConcern>(Child(path, "concern"), flag->concern(), v1::MailConcern_IsValid));
  RETURN_IF_ERROR(CheckText(Child(path, "monitoring_reference"), flag->monitoring_reference(), 64, false));
  if (flag->has_correspondent()) {
    RETURN_IF_ERROR(ValidatePerson(Child(path, "correspondent"), flag->mutable_correspondent(), year, false));
  }
  return CheckText(Child(path, "summary"), flag->summary(), kMaxSummaryChars, false, TextKind::kMultiline);
}

absl::Status ValidateEvent(v1::Notification* n, absl::Time now, absl::CivilYear year) {
  switch (n->event_case()) {
    case v1::Notification::kPoliceCallout:
      return ValidateCallout(n->police_callout(), now);
    case v1::Notification::kArrest:
      return ValidateArrest(n->arrest(), now);
    case v1::Notification::kSocialCareReferral:
      return ValidateReferral(n->social_care_referral());
    case v1::Notification::kPrisonMailFlag:
      return ValidateMailFlag(n->mutable_prison_mail_flag(), n->subject(), year);
    case v1::Notification::EVENT_NOT_SET:
      break;
  }
  return FieldError("event",
                    "exactly one of police_callout, arrest, social_care_referral, prison_mail_flag is required");
}

absl::Status ValidateRelated(v1::Notification* n, absl::CivilYear year) {
  if (n->related_people_size() > kMaxRelatedPeople) {
    return FieldError("related_people", "more than 50 people");
  }
  for (int i = 0; i < n->related_people_size(); ++i) {
    const std::string path = Indexed("related_people", i);
    v1::RelatedPerson* related = n->mutable_related_people(i);
    RETURN_IF_ERROR(CheckEnum<v1::RelatedRole>(Child(path, "role"), related->role(), v1::RelatedRole_IsValid));
    if (related->has_age() && (related->age() < 0 || related->age() > 130)) {
      return FieldError(Child(path, "age"), "must be between 0 and 130");
    }
    RETURN_IF_ERROR(ValidatePerson(Child(path, "person"), related->mutable_person(), year, false));
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status ValidateNotification(v1::Notification* n, absl::Time now) {
  const absl::CivilYear year = absl::ToCivilYear(now, absl::UTCTimeZone());
  RETURN_IF_ERROR(CheckText("source_ref", n->source_ref(), kMaxSourceRefChars, true));
  RETURN_IF_ERROR(CheckTimestamp("occurred_at", n->occurred_at(), now, true));
  RETURN_IF_ERROR(CheckEnum<v1::Classification>("classification", n->classification(),
                                                v1::Classification_IsValid));
  for (int i = 0; i < n->caveats_size(); ++i) {
    RETURN_IF_ERROR(CheckEnum<v1::Caveat>(Indexed("caveats", i), n->caveats(i), v1::Caveat_IsValid));
  }
  RETURN_IF_ERROR(CheckText("originator_contact", n->originator_contact(), 200, false));
  if (!n->has_subject()) return FieldError("subject", "is required");
  RETURN_IF_ERROR(ValidatePerson("subject", n->mutable_subject(), year, /*require_identity=*/true));
  RETURN_IF_ERROR(ValidateRelated(n, year));
  return ValidateEvent(n, now, year);
}

}  // namespace liaison::validation
