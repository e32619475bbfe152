// Registry.ApplyChange: one change an agency system reported about a record
// (custody, registrations, an identifier replaced), found by any of its
// strong identifiers. The changed record is filed by Plan like an upsert, so
// the identity index, the match index and retroactive matching follow it.
//
// Custody and registration changes carry the time they happened at the
// source, and a change that happened before the last one applied is
// SUPERSEDED: an event delivered late or out of order never undoes a newer
// one. Custody is ordered as a whole (custody_changed_at); registrations per
// register code (register_changed_at; MAPPA category and level go with the
// MAPP code) and the RoSH level on its own (rosh_changed_at), so a late
// change to one register still applies when a newer change touched only
// another. A change none of whose parts apply is SUPERSEDED. A superseded
// change's change_ref is still remembered (its only write), so a repeat of
// it is a DUPLICATE like any other repeat.
// Identifier changes carry no such order: each replaces what is there.

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "broker/common/proto_time.h"
#include "broker/common/status_macros.h"
#include "broker/identifiers/identifiers.h"
#include "broker/registry/change_ref.h"
#include "broker/registry/registry.h"
#include "broker/storage/keys.h"
#include "broker/validation/change_validation.h"

namespace liaison::registry {
namespace {

constexpr absl::string_view kMappa = "MAPP";

std::string IdentityKeyOf(const v1::Identifier& id) {
  return storage::IdentityKey(identifiers::TypeName(id.type()), id.value());
}

// Whether a change that happened at `occurred` comes before the last one of
// its kind applied to the record (`last`, when there was one).
bool Superseded(const google::protobuf::Timestamp& occurred, bool has_last, const google::protobuf::Timestamp& last) {
  return has_last && FromProtoTime(occurred) < FromProtoTime(last);
}

bool Contains(const google::protobuf::RepeatedPtrField<std::string>& codes, absl::string_view code) {
  return std::find(codes.begin(), codes.end(), code) != codes.end();
}

void ApplyCustody(const v1::CustodyChange& change, const google::protobuf::Timestamp& occurred_at,
                  v1::OffenderRecord* record) {
  record->set_status(change.status());
  record->set_prison_code(change.prison_code());
  *record->mutable_custody_changed_at() = occurred_at;
}

// Whether a change at `occurred` is older than the last applied change to
// register `code`.
bool CodeSuperseded(const v1::OffenderRecord& record, absl::string_view code,
                    const google::protobuf::Timestamp& occurred) {
  auto last = record.register_changed_at().find(std::string(code));
  return last != record.register_changed_at().end() && FromProtoTime(occurred) < FromProtoTime(last->second);
}

// Applies the parts of `change` that are not older than the last change to
// the same register (or RoSH level); returns whether any part applied.
bool ApplyRegistrations(const v1::RegistrationChange& change, const google::protobuf::Timestamp& occurred_at,
                        v1::OffenderRecord* record) {
  std::vector<std::string> removed, added;
  for (const std::string& code : change.remove()) {
    if (!CodeSuperseded(*record, code, occurred_at)) removed.push_back(code);
  }
  for (const std::string& code : change.add()) {
    if (!CodeSuperseded(*record, code, occurred_at)) added.push_back(code);
  }
  const bool mappa_values = change.mappa_category() != v1::MAPPA_CATEGORY_UNSPECIFIED ||
                            change.mappa_level() != v1::MAPPA_LEVEL_UNSPECIFIED;
  const bool mappa_applies = mappa_values && !CodeSuperseded(*record, kMappa, occurred_at);
  const bool rosh_applies = change.rosh_level() != v1::ROSH_LEVEL_UNSPECIFIED &&
                            !Superseded(occurred_at, record->has_rosh_changed_at(), record->rosh_changed_at());
  if (removed.empty() && added.empty() && !mappa_applies && !rosh_applies) return false;

  google::protobuf::RepeatedPtrField<std::string> codes;
  auto contains = [](const std::vector<std::string>& v, const std::string& code) {
    return std::find(v.begin(), v.end(), code) != v.end();
  };
  for (const std::string& code : record->registrations()) {
    if (!contains(removed, code) && !Contains(codes, code)) *codes.Add() = code;
  }
  for (const std::string& code : added) {
    if (!Contains(codes, code)) *codes.Add() = code;
  }
  *record->mutable_registrations() = std::move(codes);
  auto& times = *record->mutable_register_changed_at();
  for (const auto* list : {&removed, &added}) {
    for (const std::string& code : *list) times[code] = occurred_at;
  }
  if (contains(removed, std::string(kMappa))) {
    record->clear_mappa_category();
    record->clear_mappa_level();
  }
  if (mappa_applies) {
    if (change.mappa_category() != v1::MAPPA_CATEGORY_UNSPECIFIED) record->set_mappa_category(change.mappa_category());
    if (change.mappa_level() != v1::MAPPA_LEVEL_UNSPECIFIED) record->set_mappa_level(change.mappa_level());
    times[std::string(kMappa)] = occurred_at;
  }
  if (rosh_applies) {
    record->set_rosh_level(change.rosh_level());
    *record->mutable_rosh_changed_at() = occurred_at;
  }
  if (!record->has_registrations_changed_at() ||
      FromProtoTime(record->registrations_changed_at()) < FromProtoTime(occurred_at)) {
    *record->mutable_registrations_changed_at() = occurred_at;
  }
  return true;
}

// Replaces the record's identifier of the replacement's type; adds the
// replacement when the record has none of that type.
void ReplaceIdentifier(const v1::Identifier& replacement, v1::OffenderRecord* record) {
  for (v1::Identifier& id : *record->mutable_identifiers()) {
    if (id.type() != replacement.type()) continue;
    id.set_value(replacement.value());
    return;
  }
  *record->add_identifiers() = replacement;
}

absl::string_view KindOf(const v1::ApplyChangeRequest& request) {
  switch (request.change_case()) {
    case v1::ApplyChangeRequest::kCustody:
      return "custody";
    case v1::ApplyChangeRequest::kRegistrations:
      return "registrations";
    case v1::ApplyChangeRequest::kIdentifier:
      return "identifier";
    case v1::ApplyChangeRequest::CHANGE_NOT_SET:
      break;
  }
  return "";
}

// Puts the change's kind, reason and time on its OFFENDER_CHANGED entry.
void RecordChangeDetail(const v1::ApplyChangeRequest& request, commit::Mutation* mutation) {
  for (v1::AuditEntry& entry : mutation->audit) {
    if (entry.action() != v1::AUDIT_ACTION_OFFENDER_CHANGED) continue;
    v1::AuditChange* change = entry.mutable_change();
    change->set_kind(std::string(KindOf(request)));
    change->set_reason(request.reason());
    *change->mutable_occurred_at() = request.occurred_at();
  }
}

}  // namespace

absl::StatusOr<v1::OffenderRecord> Registry::FindPerson(const v1::Identifier& person) const {
  std::string crn = person.value();
  if (person.type() != v1::IDENTIFIER_TYPE_CRN) {
    ASSIGN_OR_RETURN(crn, IndexedCrn(IdentityKeyOf(person), Overlay{}));
  }
  std::optional<v1::OffenderRecord> record;
  if (!crn.empty()) {
    ASSIGN_OR_RETURN(record, Load(crn, Overlay{}));
  }
  if (!record.has_value()) return absl::NotFoundError("person: no offender record carries this identifier");
  return *std::move(record);
}

absl::StatusOr<std::optional<v1::OffenderRecord>> Registry::DuplicateRecord(
    const v1::ApplyChangeRequest& request) const {
  // An applied identifier change moved the record from person to the
  // replacement: look there first.
  std::vector<const v1::Identifier*> ids;
  if (request.has_identifier()) ids.push_back(&request.identifier().replacement());
  ids.push_back(&request.person());
  for (const v1::Identifier* id : ids) {
    absl::StatusOr<v1::OffenderRecord> record = FindPerson(*id);
    if (record.ok()) return std::optional<v1::OffenderRecord>(*std::move(record));
    if (!absl::IsNotFound(record.status())) return record.status();
  }
  return std::optional<v1::OffenderRecord>();
}

absl::StatusOr<bool> Registry::Modify(const v1::ApplyChangeRequest& request, v1::OffenderRecord* record) const {
  switch (request.change_case()) {
    case v1::ApplyChangeRequest::kCustody:
      if (Superseded(request.occurred_at(), record->has_custody_changed_at(), record->custody_changed_at())) {
        return false;
      }
      ApplyCustody(request.custody(), request.occurred_at(), record);
      return true;
    case v1::ApplyChangeRequest::kRegistrations:
      return ApplyRegistrations(request.registrations(), request.occurred_at(), record);
    case v1::ApplyChangeRequest::kIdentifier: {
      const v1::Identifier& replacement = request.identifier().replacement();
      ASSIGN_OR_RETURN(std::string owner, IndexedCrn(IdentityKeyOf(replacement), Overlay{}));
      if (!owner.empty() && owner != record->crn()) {
        return absl::AlreadyExistsError(absl::StrCat("identifier.replacement: this ",
                                                     identifiers::TypeName(replacement.type()),
                                                     " is already on another offender record"));
      }
      ReplaceIdentifier(replacement, record);
      return true;
    }
    case v1::ApplyChangeRequest::CHANGE_NOT_SET:
      break;
  }
  return absl::InvalidArgumentError("change: one of custody, registrations or identifier is required");
}

absl::StatusOr<Registry::ChangeResult> Registry::ApplyChange(v1::ApplyChangeRequest request,
                                                             absl::string_view actor) {
  ASSIGN_OR_RETURN(ChangeRef ref, ChangeRef::Of("Registry.ApplyChange", actor, request));
  const absl::Time now = deps_.clock->Now();
  RETURN_IF_ERROR(validation::ValidateApplyChange(&request, now));
  absl::MutexLock lock(&write_mu_);
  ASSIGN_OR_RETURN(bool seen, ref.Seen(*deps_.store));
  if (seen) {
    ASSIGN_OR_RETURN(std::optional<v1::OffenderRecord> current, DuplicateRecord(request));
    return ChangeResult{std::move(current), v1::CHANGE_OUTCOME_DUPLICATE};
  }
  ASSIGN_OR_RETURN(v1::OffenderRecord record, FindPerson(request.person()));
  if (!record.merged_into().empty()) {
    return absl::FailedPreconditionError(absl::StrCat("person: this record was merged into ", record.merged_into(),
                                                      "; apply the change to that record"));
  }
  ASSIGN_OR_RETURN(bool applies, Modify(request, &record));
  Overlay overlay;
  commit::Mutation mutation;
  ChangeResult result{record, v1::CHANGE_OUTCOME_SUPERSEDED};
  if (applies) {
    ASSIGN_OR_RETURN(UpsertResult planned,
                     Plan(std::move(record), actor, now, &overlay, &mutation, Origin::kChange));
    result = ChangeResult{std::move(planned.record), v1::CHANGE_OUTCOME_APPLIED};
    RecordChangeDetail(request, &mutation);
  }
  ref.Record(now, &mutation);
  if (!mutation.writes.empty()) RETURN_IF_ERROR(CommitAndNotify(std::move(mutation), overlay));
  return result;
}

}  // namespace liaison::registry
