#include "adapters/prison/mail_flag.h"

#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "broker/common/proto_time.h"
#include "broker/common/status_macros.h"
#include "broker/validation/notification_validation.h"

namespace liaison::adapters::prison {
namespace {

struct Name {
  absl::string_view text;
  int value;
};

// `text` (case-insensitive) among `names`, or "path: is not one of <list>".
absl::StatusOr<int> Lookup(absl::string_view path, absl::string_view text, std::initializer_list<Name> names,
                           absl::string_view list) {
  const std::string upper = absl::AsciiStrToUpper(absl::StripAsciiWhitespace(text));
  for (const Name& name : names) {
    if (upper == name.text) return name.value;
  }
  return JsonFieldError(path, absl::StrCat("is not one of ", list));
}

absl::StatusOr<api::IdentifierType> ParseIdentifierType(absl::string_view path, absl::string_view text) {
  ASSIGN_OR_RETURN(int type, Lookup(path, text,
                                    {{"CRN", api::IDENTIFIER_TYPE_CRN},
                                     {"NOMS", api::IDENTIFIER_TYPE_NOMS},
                                     {"PNC", api::IDENTIFIER_TYPE_PNC},
                                     {"CRO", api::IDENTIFIER_TYPE_CRO}},
                                    "CRN, NOMS, PNC, CRO"));
  return static_cast<api::IdentifierType>(type);
}

absl::StatusOr<api::Address> ReadAddressJson(const JsonObject& object) {
  api::Address address;
  ASSIGN_OR_RETURN(std::vector<std::string> lines, object.StringArray("lines"));
  for (std::string& line : lines) address.add_lines(std::move(line));
  ASSIGN_OR_RETURN(std::optional<std::string> town, object.OptionalString("town"));
  ASSIGN_OR_RETURN(std::optional<std::string> postcode, object.OptionalString("postcode"));
  if (town.has_value()) address.set_town(*town);
  if (postcode.has_value()) address.set_postcode(*postcode);
  return address;
}

void AddIdentifier(api::IdentifierType type, const std::optional<std::string>& value, api::PersonDescriptor* person) {
  if (!value.has_value()) return;
  api::Identifier* id = person->add_identifiers();
  id->set_type(type);
  id->set_value(*value);
}

absl::StatusOr<api::PersonDescriptor> ReadCorrespondentCsv(const CsvFields& fields) {
  api::PersonDescriptor person;
  AddIdentifier(api::IDENTIFIER_TYPE_NOMS, fields.Optional("correspondent_noms"), &person);
  AddIdentifier(api::IDENTIFIER_TYPE_CRN, fields.Optional("correspondent_crn"), &person);
  AddIdentifier(api::IDENTIFIER_TYPE_PNC, fields.Optional("correspondent_pnc"), &person);
  AddIdentifier(api::IDENTIFIER_TYPE_CRO, fields.Optional("correspondent_cro"), &person);
  if (auto given = fields.Optional("correspondent_given_names")) person.mutable_name()->set_given_names(*given);
  if (auto family = fields.Optional("correspondent_family_name")) person.mutable_name()->set_family_name(*family);
  ASSIGN_OR_RETURN(std::optional<std::string> dob, fields.OptionalDate("correspondent_date_of_birth"));
  if (dob.has_value()) person.set_date_of_birth(*dob);
  api::Address address;
  for (std::string& line : fields.List("correspondent_address_lines")) address.add_lines(std::move(line));
  if (auto town = fields.Optional("correspondent_town")) address.set_town(*town);
  if (auto postcode = fields.Optional("correspondent_postcode")) address.set_postcode(*postcode);
  if (address.ByteSizeLong() > 0) *person.add_addresses() = std::move(address);
  return person;
}

api::RelatedRole RoleFor(api::MailConcern concern) {
  switch (concern) {
    case api::MAIL_CONCERN_CONTACT_WITH_VICTIM:
      return api::RELATED_ROLE_VICTIM;
    case api::MAIL_CONCERN_CONTACT_WITH_CHILD:
      return api::RELATED_ROLE_CHILD;
    default:
      return api::RELATED_ROLE_CORRESPONDENT;
  }
}

}  // namespace

absl::StatusOr<api::MailDirection> ParseDirection(absl::string_view path, absl::string_view text) {
  ASSIGN_OR_RETURN(int value, Lookup(path, text,
                                     {{"INCOMING", api::MAIL_DIRECTION_INCOMING},
                                      {"IN", api::MAIL_DIRECTION_INCOMING},
                                      {"OUTGOING", api::MAIL_DIRECTION_OUTGOING},
                                      {"OUT", api::MAIL_DIRECTION_OUTGOING}},
                                     "INCOMING, OUTGOING"));
  return static_cast<api::MailDirection>(value);
}

absl::StatusOr<api::MailConcern> ParseConcern(absl::string_view path, absl::string_view text) {
  ASSIGN_OR_RETURN(int value, Lookup(path, text,
                                     {{"VICTIM", api::MAIL_CONCERN_CONTACT_WITH_VICTIM},
                                      {"CONTACT_WITH_VICTIM", api::MAIL_CONCERN_CONTACT_WITH_VICTIM},
                                      {"CHILD", api::MAIL_CONCERN_CONTACT_WITH_CHILD},
                                      {"CONTACT_WITH_CHILD", api::MAIL_CONCERN_CONTACT_WITH_CHILD},
                                      {"KNOWN_OFFENDER", api::MAIL_CONCERN_CONTACT_WITH_KNOWN_OFFENDER},
                                      {"CONTACT_WITH_KNOWN_OFFENDER", api::MAIL_CONCERN_CONTACT_WITH_KNOWN_OFFENDER},
                                      {"OTHER", api::MAIL_CONCERN_OTHER}},
                                     "VICTIM, CHILD, KNOWN_OFFENDER, OTHER"));
  return static_cast<api::MailConcern>(value);
}

absl::StatusOr<MonitoringMedium> ParseMedium(absl::string_view path, absl::string_view text) {
  ASSIGN_OR_RETURN(int value, Lookup(path, text,
                                     {{"MAIL", static_cast<int>(MonitoringMedium::kMail)},
                                      {"TELEPHONE", static_cast<int>(MonitoringMedium::kTelephone)}},
                                     "MAIL, TELEPHONE"));
  return static_cast<MonitoringMedium>(value);
}

absl::StatusOr<api::PersonDescriptor> ReadPersonJson(const JsonObject& object) {
  api::PersonDescriptor person;
  ASSIGN_OR_RETURN(std::vector<JsonObject> ids, object.ObjectArray("identifiers"));
  for (const JsonObject& id : ids) {
    ASSIGN_OR_RETURN(std::string type_text, id.RequiredString("type"));
    ASSIGN_OR_RETURN(api::IdentifierType type, ParseIdentifierType(id.PathOf("type"), type_text));
    ASSIGN_OR_RETURN(std::string value, id.RequiredString("value"));
    AddIdentifier(type, value, &person);
  }
  ASSIGN_OR_RETURN(std::optional<std::string> given, object.OptionalString("givenNames"));
  ASSIGN_OR_RETURN(std::optional<std::string> family, object.OptionalString("familyName"));
  if (given.has_value()) person.mutable_name()->set_given_names(*given);
  if (family.has_value()) person.mutable_name()->set_family_name(*family);
  ASSIGN_OR_RETURN(std::optional<std::string> dob, object.OptionalDate("dateOfBirth"));
  if (dob.has_value()) person.set_date_of_birth(*dob);
  ASSIGN_OR_RETURN(std::optional<JsonObject> address, object.OptionalObject("address"));
  if (address.has_value()) {
    ASSIGN_OR_RETURN(*person.add_addresses(), ReadAddressJson(*address));
  }
  return person;
}

absl::StatusOr<MailFlagDraft> ReadMailFlagJson(const JsonObject& object) {
  MailFlagDraft draft;
  ASSIGN_OR_RETURN(std::optional<std::string> establishment, object.OptionalString("establishment"));
  if (establishment.has_value()) draft.establishment = absl::AsciiStrToUpper(*establishment);
  ASSIGN_OR_RETURN(std::optional<std::string> direction, object.OptionalString("direction"));
  if (direction.has_value()) {
    ASSIGN_OR_RETURN(draft.direction, ParseDirection(object.PathOf("direction"), *direction));
  }
  ASSIGN_OR_RETURN(std::optional<std::string> concern, object.OptionalString("concern"));
  if (concern.has_value()) {
    ASSIGN_OR_RETURN(draft.concern, ParseConcern(object.PathOf("concern"), *concern));
  }
  ASSIGN_OR_RETURN(std::optional<std::string> medium, object.OptionalString("medium"));
  if (medium.has_value()) {
    ASSIGN_OR_RETURN(draft.medium, ParseMedium(object.PathOf("medium"), *medium));
  }
  ASSIGN_OR_RETURN(std::optional<std::string> reference, object.OptionalString("monitoringReference"));
  draft.monitoring_reference = reference.value_or("");
  ASSIGN_OR_RETURN(std::optional<std::string> summary, object.OptionalString("summary"));
  draft.summary = summary.value_or("");
  ASSIGN_OR_RETURN(std::optional<std::string> contact, object.OptionalString("originatorContact"));
  draft.originator_contact = contact.value_or("");
  ASSIGN_OR_RETURN(draft.flagged_at, object.OptionalTime("flaggedAt"));
  ASSIGN_OR_RETURN(std::optional<JsonObject> correspondent, object.OptionalObject("correspondent"));
  if (correspondent.has_value()) {
    ASSIGN_OR_RETURN(draft.correspondent, ReadPersonJson(*correspondent));
  }
  return draft;
}

absl::StatusOr<MailFlagDraft> ReadMailFlagCsv(const CsvFields& fields) {
  MailFlagDraft draft;
  ASSIGN_OR_RETURN(std::string establishment, fields.Required("establishment"));
  draft.establishment = absl::AsciiStrToUpper(establishment);
  ASSIGN_OR_RETURN(draft.prisoner_noms, fields.Required("prisoner_noms"));
  if (auto given = fields.Optional("prisoner_given_names")) draft.prisoner.mutable_name()->set_given_names(*given);
  if (auto family = fields.Optional("prisoner_family_name")) draft.prisoner.mutable_name()->set_family_name(*family);
  ASSIGN_OR_RETURN(std::optional<std::string> dob, fields.OptionalDate("prisoner_date_of_birth"));
  if (dob.has_value()) draft.prisoner.set_date_of_birth(*dob);
  ASSIGN_OR_RETURN(std::string direction, fields.Required("direction"));
  ASSIGN_OR_RETURN(draft.direction, ParseDirection(CsvFields::PathOf("direction"), direction));
  ASSIGN_OR_RETURN(std::string concern, fields.Required("concern"));
  ASSIGN_OR_RETURN(draft.concern, ParseConcern(CsvFields::PathOf("concern"), concern));
  if (auto medium = fields.Optional("medium")) {
    ASSIGN_OR_RETURN(draft.medium, ParseMedium(CsvFields::PathOf("medium"), *medium));
  }
  ASSIGN_OR_RETURN(draft.monitoring_reference, fields.Required("monitoring_reference"));
  draft.summary = fields.Optional("summary").value_or("");
  draft.originator_contact = fields.Optional("originator_contact").value_or("");
  ASSIGN_OR_RETURN(absl::Time flagged_at, fields.RequiredTime("flagged_at"));
  draft.flagged_at = flagged_at;
  ASSIGN_OR_RETURN(api::PersonDescriptor correspondent, ReadCorrespondentCsv(fields));
  if (correspondent.ByteSizeLong() > 0) draft.correspondent = std::move(correspondent);
  return draft;
}

absl::StatusOr<v1::Action> BuildMailFlagAction(const MailFlagDraft& draft, std::string source_ref,
                                               absl::Time occurred_at, absl::Time now) {
  api::Notification notification;
  notification.set_source_ref(source_ref);
  *notification.mutable_occurred_at() = ToProtoTime(occurred_at);
  notification.set_classification(api::CLASSIFICATION_OFFICIAL_SENSITIVE);
  notification.set_originator_contact(draft.originator_contact);
  *notification.mutable_subject() = draft.prisoner;
  bool has_noms = false;
  for (const api::Identifier& id : draft.prisoner.identifiers()) {
    has_noms = has_noms || id.type() == api::IDENTIFIER_TYPE_NOMS;
  }
  if (!has_noms && !draft.prisoner_noms.empty()) {
    AddIdentifier(api::IDENTIFIER_TYPE_NOMS, draft.prisoner_noms, notification.mutable_subject());
  }
  api::PrisonMailFlag* flag = notification.mutable_prison_mail_flag();
  flag->set_establishment(draft.establishment);
  flag->set_prisoner_noms(draft.prisoner_noms);
  flag->set_direction(draft.direction);
  flag->set_concern(draft.concern);
  flag->set_monitoring_reference(draft.monitoring_reference);
  if (draft.medium == MonitoringMedium::kTelephone) {
    // PrisonMailFlag has no medium: say so where every reader sees it.
    flag->set_summary(draft.summary.empty() ? "Telephone monitoring."
                                            : absl::StrCat("Telephone monitoring: ", draft.summary));
  } else {
    flag->set_summary(draft.summary);
  }
  if (draft.correspondent.has_value()) {
    *flag->mutable_correspondent() = *draft.correspondent;
    api::RelatedPerson* related = notification.add_related_people();
    related->set_role(RoleFor(draft.concern));
    *related->mutable_person() = *draft.correspondent;
  }
  api::Notification checked = notification;
  RETURN_IF_ERROR(validation::ValidateNotification(&checked, now));
  v1::Action action;
  action.set_ref(std::move(source_ref));
  *action.mutable_submit() = std::move(notification);
  return action;
}

}  // namespace liaison::adapters::prison
