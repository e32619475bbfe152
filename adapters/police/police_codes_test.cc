#include "adapters/police/police_codes.h"

#include <optional>
#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace liaison::adapters::police {
namespace {

namespace api = ::liaison::v1;

struct TypeCase {
  std::vector<std::string> codes;
  bool domestic;
  api::CalloutIncidentType expected;
};

TEST(PoliceCodes, IncidentTypesChooseTheMostSerious) {
  const TypeCase cases[] = {
      {{"DA"}, false, api::CALLOUT_INCIDENT_TYPE_DOMESTIC_ABUSE},
      {{"Domestic Abuse"}, false, api::CALLOUT_INCIDENT_TYPE_DOMESTIC_ABUSE},
      {{"dv"}, false, api::CALLOUT_INCIDENT_TYPE_DOMESTIC_ABUSE},
      {{"SEXOFF"}, false, api::CALLOUT_INCIDENT_TYPE_SEXUAL_OFFENCE},
      {{"child-concern"}, false, api::CALLOUT_INCIDENT_TYPE_CHILD_CONCERN},
      {{"ASSAULT"}, false, api::CALLOUT_INCIDENT_TYPE_VIOLENCE},
      {{"CFW"}, false, api::CALLOUT_INCIDENT_TYPE_CONCERN_FOR_WELFARE},
      {{"ASB"}, false, api::CALLOUT_INCIDENT_TYPE_PUBLIC_ORDER},
      {{"BURGLARY"}, false, api::CALLOUT_INCIDENT_TYPE_OTHER},
      {{"ASB", "VIOL", "CFW"}, false, api::CALLOUT_INCIDENT_TYPE_VIOLENCE},
      {{"VIOL", "SEX"}, false, api::CALLOUT_INCIDENT_TYPE_SEXUAL_OFFENCE},
      {{"SEX", "DA"}, false, api::CALLOUT_INCIDENT_TYPE_DOMESTIC_ABUSE},
      {{"VIOL", "child"}, false, api::CALLOUT_INCIDENT_TYPE_CHILD_CONCERN},
      {{"BURGLARY", "PO"}, false, api::CALLOUT_INCIDENT_TYPE_PUBLIC_ORDER},
      {{"VIOL"}, true, api::CALLOUT_INCIDENT_TYPE_DOMESTIC_ABUSE},
      {{}, true, api::CALLOUT_INCIDENT_TYPE_DOMESTIC_ABUSE},
      {{}, false, api::CALLOUT_INCIDENT_TYPE_UNSPECIFIED},
  };
  for (const TypeCase& c : cases) {
    EXPECT_EQ(MostSeriousIncidentType(c.codes, c.domestic), c.expected) << ::testing::PrintToString(c.codes);
  }
}

TEST(PoliceCodes, Roles) {
  struct RoleCase {
    const char* code;
    IncidentRole role;
    api::RelatedRole related;
  };
  const RoleCase cases[] = {
      {"suspect", IncidentRole::kSuspect, api::RELATED_ROLE_UNSPECIFIED},
      {"Perpetrator", IncidentRole::kSuspect, api::RELATED_ROLE_UNSPECIFIED},
      {"alleged perpetrator", IncidentRole::kSuspect, api::RELATED_ROLE_UNSPECIFIED},
      {"OFFENDER", IncidentRole::kSuspect, api::RELATED_ROLE_UNSPECIFIED},
      {"victim", IncidentRole::kRelated, api::RELATED_ROLE_VICTIM},
      {"Injured Party", IncidentRole::kRelated, api::RELATED_ROLE_VICTIM},
      {"IP", IncidentRole::kRelated, api::RELATED_ROLE_VICTIM},
      {"partner", IncidentRole::kRelated, api::RELATED_ROLE_PARTNER},
      {"ex-partner", IncidentRole::kRelated, api::RELATED_ROLE_PARTNER},
      {"Child", IncidentRole::kRelated, api::RELATED_ROLE_CHILD},
      {"caller", IncidentRole::kRelated, api::RELATED_ROLE_CALLER},
      {"informant", IncidentRole::kRelated, api::RELATED_ROLE_CALLER},
      {"reporting person", IncidentRole::kRelated, api::RELATED_ROLE_CALLER},
      {"witness", IncidentRole::kNotShared, api::RELATED_ROLE_UNSPECIFIED},
      {"other", IncidentRole::kNotShared, api::RELATED_ROLE_UNSPECIFIED},
      {"involved", IncidentRole::kNotShared, api::RELATED_ROLE_UNSPECIFIED},
  };
  for (const RoleCase& c : cases) {
    std::optional<RoleMapping> mapping = RoleFromCode(c.code);
    ASSERT_TRUE(mapping.has_value()) << c.code;
    EXPECT_EQ(mapping->role, c.role) << c.code;
    EXPECT_EQ(mapping->related_role, c.related) << c.code;
  }
  EXPECT_FALSE(RoleFromCode("bystander").has_value());
}

TEST(PoliceCodes, ArrestOutcomes) {
  struct OutcomeCase {
    const char* code;
    api::ArrestOutcome outcome;
    const char* ref_name;
  };
  const OutcomeCase cases[] = {
      {"in custody", api::ARREST_OUTCOME_IN_CUSTODY, "custody"},
      {"DETAINED", api::ARREST_OUTCOME_IN_CUSTODY, "custody"},
      {"RUI", api::ARREST_OUTCOME_RELEASED_UNDER_INVESTIGATION, "rui"},
      {"Released under investigation", api::ARREST_OUTCOME_RELEASED_UNDER_INVESTIGATION, "rui"},
      {"bail", api::ARREST_OUTCOME_BAILED, "bailed"},
      {"Pre-charge bail", api::ARREST_OUTCOME_BAILED, "bailed"},
      {"charged", api::ARREST_OUTCOME_CHARGED, "charged"},
      {"charged and bailed", api::ARREST_OUTCOME_CHARGED, "charged"},
      {"REMANDED", api::ARREST_OUTCOME_REMANDED, "remanded"},
      {"charged and remanded", api::ARREST_OUTCOME_REMANDED, "remanded"},
      {"NFA", api::ARREST_OUTCOME_NO_FURTHER_ACTION, "nfa"},
      {"no further action", api::ARREST_OUTCOME_NO_FURTHER_ACTION, "nfa"},
      {"caution", api::ARREST_OUTCOME_CAUTIONED, "cautioned"},
      {"Conditional caution", api::ARREST_OUTCOME_CAUTIONED, "cautioned"},
      {"COMMUNITY CAUTION", api::ARREST_OUTCOME_CAUTIONED, "cautioned"},
  };
  for (const OutcomeCase& c : cases) {
    std::optional<api::ArrestOutcome> outcome = ArrestOutcomeFromCode(c.code);
    ASSERT_TRUE(outcome.has_value()) << c.code;
    EXPECT_EQ(*outcome, c.outcome) << c.code;
    EXPECT_EQ(OutcomeRefName(*outcome), c.ref_name);
  }
  // A penalty notice is not an arrest outcome the API has a value for.
  EXPECT_FALSE(ArrestOutcomeFromCode("penalty notice").has_value());
  EXPECT_EQ(OutcomeRefName(api::ARREST_OUTCOME_UNSPECIFIED), "pending");
}

}  // namespace
}  // namespace liaison::adapters::police
