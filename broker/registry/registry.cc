#include "broker/registry/registry.h"

#include <set>
#include <utility>

#include "absl/strings/str_cat.h"
#include "broker/common/proto_time.h"
#include "broker/common/proto_util.h"
#include "broker/common/status_macros.h"
#include "broker/identifiers/identifiers.h"
#include "broker/registry/change_ref.h"
#include "broker/storage/keys.h"
#include "broker/validation/field_checks.h"
#include "broker/validation/offender_validation.h"

namespace liaison::registry {
namespace {

using storage::Table;

std::set<std::string> IdentityKeys(const v1::OffenderRecord& record) {
  std::set<std::string> keys;
  for (const v1::Identifier& id : record.identifiers()) {
    keys.insert(storage::IdentityKey(identifiers::TypeName(id.type()), id.value()));
  }
  return keys;
}

v1::AuditEntry RegistryEntry(v1::AuditAction action, absl::string_view actor, absl::string_view crn) {
  v1::AuditEntry entry;
  entry.set_action(action);
  entry.set_actor(std::string(actor));
  entry.set_crn(std::string(crn));
  return entry;
}

// MANAGER_ALLOCATED: the case's offender manager is now record's.
v1::AuditEntry AllocationEntry(absl::string_view actor, const v1::OffenderRecord& record,
                               const std::string& previous, absl::string_view reason) {
  v1::AuditEntry entry = RegistryEntry(v1::AUDIT_ACTION_MANAGER_ALLOCATED, actor, record.crn());
  entry.set_recipient_id(record.offender_manager().staff_code());
  v1::AuditAllocation* allocation = entry.mutable_allocation();
  allocation->set_offender_manager(record.offender_manager().staff_code());
  allocation->set_previous_offender_manager(previous);
  allocation->set_co_worker(record.co_worker().staff_code());
  allocation->set_manager(record.manager().staff_code());
  allocation->set_reason(std::string(reason));
  return entry;
}

absl::CivilYear YearOf(absl::Time t) { return absl::ToCivilYear(t, absl::UTCTimeZone()); }

// Moves the identity index from `old`'s identifiers to `record`'s.
void WriteIdentityKeys(const std::optional<v1::OffenderRecord>& old, const v1::OffenderRecord& record,
                       absl::flat_hash_map<std::string, std::string>* identity, commit::Mutation* mutation) {
  const std::set<std::string> new_keys = IdentityKeys(record);
  if (old.has_value()) {
    for (const std::string& key : IdentityKeys(*old)) {
      if (new_keys.contains(key)) continue;
      mutation->writes.push_back({Table::kIdentity, key, std::nullopt});
      (*identity)[key] = "";
    }
  }
  for (const std::string& key : new_keys) {
    mutation->writes.push_back({Table::kIdentity, key, record.crn()});
    (*identity)[key] = record.crn();
  }
}

// The change times are the broker's (ApplyChange): a client's record keeps
// the stored record's.
void KeepChangeTimes(const std::optional<v1::OffenderRecord>& old, v1::OffenderRecord* record) {
  record->clear_custody_changed_at();
  record->clear_registrations_changed_at();
  record->clear_register_changed_at();
  record->clear_rosh_changed_at();
  if (!old.has_value()) return;
  *record->mutable_register_changed_at() = old->register_changed_at();
  if (old->has_rosh_changed_at()) *record->mutable_rosh_changed_at() = old->rosh_changed_at();
  if (old->has_custody_changed_at()) *record->mutable_custody_changed_at() = old->custody_changed_at();
  if (old->has_registrations_changed_at()) {
    *record->mutable_registrations_changed_at() = old->registrations_changed_at();
  }
}

}  // namespace

absl::StatusOr<std::optional<v1::OffenderRecord>> Registry::Load(absl::string_view crn,
                                                                 const Overlay& overlay) const {
  auto it = overlay.offenders.find(crn);
  if (it != overlay.offenders.end()) return std::optional<v1::OffenderRecord>(it->second);
  ASSIGN_OR_RETURN(auto stored, deps_.store->Get(Table::kOffenders, crn));
  if (!stored.has_value()) return std::optional<v1::OffenderRecord>();
  ASSIGN_OR_RETURN(auto record, ParseStored<v1::OffenderRecord>(*stored, "offender"));
  return std::optional<v1::OffenderRecord>(std::move(record));
}

absl::StatusOr<std::string> Registry::IndexedCrn(const std::string& key, const Overlay& overlay) const {
  auto it = overlay.identity.find(key);
  if (it != overlay.identity.end()) return it->second;
  ASSIGN_OR_RETURN(auto crn, deps_.store->Get(Table::kIdentity, key));
  return crn.value_or(std::string());
}

absl::StatusOr<Registry::UpsertResult> Registry::Plan(v1::OffenderRecord record, absl::string_view actor,
                                                      absl::Time now, Overlay* overlay, commit::Mutation* mutation,
                                                      Origin origin) {
  record.clear_updated_at();
  record.clear_merged_into();
  RETURN_IF_ERROR(validation::ValidateOffender("offender", &record, YearOf(now)));
  const std::string crn = record.crn();
  for (int i = 0; i < record.identifiers_size(); ++i) {
    const v1::Identifier& id = record.identifiers(i);
    ASSIGN_OR_RETURN(std::string owner,
                     IndexedCrn(storage::IdentityKey(identifiers::TypeName(id.type()), id.value()), *overlay));
    if (!owner.empty() && owner != crn) {
      return absl::AlreadyExistsError(absl::StrCat("offender.identifiers[", i, "]: this ",
                                                   identifiers::TypeName(id.type()),
                                                   " is already on another offender record"));
    }
  }
  ASSIGN_OR_RETURN(std::optional<v1::OffenderRecord> old, Load(crn, *overlay));
  if (old.has_value() && !old->merged_into().empty()) {
    return absl::FailedPreconditionError(absl::StrCat(
        "offender.crn: this record was merged into ", old->merged_into(), "; update that record (or unmerge)"));
  }
  if (origin == Origin::kClient) KeepChangeTimes(old, &record);
  WriteIdentityKeys(old, record, &overlay->identity, mutation);
  *record.mutable_updated_at() = ToProtoTime(now);
  ASSIGN_OR_RETURN(matching::v1::MatchForm form, FormOf(record, *overlay));
  RETURN_IF_ERROR(Reindex(crn, std::move(form), overlay, mutation));
  mutation->writes.push_back({Table::kOffenders, crn, record.SerializeAsString()});
  mutation->audit.push_back(RegistryEntry(
      origin == Origin::kClient ? v1::AUDIT_ACTION_OFFENDER_UPSERTED : v1::AUDIT_ACTION_OFFENDER_CHANGED, actor, crn));
  const std::string previous = old.has_value() ? old->offender_manager().staff_code() : "";
  if (record.offender_manager().staff_code() != previous) {
    mutation->audit.push_back(AllocationEntry(actor, record, previous, "recorded by an offender record update"));
  }
  overlay->offenders[crn] = record;
  return UpsertResult{std::move(record), !old.has_value()};
}

absl::StatusOr<Registry::UpsertResult> Registry::Upsert(v1::OffenderRecord record, absl::string_view actor,
                                                        absl::string_view change_ref) {
  v1::UpsertOffenderRequest request;
  request.set_change_ref(std::string(change_ref));
  if (!change_ref.empty()) *request.mutable_offender() = record;
  ASSIGN_OR_RETURN(ChangeRef ref, ChangeRef::Of("Registry.UpsertOffender", actor, std::move(request)));
  absl::MutexLock lock(&write_mu_);
  ASSIGN_OR_RETURN(bool seen, ref.Seen(*deps_.store));
  if (seen) {
    ASSIGN_OR_RETURN(v1::OffenderRecord current, Get(record.crn()));
    return UpsertResult{std::move(current), /*created=*/false, /*duplicate=*/true};
  }
  const absl::Time now = deps_.clock->Now();
  Overlay overlay;
  commit::Mutation mutation;
  ASSIGN_OR_RETURN(UpsertResult result, Plan(std::move(record), actor, now, &overlay, &mutation));
  ref.Record(now, &mutation);
  RETURN_IF_ERROR(CommitAndNotify(std::move(mutation), overlay));
  return result;
}

absl::StatusOr<v1::OffenderRecord> Registry::Get(absl::string_view crn) const {
  auto canonical = identifiers::CanonicalCrn(crn);
  if (!canonical.ok()) return validation::FieldError("crn", canonical.status().message());
  ASSIGN_OR_RETURN(std::optional<v1::OffenderRecord> record, Load(*canonical, Overlay{}));
  if (!record.has_value()) return absl::NotFoundError("crn: no offender record has this CRN");
  return *std::move(record);
}

absl::StatusOr<v1::OffenderRecord> Registry::Allocate(const v1::AllocateManagerRequest& request,
                                                      absl::string_view actor) {
  ASSIGN_OR_RETURN(ChangeRef ref, ChangeRef::Of("Registry.AllocateManager", actor, request));
  if (request.offender_manager().staff_code().empty()) {
    return validation::FieldError("offender_manager.staff_code", "is required");
  }
  RETURN_IF_ERROR(validation::ValidateStaff("offender_manager", request.offender_manager()));
  RETURN_IF_ERROR(validation::ValidateStaff("co_worker", request.co_worker()));
  RETURN_IF_ERROR(validation::ValidateStaff("manager", request.manager()));
  if (!request.team_code().empty()) RETURN_IF_ERROR(validation::CheckId("team_code", request.team_code()));
  RETURN_IF_ERROR(validation::CheckText("reason", request.reason(), 200, false));

  absl::MutexLock lock(&write_mu_);
  ASSIGN_OR_RETURN(bool seen, ref.Seen(*deps_.store));
  if (seen) return Get(request.crn());
  ASSIGN_OR_RETURN(v1::OffenderRecord record, Get(request.crn()));
  if (!record.merged_into().empty()) {
    return absl::FailedPreconditionError(
        absl::StrCat("crn: this record was merged into ", record.merged_into(), "; allocate that record"));
  }
  const std::string previous = record.offender_manager().staff_code();
  *record.mutable_offender_manager() = request.offender_manager();
  if (!request.co_worker().staff_code().empty()) *record.mutable_co_worker() = request.co_worker();
  if (!request.manager().staff_code().empty()) *record.mutable_manager() = request.manager();
  if (!request.team_code().empty()) record.set_team_code(request.team_code());
  const absl::Time now = deps_.clock->Now();
  *record.mutable_updated_at() = ToProtoTime(now);

  commit::Mutation mutation;
  mutation.writes.push_back({Table::kOffenders, record.crn(), record.SerializeAsString()});
  mutation.audit.push_back(AllocationEntry(actor, record, previous, request.reason()));
  if (allocation_hook_ && previous != record.offender_manager().staff_code()) {
    RETURN_IF_ERROR(allocation_hook_(record, now, &mutation));
  }
  ref.Record(now, &mutation);
  RETURN_IF_ERROR(deps_.committer->Commit(std::move(mutation)).status());
  return record;
}

absl::StatusOr<Registry::BulkResult> Registry::BulkLoad(std::vector<v1::OffenderRecord> records,
                                                        uint64_t first_index, absl::string_view actor) {
  absl::MutexLock lock(&write_mu_);
  const absl::Time now = deps_.clock->Now();
  Overlay overlay;
  commit::Mutation mutation;
  BulkResult result;
  for (size_t i = 0; i < records.size(); ++i) {
    auto planned = Plan(std::move(records[i]), actor, now, &overlay, &mutation);
    if (planned.ok()) {
      ++result.loaded;
    } else if (planned.status().code() == absl::StatusCode::kInvalidArgument ||
               planned.status().code() == absl::StatusCode::kAlreadyExists ||
               planned.status().code() == absl::StatusCode::kFailedPrecondition) {
      result.errors.push_back({first_index + i, planned.status()});
    } else {
      return planned.status();  // storage trouble: load nothing
    }
  }
  if (result.loaded > 0) RETURN_IF_ERROR(CommitAndNotify(std::move(mutation), overlay));
  return result;
}

}  // namespace liaison::registry
