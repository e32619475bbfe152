// Merges and unmerges: two offender records found to be one person.
//
// The merged record stays (merged_into set) for history and is never matched
// or routed to; its names, identifiers and addresses join the surviving
// record's match form, so notifications about either identity find the
// survivor. `merges` keeps, per survivor, what was merged into it (key
// surviving "\0" merged) so an unmerge can rebuild both forms. Identity
// index entries are left where they are: they keep identifiers unique
// across records, merged or not.

#include "absl/strings/str_cat.h"
#include "broker/common/proto_time.h"
#include "broker/common/proto_util.h"
#include "broker/common/status_macros.h"
#include "broker/identifiers/identifiers.h"
#include "broker/registry/change_ref.h"
#include "broker/registry/registry.h"
#include "broker/storage/keys.h"
#include "broker/validation/field_checks.h"
#include "liaison/store/v1/records.pb.h"

namespace liaison::registry {
namespace {

using storage::Table;

constexpr int kMaxMergeDepth = 16;

v1::AuditEntry MergeEntry(v1::AuditAction action, absl::string_view actor, absl::string_view crn,
                          absl::string_view merged, absl::string_view surviving, absl::string_view reason) {
  v1::AuditEntry entry;
  entry.set_action(action);
  entry.set_actor(std::string(actor));
  entry.set_crn(std::string(crn));
  v1::AuditMerge* merge = entry.mutable_merge();
  merge->set_merged_crn(std::string(merged));
  merge->set_surviving_crn(std::string(surviving));
  merge->set_reason(std::string(reason));
  return entry;
}

absl::StatusOr<std::string> Crn(absl::string_view field, absl::string_view value) {
  absl::StatusOr<std::string> crn = identifiers::CanonicalCrn(value);
  if (!crn.ok()) return validation::FieldError(field, crn.status().message());
  return crn;
}

}  // namespace

absl::StatusOr<std::vector<v1::OffenderRecord>> Registry::MergedInto(const std::string& crn, const Overlay& overlay,
                                                                     int depth) const {
  std::vector<v1::OffenderRecord> merged;
  if (depth > kMaxMergeDepth) return merged;
  const std::string prefix = storage::JoinKey({crn, ""});
  std::vector<std::string> crns;
  RETURN_IF_ERROR(deps_.store->Scan(Table::kMerges, prefix, storage::PrefixEnd(prefix), false,
                                    [&](absl::string_view key, absl::string_view) {
                                      crns.emplace_back(key.substr(prefix.size()));
                                      return true;
                                    }));
  for (const std::string& m : crns) {
    ASSIGN_OR_RETURN(std::optional<v1::OffenderRecord> record, Load(m, overlay));
    // An overlay change in this commit (an unmerge) shows as merged_into
    // no longer pointing here.
    if (!record.has_value() || record->merged_into() != crn) continue;
    ASSIGN_OR_RETURN(std::vector<v1::OffenderRecord> deeper, MergedInto(m, overlay, depth + 1));
    merged.push_back(std::move(*record));
    for (v1::OffenderRecord& d : deeper) merged.push_back(std::move(d));
  }
  // Merges made earlier in this commit are not in the store yet.
  for (const auto& [other, record] : overlay.offenders) {
    if (record.merged_into() != crn) continue;
    bool seen = false;
    for (const v1::OffenderRecord& r : merged) seen = seen || r.crn() == other;
    if (seen) continue;
    ASSIGN_OR_RETURN(std::vector<v1::OffenderRecord> deeper, MergedInto(other, overlay, depth + 1));
    merged.push_back(record);
    for (v1::OffenderRecord& d : deeper) merged.push_back(std::move(d));
  }
  return merged;
}

absl::StatusOr<Registry::MergeResult> Registry::Merge(absl::string_view merged_crn, absl::string_view surviving_crn,
                                                      absl::string_view reason, absl::string_view actor,
                                                      absl::string_view change_ref) {
  v1::MergeOffendersRequest request;
  request.set_merged_crn(std::string(merged_crn));
  request.set_surviving_crn(std::string(surviving_crn));
  request.set_reason(std::string(reason));
  request.set_change_ref(std::string(change_ref));
  ASSIGN_OR_RETURN(ChangeRef ref, ChangeRef::Of("Registry.MergeOffenders", actor, std::move(request)));
  ASSIGN_OR_RETURN(std::string merged_id, Crn("merged_crn", merged_crn));
  ASSIGN_OR_RETURN(std::string surviving_id, Crn("surviving_crn", surviving_crn));
  RETURN_IF_ERROR(validation::CheckText("reason", reason, 200, false));
  if (merged_id == surviving_id) return absl::FailedPreconditionError("surviving_crn: is the merged record itself");
  absl::MutexLock lock(&write_mu_);
  ASSIGN_OR_RETURN(bool seen, ref.Seen(*deps_.store));
  if (seen) {
    ASSIGN_OR_RETURN(v1::OffenderRecord surviving, Get(surviving_id));
    ASSIGN_OR_RETURN(v1::OffenderRecord merged, Get(merged_id));
    return MergeResult{std::move(surviving), std::move(merged), /*duplicate=*/true};
  }
  Overlay overlay;
  ASSIGN_OR_RETURN(std::optional<v1::OffenderRecord> merged, Load(merged_id, overlay));
  ASSIGN_OR_RETURN(std::optional<v1::OffenderRecord> surviving, Load(surviving_id, overlay));
  if (!merged.has_value()) return absl::NotFoundError("merged_crn: no offender record has this CRN");
  if (!surviving.has_value()) return absl::NotFoundError("surviving_crn: no offender record has this CRN");
  if (!merged->merged_into().empty()) {
    return absl::FailedPreconditionError(absl::StrCat("merged_crn: already merged into ", merged->merged_into()));
  }
  if (!surviving->merged_into().empty()) {
    return absl::FailedPreconditionError(
        absl::StrCat("surviving_crn: was itself merged into ", surviving->merged_into()));
  }
  const absl::Time now = deps_.clock->Now();
  store::v1::MergeRecord merge;
  merge.set_merged_crn(merged_id);
  merge.set_surviving_crn(surviving_id);
  *merge.mutable_merged_before() = *merged;
  *merge.mutable_merged_at() = ToProtoTime(now);
  merge.set_merged_by(std::string(actor));

  merged->set_merged_into(surviving_id);
  *merged->mutable_updated_at() = ToProtoTime(now);
  overlay.offenders[merged_id] = *merged;
  commit::Mutation mutation;
  mutation.writes.push_back({Table::kOffenders, merged_id, merged->SerializeAsString()});
  mutation.writes.push_back({Table::kMerges, storage::JoinKey({surviving_id, merged_id}), merge.SerializeAsString()});
  RETURN_IF_ERROR(Reindex(merged_id, std::nullopt, &overlay, &mutation));
  ASSIGN_OR_RETURN(matching::v1::MatchForm survivor_form, FormOf(*surviving, overlay));
  RETURN_IF_ERROR(Reindex(surviving_id, std::move(survivor_form), &overlay, &mutation));
  for (const std::string& crn : {merged_id, surviving_id}) {
    mutation.audit.push_back(
        MergeEntry(v1::AUDIT_ACTION_OFFENDERS_MERGED, actor, crn, merged_id, surviving_id, reason));
  }
  ref.Record(now, &mutation);
  RETURN_IF_ERROR(CommitAndNotify(std::move(mutation), overlay));
  return MergeResult{*std::move(surviving), *std::move(merged)};
}

absl::StatusOr<v1::OffenderRecord> Registry::Unmerge(absl::string_view merged_crn, absl::string_view reason,
                                                     absl::string_view actor, absl::string_view change_ref) {
  v1::UnmergeOffenderRequest request;
  request.set_merged_crn(std::string(merged_crn));
  request.set_reason(std::string(reason));
  request.set_change_ref(std::string(change_ref));
  ASSIGN_OR_RETURN(ChangeRef ref, ChangeRef::Of("Registry.UnmergeOffender", actor, std::move(request)));
  ASSIGN_OR_RETURN(std::string merged_id, Crn("merged_crn", merged_crn));
  RETURN_IF_ERROR(validation::CheckText("reason", reason, 200, false));
  absl::MutexLock lock(&write_mu_);
  ASSIGN_OR_RETURN(bool seen, ref.Seen(*deps_.store));
  if (seen) return Get(merged_id);
  Overlay overlay;
  ASSIGN_OR_RETURN(std::optional<v1::OffenderRecord> merged, Load(merged_id, overlay));
  if (!merged.has_value()) return absl::NotFoundError("merged_crn: no offender record has this CRN");
  if (merged->merged_into().empty()) return absl::FailedPreconditionError("merged_crn: this record is not merged");
  const std::string surviving_id = merged->merged_into();
  ASSIGN_OR_RETURN(std::optional<v1::OffenderRecord> surviving, Load(surviving_id, overlay));
  if (!surviving.has_value()) return absl::DataLossError("the surviving record of a merge is missing");

  const absl::Time now = deps_.clock->Now();
  merged->clear_merged_into();
  *merged->mutable_updated_at() = ToProtoTime(now);
  overlay.offenders[merged_id] = *merged;
  commit::Mutation mutation;
  mutation.writes.push_back({Table::kOffenders, merged_id, merged->SerializeAsString()});
  mutation.writes.push_back({Table::kMerges, storage::JoinKey({surviving_id, merged_id}), std::nullopt});
  ASSIGN_OR_RETURN(matching::v1::MatchForm survivor_form, FormOf(*surviving, overlay));
  RETURN_IF_ERROR(Reindex(surviving_id, std::move(survivor_form), &overlay, &mutation));
  ASSIGN_OR_RETURN(matching::v1::MatchForm merged_form, FormOf(*merged, overlay));
  RETURN_IF_ERROR(Reindex(merged_id, std::move(merged_form), &overlay, &mutation));
  for (const std::string& crn : {merged_id, surviving_id}) {
    mutation.audit.push_back(
        MergeEntry(v1::AUDIT_ACTION_OFFENDERS_UNMERGED, actor, crn, merged_id, surviving_id, reason));
  }
  ref.Record(now, &mutation);
  RETURN_IF_ERROR(CommitAndNotify(std::move(mutation), overlay));
  return *std::move(merged);
}

}  // namespace liaison::registry
