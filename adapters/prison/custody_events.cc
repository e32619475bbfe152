#include "adapters/prison/custody_events.h"

#include <optional>
#include <string>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "broker/common/proto_time.h"
#include "broker/common/status_macros.h"
#include "broker/identifiers/identifiers.h"
#include "liaison/v1/registry_service.pb.h"

namespace liaison::adapters::prison {
namespace {

namespace api = ::liaison::v1;

// The additionalInformation fields that define each event (its digest).
constexpr std::initializer_list<absl::string_view> kReceivedFields = {"nomsNumber", "reason", "prisonId"};
constexpr std::initializer_list<absl::string_view> kReleasedFields = {"nomsNumber", "reason", "prisonId"};
constexpr std::initializer_list<absl::string_view> kMergedFields = {"nomsNumber", "removedNomsNumber"};

enum class ReleaseEffect { kLicence, kStillInCustody };

struct ReleaseReason {
  absl::string_view code;
  ReleaseEffect effect;
};

// docs/adapters/prison.md "Releases". RELEASED is taken to start licence
// supervision; the probation case extract corrects the few releases that
// end supervision.
constexpr ReleaseReason kReleaseReasons[] = {
    {"RELEASED", ReleaseEffect::kLicence},
    {"TRANSFERRED", ReleaseEffect::kStillInCustody},
    {"SENT_TO_COURT", ReleaseEffect::kStillInCustody},
    {"TEMPORARY_ABSENCE_RELEASE", ReleaseEffect::kStillInCustody},
    {"RELEASED_TO_HOSPITAL", ReleaseEffect::kStillInCustody},
};

// Reception reasons named in the audit trail; any other reason is still a
// reception (and recorded without its code, which is then unvetted input).
constexpr absl::string_view kReceptionReasons[] = {
    "ADMISSION", "TRANSFERRED", "RETURN_FROM_COURT", "TEMPORARY_ABSENCE_RETURN", "POST_MERGE_ADMISSION",
};

api::ApplyChangeRequest ChangeFor(const DomainEvent& event, std::string noms, std::string reason,
                                  std::initializer_list<absl::string_view> fields) {
  api::ApplyChangeRequest request;
  request.set_change_ref(event.ChangeRef(fields));
  request.mutable_person()->set_type(api::IDENTIFIER_TYPE_NOMS);
  request.mutable_person()->set_value(std::move(noms));
  *request.mutable_occurred_at() = ToProtoTime(event.occurred_at());
  request.set_reason(std::move(reason));
  return request;
}

std::vector<v1::Action> OneAction(api::ApplyChangeRequest request) {
  std::vector<v1::Action> actions(1);
  actions[0].set_ref(request.change_ref());
  *actions[0].mutable_apply_change() = std::move(request);
  return actions;
}

absl::StatusOr<std::string> PrisonCode(const JsonObject& additional) {
  ASSIGN_OR_RETURN(std::string code, additional.RequiredString("prisonId"));
  code = absl::AsciiStrToUpper(code);
  if (code.size() > 16) return JsonFieldError(additional.PathOf("prisonId"), "is longer than 16 characters");
  for (char c : code) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c))) {
      return JsonFieldError(additional.PathOf("prisonId"), "must be letters and digits");
    }
  }
  return code;
}

}  // namespace

absl::StatusOr<std::vector<v1::Action>> ReceivedActions(const DomainEvent& event) {
  const JsonObject additional = event.additional_information();
  ASSIGN_OR_RETURN(std::string noms, event.PersonIdentifier(api::IDENTIFIER_TYPE_NOMS, "nomsNumber"));
  ASSIGN_OR_RETURN(std::string prison, PrisonCode(additional));
  ASSIGN_OR_RETURN(std::optional<std::string> reason, additional.OptionalString("reason"));
  std::string audit_reason = "prison reception";
  if (reason.has_value()) {
    const std::string code = absl::AsciiStrToUpper(*reason);
    for (absl::string_view known : kReceptionReasons) {
      if (code == known) absl::StrAppend(&audit_reason, " (", known, ")");
    }
  }
  api::ApplyChangeRequest request = ChangeFor(event, std::move(noms), std::move(audit_reason), kReceivedFields);
  request.mutable_custody()->set_status(api::SUPERVISION_STATUS_IN_CUSTODY);
  request.mutable_custody()->set_prison_code(std::move(prison));
  return OneAction(std::move(request));
}

absl::StatusOr<std::vector<v1::Action>> ReleasedActions(const DomainEvent& event) {
  const JsonObject additional = event.additional_information();
  ASSIGN_OR_RETURN(std::string noms, event.PersonIdentifier(api::IDENTIFIER_TYPE_NOMS, "nomsNumber"));
  ASSIGN_OR_RETURN(std::string reason, additional.RequiredString("reason"));
  reason = absl::AsciiStrToUpper(reason);
  const ReleaseReason* found = nullptr;
  for (const ReleaseReason& known : kReleaseReasons) {
    if (reason == known.code) found = &known;
  }
  if (found == nullptr) return JsonFieldError(additional.PathOf("reason"), "is not a known release reason");
  if (found->effect == ReleaseEffect::kStillInCustody) return std::vector<v1::Action>();
  api::ApplyChangeRequest request =
      ChangeFor(event, std::move(noms), absl::StrCat("prison release (", found->code, ")"), kReleasedFields);
  request.mutable_custody()->set_status(api::SUPERVISION_STATUS_LICENCE);
  return OneAction(std::move(request));
}

absl::StatusOr<std::vector<v1::Action>> MergedActions(const DomainEvent& event) {
  const JsonObject additional = event.additional_information();
  ASSIGN_OR_RETURN(std::string surviving_raw, additional.RequiredString("nomsNumber"));
  ASSIGN_OR_RETURN(std::string removed_raw, additional.RequiredString("removedNomsNumber"));
  auto surviving = identifiers::CanonicalNoms(surviving_raw);
  if (!surviving.ok()) return JsonFieldError(additional.PathOf("nomsNumber"), surviving.status().message());
  auto removed = identifiers::CanonicalNoms(removed_raw);
  if (!removed.ok()) return JsonFieldError(additional.PathOf("removedNomsNumber"), removed.status().message());
  if (*surviving == *removed) {
    return JsonFieldError(additional.PathOf("removedNomsNumber"), "is the same as nomsNumber");
  }
  api::ApplyChangeRequest request = ChangeFor(event, *std::move(removed), "prison NOMS number merge", kMergedFields);
  request.mutable_identifier()->mutable_replacement()->set_type(api::IDENTIFIER_TYPE_NOMS);
  request.mutable_identifier()->mutable_replacement()->set_value(*std::move(surviving));
  return OneAction(std::move(request));
}

}  // namespace liaison::adapters::prison
