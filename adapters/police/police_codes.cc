#include "adapters/police/police_codes.h"

#include <iterator>
#include <utility>

#include "adapters/police/record_fields.h"

namespace liaison::adapters::police {
namespace {

struct IncidentCode {
  const char* code;  // normalised
  liaison::v1::CalloutIncidentType type;
};

constexpr IncidentCode kIncidentCodes[] = {
    {"da", liaison::v1::CALLOUT_INCIDENT_TYPE_DOMESTIC_ABUSE},
    {"dom", liaison::v1::CALLOUT_INCIDENT_TYPE_DOMESTIC_ABUSE},
    {"domestic", liaison::v1::CALLOUT_INCIDENT_TYPE_DOMESTIC_ABUSE},
    {"domesticabuse", liaison::v1::CALLOUT_INCIDENT_TYPE_DOMESTIC_ABUSE},
    {"domesticincident", liaison::v1::CALLOUT_INCIDENT_TYPE_DOMESTIC_ABUSE},
    {"dv", liaison::v1::CALLOUT_INCIDENT_TYPE_DOMESTIC_ABUSE},
    {"sex", liaison::v1::CALLOUT_INCIDENT_TYPE_SEXUAL_OFFENCE},
    {"sexoff", liaison::v1::CALLOUT_INCIDENT_TYPE_SEXUAL_OFFENCE},
    {"sexualoffence", liaison::v1::CALLOUT_INCIDENT_TYPE_SEXUAL_OFFENCE},
    {"child", liaison::v1::CALLOUT_INCIDENT_TYPE_CHILD_CONCERN},
    {"childconcern", liaison::v1::CALLOUT_INCIDENT_TYPE_CHILD_CONCERN},
    {"childatrisk", liaison::v1::CALLOUT_INCIDENT_TYPE_CHILD_CONCERN},
    {"viol", liaison::v1::CALLOUT_INCIDENT_TYPE_VIOLENCE},
    {"violence", liaison::v1::CALLOUT_INCIDENT_TYPE_VIOLENCE},
    {"assault", liaison::v1::CALLOUT_INCIDENT_TYPE_VIOLENCE},
    {"cfw", liaison::v1::CALLOUT_INCIDENT_TYPE_CONCERN_FOR_WELFARE},
    {"welfare", liaison::v1::CALLOUT_INCIDENT_TYPE_CONCERN_FOR_WELFARE},
    {"concernforwelfare", liaison::v1::CALLOUT_INCIDENT_TYPE_CONCERN_FOR_WELFARE},
    {"po", liaison::v1::CALLOUT_INCIDENT_TYPE_PUBLIC_ORDER},
    {"publicorder", liaison::v1::CALLOUT_INCIDENT_TYPE_PUBLIC_ORDER},
    {"asb", liaison::v1::CALLOUT_INCIDENT_TYPE_PUBLIC_ORDER},
    {"other", liaison::v1::CALLOUT_INCIDENT_TYPE_OTHER},
};

// Most serious first. Domestic abuse leads because it qualifies any other
// type (a domestic sexual assault is domestic abuse too) and the shipped
// policy's callout rules, children's services included, key on it.
constexpr liaison::v1::CalloutIncidentType kSeriousness[] = {
    liaison::v1::CALLOUT_INCIDENT_TYPE_DOMESTIC_ABUSE,
    liaison::v1::CALLOUT_INCIDENT_TYPE_SEXUAL_OFFENCE,
    liaison::v1::CALLOUT_INCIDENT_TYPE_CHILD_CONCERN,
    liaison::v1::CALLOUT_INCIDENT_TYPE_VIOLENCE,
    liaison::v1::CALLOUT_INCIDENT_TYPE_CONCERN_FOR_WELFARE,
    liaison::v1::CALLOUT_INCIDENT_TYPE_PUBLIC_ORDER,
    liaison::v1::CALLOUT_INCIDENT_TYPE_OTHER,
};

int Rank(liaison::v1::CalloutIncidentType type) {
  for (size_t i = 0; i < std::size(kSeriousness); ++i) {
    if (kSeriousness[i] == type) return static_cast<int>(i);
  }
  return static_cast<int>(std::size(kSeriousness));
}

struct RoleCode {
  const char* code;  // normalised
  IncidentRole role;
  liaison::v1::RelatedRole related_role;
};

constexpr RoleCode kRoleCodes[] = {
    {"suspect", IncidentRole::kSuspect, liaison::v1::RELATED_ROLE_UNSPECIFIED},
    {"perpetrator", IncidentRole::kSuspect, liaison::v1::RELATED_ROLE_UNSPECIFIED},
    {"allegedperpetrator", IncidentRole::kSuspect, liaison::v1::RELATED_ROLE_UNSPECIFIED},
    {"offender", IncidentRole::kSuspect, liaison::v1::RELATED_ROLE_UNSPECIFIED},
    {"victim", IncidentRole::kRelated, liaison::v1::RELATED_ROLE_VICTIM},
    {"injuredparty", IncidentRole::kRelated, liaison::v1::RELATED_ROLE_VICTIM},
    {"ip", IncidentRole::kRelated, liaison::v1::RELATED_ROLE_VICTIM},
    {"partner", IncidentRole::kRelated, liaison::v1::RELATED_ROLE_PARTNER},
    {"expartner", IncidentRole::kRelated, liaison::v1::RELATED_ROLE_PARTNER},
    {"child", IncidentRole::kRelated, liaison::v1::RELATED_ROLE_CHILD},
    {"caller", IncidentRole::kRelated, liaison::v1::RELATED_ROLE_CALLER},
    {"informant", IncidentRole::kRelated, liaison::v1::RELATED_ROLE_CALLER},
    {"reportingperson", IncidentRole::kRelated, liaison::v1::RELATED_ROLE_CALLER},
    {"witness", IncidentRole::kNotShared, liaison::v1::RELATED_ROLE_UNSPECIFIED},
    {"other", IncidentRole::kNotShared, liaison::v1::RELATED_ROLE_UNSPECIFIED},
    {"involved", IncidentRole::kNotShared, liaison::v1::RELATED_ROLE_UNSPECIFIED},
};

struct OutcomeCode {
  const char* code;  // normalised
  liaison::v1::ArrestOutcome outcome;
};

constexpr OutcomeCode kOutcomeCodes[] = {
    {"incustody", liaison::v1::ARREST_OUTCOME_IN_CUSTODY},
    {"detained", liaison::v1::ARREST_OUTCOME_IN_CUSTODY},
    {"rui", liaison::v1::ARREST_OUTCOME_RELEASED_UNDER_INVESTIGATION},
    {"releasedunderinvestigation", liaison::v1::ARREST_OUTCOME_RELEASED_UNDER_INVESTIGATION},
    {"bail", liaison::v1::ARREST_OUTCOME_BAILED},
    {"bailed", liaison::v1::ARREST_OUTCOME_BAILED},
    {"policebail", liaison::v1::ARREST_OUTCOME_BAILED},
    {"prechargebail", liaison::v1::ARREST_OUTCOME_BAILED},
    {"charged", liaison::v1::ARREST_OUTCOME_CHARGED},
    {"chargedandbailed", liaison::v1::ARREST_OUTCOME_CHARGED},
    {"remanded", liaison::v1::ARREST_OUTCOME_REMANDED},
    {"remand", liaison::v1::ARREST_OUTCOME_REMANDED},
    {"chargedandremanded", liaison::v1::ARREST_OUTCOME_REMANDED},
    {"nfa", liaison::v1::ARREST_OUTCOME_NO_FURTHER_ACTION},
    {"nofurtheraction", liaison::v1::ARREST_OUTCOME_NO_FURTHER_ACTION},
    {"caution", liaison::v1::ARREST_OUTCOME_CAUTIONED},
    {"cautioned", liaison::v1::ARREST_OUTCOME_CAUTIONED},
    {"simplecaution", liaison::v1::ARREST_OUTCOME_CAUTIONED},
    {"conditionalcaution", liaison::v1::ARREST_OUTCOME_CAUTIONED},
    {"diversionarycaution", liaison::v1::ARREST_OUTCOME_CAUTIONED},
    {"communitycaution", liaison::v1::ARREST_OUTCOME_CAUTIONED},
};

}  // namespace

liaison::v1::CalloutIncidentType IncidentTypeFromCode(absl::string_view code) {
  const std::string normalised = records::NormaliseCode(code);
  for (const IncidentCode& entry : kIncidentCodes) {
    if (normalised == entry.code) return entry.type;
  }
  return liaison::v1::CALLOUT_INCIDENT_TYPE_OTHER;
}

liaison::v1::CalloutIncidentType MostSeriousIncidentType(const std::vector<std::string>& codes, bool domestic_flag) {
  liaison::v1::CalloutIncidentType best = domestic_flag ? liaison::v1::CALLOUT_INCIDENT_TYPE_DOMESTIC_ABUSE
                                                        : liaison::v1::CALLOUT_INCIDENT_TYPE_UNSPECIFIED;
  for (const std::string& code : codes) {
    const liaison::v1::CalloutIncidentType type = IncidentTypeFromCode(code);
    if (best == liaison::v1::CALLOUT_INCIDENT_TYPE_UNSPECIFIED || Rank(type) < Rank(best)) best = type;
  }
  return best;
}

std::optional<RoleMapping> RoleFromCode(absl::string_view code) {
  const std::string normalised = records::NormaliseCode(code);
  for (const RoleCode& entry : kRoleCodes) {
    if (normalised == entry.code) return RoleMapping{entry.role, entry.related_role};
  }
  return std::nullopt;
}

std::optional<liaison::v1::ArrestOutcome> ArrestOutcomeFromCode(absl::string_view code) {
  const std::string normalised = records::NormaliseCode(code);
  for (const OutcomeCode& entry : kOutcomeCodes) {
    if (normalised == entry.code) return entry.outcome;
  }
  return std::nullopt;
}

absl::string_view OutcomeRefName(liaison::v1::ArrestOutcome outcome) {
  switch (outcome) {
    case liaison::v1::ARREST_OUTCOME_IN_CUSTODY:
      return "custody";
    case liaison::v1::ARREST_OUTCOME_RELEASED_UNDER_INVESTIGATION:
      return "rui";
    case liaison::v1::ARREST_OUTCOME_BAILED:
      return "bailed";
    case liaison::v1::ARREST_OUTCOME_CHARGED:
      return "charged";
    case liaison::v1::ARREST_OUTCOME_REMANDED:
      return "remanded";
    case liaison::v1::ARREST_OUTCOME_NO_FURTHER_ACTION:
      return "nfa";
    case liaison::v1::ARREST_OUTCOME_CAUTIONED:
      return "cautioned";
    default:
      return "pending";
  }
}

}  // namespace liaison::adapters::police
