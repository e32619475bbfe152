#include "adapters/probation/case_events.h"

#include <string>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "broker/common/proto_time.h"
#include "broker/common/status_macros.h"
#include "broker/identifiers/identifiers.h"
#include "broker/validation/offender_validation.h"
#include "liaison/v1/registry_service.pb.h"

namespace liaison::adapters::probation {
namespace {

constexpr std::initializer_list<absl::string_view> kRegistrationFields = {
    "registerTypeCode", "registrationCategoryCode", "registrationLevelCode", "registrationId"};
constexpr std::initializer_list<absl::string_view> kAllocationFields = {"staffCode", "staffName", "teamCode"};
constexpr std::initializer_list<absl::string_view> kMergeFields = {"sourceCRN", "targetCRN"};
constexpr std::initializer_list<absl::string_view> kUnmergeFields = {"reactivatedCRN", "unmergedCRN", "sourceCRN"};

struct RoshRegister {
  absl::string_view code;
  api::RoshLevel level;
};

constexpr RoshRegister kRoshRegisters[] = {
    {"RLRH", api::ROSH_LEVEL_LOW},
    {"RMRH", api::ROSH_LEVEL_MEDIUM},
    {"RHRH", api::ROSH_LEVEL_HIGH},
    {"RVHR", api::ROSH_LEVEL_VERY_HIGH},
};

bool IsRosh(absl::string_view code) {
  for (const RoshRegister& rosh : kRoshRegisters) {
    if (rosh.code == code) return true;
  }
  return false;
}

std::vector<v1::Action> OneAction(std::string ref, v1::Action action) {
  action.set_ref(std::move(ref));
  std::vector<v1::Action> actions;
  actions.push_back(std::move(action));
  return actions;
}

absl::StatusOr<std::string> RequiredCrn(const JsonObject& object, absl::string_view key) {
  ASSIGN_OR_RETURN(std::string raw, object.RequiredString(key));
  auto crn = identifiers::CanonicalCrn(raw);
  if (!crn.ok()) return JsonFieldError(object.PathOf(key), crn.status().message());
  return *std::move(crn);
}

// A staff or team code as the broker accepts it: 1-64 of [A-Za-z0-9._:-].
absl::Status CheckCode(const JsonObject& object, absl::string_view key, absl::string_view value) {
  if (value.size() > 64) return JsonFieldError(object.PathOf(key), "is longer than 64 characters");
  for (char c : value) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '_' && c != ':' && c != '-') {
      return JsonFieldError(object.PathOf(key), "may hold only letters, digits and . _ : -");
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<int> ReadMappaCode(const JsonObject& object, absl::string_view key, int max) {
  if (!object.Has(key)) return 0;
  int64_t number = 0;
  absl::StatusOr<std::optional<int64_t>> as_int = object.OptionalInt(key);
  if (as_int.ok()) {
    if (!as_int->has_value()) return 0;
    number = **as_int;
  } else {
    ASSIGN_OR_RETURN(std::optional<std::string> text, object.OptionalString(key));
    if (!text.has_value()) return 0;
    absl::string_view digits = *text;
    if (!absl::ConsumePrefix(&digits, "M")) absl::ConsumePrefix(&digits, "m");
    if (!absl::SimpleAtoi(digits, &number)) number = 0;
  }
  if (number < 1 || number > max) return JsonFieldError(object.PathOf(key), absl::StrCat("is not M1 to M", max));
  return static_cast<int>(number);
}

absl::StatusOr<std::vector<v1::Action>> RegistrationActions(const DomainEvent& event, bool removed) {
  const JsonObject additional = event.additional_information();
  ASSIGN_OR_RETURN(std::string crn, event.PersonIdentifier(api::IDENTIFIER_TYPE_CRN, ""));
  ASSIGN_OR_RETURN(std::string code, additional.RequiredString("registerTypeCode"));
  code = absl::AsciiStrToUpper(code);
  // nDelius has many more register types than the broker routes on.
  if (!validation::IsKnownRegistration(code)) return std::vector<v1::Action>();

  api::ApplyChangeRequest request;
  request.set_change_ref(event.ChangeRef(kRegistrationFields));
  request.mutable_person()->set_type(api::IDENTIFIER_TYPE_CRN);
  request.mutable_person()->set_value(std::move(crn));
  *request.mutable_occurred_at() = ToProtoTime(event.occurred_at());
  request.set_reason(absl::StrCat("registration ", removed ? "removed: " : "added: ", code));
  api::RegistrationChange* change = request.mutable_registrations();
  if (removed) {
    change->add_remove(code);
  } else {
    change->add_add(code);
  }
  if (code == "MAPP" && !removed) {
    ASSIGN_OR_RETURN(int category, ReadMappaCode(additional, "registrationCategoryCode", 4));
    ASSIGN_OR_RETURN(int level, ReadMappaCode(additional, "registrationLevelCode", 3));
    change->set_mappa_category(static_cast<api::MappaCategory>(category));
    change->set_mappa_level(static_cast<api::MappaLevel>(level));
  }
  if (!removed && IsRosh(code)) {
    // One RoSH level at a time: a new RoSH register replaces the others.
    for (const RoshRegister& rosh : kRoshRegisters) {
      if (rosh.code == code) {
        change->set_rosh_level(rosh.level);
      } else {
        change->add_remove(std::string(rosh.code));
      }
    }
  }
  v1::Action action;
  *action.mutable_apply_change() = std::move(request);
  std::string ref = action.apply_change().change_ref();
  return OneAction(std::move(ref), std::move(action));
}

absl::StatusOr<std::vector<v1::Action>> AllocationActions(const DomainEvent& event) {
  const JsonObject additional = event.additional_information();
  ASSIGN_OR_RETURN(std::string crn, event.PersonIdentifier(api::IDENTIFIER_TYPE_CRN, ""));
  ASSIGN_OR_RETURN(std::string staff_code, additional.RequiredString("staffCode"));
  RETURN_IF_ERROR(CheckCode(additional, "staffCode", staff_code));
  ASSIGN_OR_RETURN(std::optional<std::string> staff_name, additional.OptionalString("staffName"));
  ASSIGN_OR_RETURN(std::optional<std::string> team_code, additional.OptionalString("teamCode"));
  if (team_code.has_value()) RETURN_IF_ERROR(CheckCode(additional, "teamCode", *team_code));

  api::AllocateManagerRequest request;
  request.set_change_ref(event.ChangeRef(kAllocationFields));
  request.set_crn(std::move(crn));
  api::StaffMember* manager = request.mutable_offender_manager();
  manager->set_staff_code(std::move(staff_code));
  if (staff_name.has_value()) manager->set_name(*staff_name);
  if (team_code.has_value()) {
    manager->set_team_code(*team_code);
    request.set_team_code(*team_code);
  }
  request.set_reason("case allocated in the case management system");
  RETURN_IF_ERROR(validation::ValidateStaff("offender_manager", request.offender_manager()));
  v1::Action action;
  std::string ref = request.change_ref();
  *action.mutable_allocate_manager() = std::move(request);
  return OneAction(std::move(ref), std::move(action));
}

absl::StatusOr<std::vector<v1::Action>> MergeActions(const DomainEvent& event) {
  const JsonObject additional = event.additional_information();
  ASSIGN_OR_RETURN(std::string source, RequiredCrn(additional, "sourceCRN"));
  ASSIGN_OR_RETURN(std::string target, RequiredCrn(additional, "targetCRN"));
  if (source == target) return JsonFieldError(additional.PathOf("targetCRN"), "is the same as sourceCRN");
  api::MergeOffendersRequest request;
  request.set_change_ref(event.ChangeRef(kMergeFields));
  request.set_merged_crn(std::move(source));
  request.set_surviving_crn(std::move(target));
  request.set_reason("case merge in the case management system");
  v1::Action action;
  std::string ref = request.change_ref();
  *action.mutable_merge_offenders() = std::move(request);
  return OneAction(std::move(ref), std::move(action));
}

absl::StatusOr<std::vector<v1::Action>> UnmergeActions(const DomainEvent& event) {
  const JsonObject additional = event.additional_information();
  const absl::string_view key = additional.Has("reactivatedCRN") || !additional.Has("sourceCRN")
                                    ? absl::string_view("reactivatedCRN")
                                    : absl::string_view("sourceCRN");
  ASSIGN_OR_RETURN(std::string merged, RequiredCrn(additional, key));
  api::UnmergeOffenderRequest request;
  request.set_change_ref(event.ChangeRef(kUnmergeFields));
  request.set_merged_crn(std::move(merged));
  request.set_reason("case unmerge in the case management system");
  v1::Action action;
  std::string ref = request.change_ref();
  *action.mutable_unmerge_offender() = std::move(request);
  return OneAction(std::move(ref), std::move(action));
}

}  // namespace liaison::adapters::probation
