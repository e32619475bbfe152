#include "adapters/social_care/social_care_codes.h"

#include <algorithm>

#include "adapters/police/record_fields.h"

namespace liaison::adapters::social_care {
namespace {

namespace api = ::liaison::v1;

template <typename T>
struct Code {
  const char* code;  // normalised
  T value;
};

// Categories of abuse as child protection plans record them (NEG, PHY, EMO,
// SAB) and the common words for the rest.
constexpr Code<api::ReferralReason> kReasons[] = {
    {"da", api::REFERRAL_REASON_DOMESTIC_ABUSE},
    {"dv", api::REFERRAL_REASON_DOMESTIC_ABUSE},
    {"domesticabuse", api::REFERRAL_REASON_DOMESTIC_ABUSE},
    {"domesticviolence", api::REFERRAL_REASON_DOMESTIC_ABUSE},
    {"neg", api::REFERRAL_REASON_NEGLECT},
    {"neglect", api::REFERRAL_REASON_NEGLECT},
    {"phy", api::REFERRAL_REASON_PHYSICAL_ABUSE},
    {"physical", api::REFERRAL_REASON_PHYSICAL_ABUSE},
    {"physicalabuse", api::REFERRAL_REASON_PHYSICAL_ABUSE},
    {"emo", api::REFERRAL_REASON_EMOTIONAL_ABUSE},
    {"emotional", api::REFERRAL_REASON_EMOTIONAL_ABUSE},
    {"emotionalabuse", api::REFERRAL_REASON_EMOTIONAL_ABUSE},
    {"sab", api::REFERRAL_REASON_SEXUAL_ABUSE},
    {"sexual", api::REFERRAL_REASON_SEXUAL_ABUSE},
    {"sexualabuse", api::REFERRAL_REASON_SEXUAL_ABUSE},
    {"cse", api::REFERRAL_REASON_CHILD_SEXUAL_EXPLOITATION},
    {"childsexualexploitation", api::REFERRAL_REASON_CHILD_SEXUAL_EXPLOITATION},
    {"sexualexploitation", api::REFERRAL_REASON_CHILD_SEXUAL_EXPLOITATION},
};

constexpr Code<api::ChildProtectionStage> kStages[] = {
    {"referral", api::CHILD_PROTECTION_STAGE_REFERRAL},
    {"contact", api::CHILD_PROTECTION_STAGE_REFERRAL},
    {"strategy", api::CHILD_PROTECTION_STAGE_STRATEGY_DISCUSSION},
    {"strategydiscussion", api::CHILD_PROTECTION_STAGE_STRATEGY_DISCUSSION},
    {"strategymeeting", api::CHILD_PROTECTION_STAGE_STRATEGY_DISCUSSION},
    {"s47", api::CHILD_PROTECTION_STAGE_SECTION_47_ENQUIRY},
    {"s47enquiry", api::CHILD_PROTECTION_STAGE_SECTION_47_ENQUIRY},
    {"section47", api::CHILD_PROTECTION_STAGE_SECTION_47_ENQUIRY},
    {"section47enquiry", api::CHILD_PROTECTION_STAGE_SECTION_47_ENQUIRY},
    {"conference", api::CHILD_PROTECTION_STAGE_CONFERENCE},
    {"icpc", api::CHILD_PROTECTION_STAGE_CONFERENCE},
    {"rcpc", api::CHILD_PROTECTION_STAGE_CONFERENCE},
    {"childprotectionconference", api::CHILD_PROTECTION_STAGE_CONFERENCE},
    {"initialchildprotectionconference", api::CHILD_PROTECTION_STAGE_CONFERENCE},
    {"reviewchildprotectionconference", api::CHILD_PROTECTION_STAGE_CONFERENCE},
    {"plan", api::CHILD_PROTECTION_STAGE_PLAN},
    {"cpp", api::CHILD_PROTECTION_STAGE_PLAN},
    {"childprotectionplan", api::CHILD_PROTECTION_STAGE_PLAN},
};

constexpr Code<Involvement> kInvolvements[] = {
    {"concern", Involvement::kConcern}, {"personofconcern", Involvement::kConcern},
    {"poc", Involvement::kConcern},     {"allegedperpetrator", Involvement::kConcern},
    {"partner", Involvement::kPartner}, {"partnerofconcern", Involvement::kPartner},
    {"other", Involvement::kOther},     {"parent", Involvement::kOther},
    {"carer", Involvement::kOther},     {"relative", Involvement::kOther},
};

template <typename T, size_t N>
std::optional<T> Lookup(const Code<T> (&table)[N], absl::string_view code) {
  const std::string normalised = records::NormaliseCode(code);
  for (const Code<T>& entry : table) {
    if (normalised == entry.code) return entry.value;
  }
  return std::nullopt;
}

}  // namespace

std::vector<api::ReferralReason> ReasonsFromCodes(const std::vector<std::string>& codes) {
  std::vector<api::ReferralReason> reasons;
  for (const std::string& code : codes) {
    const api::ReferralReason reason = Lookup(kReasons, code).value_or(api::REFERRAL_REASON_OTHER);
    if (std::find(reasons.begin(), reasons.end(), reason) == reasons.end()) reasons.push_back(reason);
  }
  return reasons;
}

std::optional<api::ChildProtectionStage> StageFromCode(absl::string_view code) { return Lookup(kStages, code); }

absl::string_view StageRefName(api::ChildProtectionStage stage) {
  switch (stage) {
    case api::CHILD_PROTECTION_STAGE_REFERRAL:
      return "referral";
    case api::CHILD_PROTECTION_STAGE_STRATEGY_DISCUSSION:
      return "strategy";
    case api::CHILD_PROTECTION_STAGE_SECTION_47_ENQUIRY:
      return "s47";
    case api::CHILD_PROTECTION_STAGE_CONFERENCE:
      return "conference";
    case api::CHILD_PROTECTION_STAGE_PLAN:
      return "plan";
    default:
      return "unknown";
  }
}

std::optional<Involvement> InvolvementFromCode(absl::string_view code) { return Lookup(kInvolvements, code); }

}  // namespace liaison::adapters::social_care
