#ifndef LIAISON_BROKER_REGISTRY_REGISTRY_H_
#define LIAISON_BROKER_REGISTRY_REGISTRY_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "broker/commit/committer.h"
#include "broker/common/clock.h"
#include "broker/matching/form_builder.h"
#include "broker/storage/kv_store.h"
#include "liaison/v1/offender.pb.h"
#include "liaison/v1/registry_service.pb.h"

namespace liaison::registry {

// The offender index: records keyed by CRN plus the identity index that
// maps each strong identifier to its CRN. Writes are serialised so the two
// never disagree; each write is audited in the same atomic commit.
// Thread-safe.
class Registry {
 public:
  struct Deps {
    storage::KvStore* store;
    commit::Committer* committer;
    Clock* clock;
    // Builds the match forms filed in the match index.
    const matching::FormBuilder* forms;
  };
  struct UpsertResult {
    v1::OffenderRecord record;
    bool created = false;
    // The change_ref was applied before: nothing changed now.
    bool duplicate = false;
  };
  struct MergeResult {
    v1::OffenderRecord surviving;
    v1::OffenderRecord merged;
    bool duplicate = false;
  };
  struct ChangeResult {
    // The record as it is after the call (unset only for a duplicate whose
    // record no longer carries the identifier it was found by).
    std::optional<v1::OffenderRecord> record;
    v1::ChangeOutcome outcome = v1::CHANGE_OUTCOME_UNSPECIFIED;
  };
  // Called after a commit with the CRNs that got a retroactive-matching job
  // (a record created or gaining a name, identifier or address while
  // retained notifications share a blocking key with it).
  using RematchListener = std::function<void(const std::vector<std::string>& crns)>;
  struct BulkError {
    uint64_t index = 0;
    absl::Status status;
  };
  struct BulkResult {
    uint64_t loaded = 0;
    std::vector<BulkError> errors;
  };

  explicit Registry(Deps deps) : deps_(deps) {}

  // Adds to an allocation's commit what a change of offender manager
  // brings (the history the new offender manager receives, story 7):
  // called with the record as allocated, under the registry's write lock.
  using AllocationHook = std::function<absl::Status(const v1::OffenderRecord& record, absl::Time now,
                                                    commit::Mutation* mutation)>;
  void SetAllocationHook(AllocationHook hook) { allocation_hook_ = std::move(hook); }

  // Registers the single rematch listener. Call before use.
  void SetRematchListener(RematchListener listener) { rematch_listener_ = std::move(listener); }

  // Rebuilds the match index (forms, blocking keys, name counts) from the
  // offender records when it was built by another version of the matcher
  // (meta "match_index_version"), e.g. on first start after an upgrade.
  // Returns the number of records indexed (0 when already current).
  absl::StatusOr<uint64_t> RebuildMatchIndexIfStale();

  // Change references: Upsert, Allocate, Merge, Unmerge and ApplyChange take
  // the caller's optional change_ref (registry_service.proto; ChangeRef in
  // change_ref.h). A repeat of an applied (principal `actor`, change_ref)
  // with the same request writes nothing and reports a duplicate with the
  // record as it is now; with a different request it is ALREADY_EXISTS
  // "change_ref: already used by this caller for a different change". A
  // malformed change_ref is INVALID_ARGUMENT "change_ref: ...". The
  // reference is stamped on the change's audit entries.

  // Creates or replaces the record for record.crn. The record's
  // change times (custody_changed_at, registrations_changed_at,
  // register_changed_at, rosh_changed_at) are the stored record's
  // (ApplyChange sets them), whatever the caller sent.
  // INVALID_ARGUMENT naming the field; ALREADY_EXISTS when one of its
  // identifiers is on another offender's record; UNAVAILABLE on storage
  // failure (nothing written).
  absl::StatusOr<UpsertResult> Upsert(v1::OffenderRecord record, absl::string_view actor,
                                      absl::string_view change_ref = {});

  // NOT_FOUND when there is no record; INVALID_ARGUMENT for a malformed CRN.
  absl::StatusOr<v1::OffenderRecord> Get(absl::string_view crn) const;

  // Allocates or transfers the case (request.change_ref as above). NOT_FOUND
  // for an unknown CRN.
  absl::StatusOr<v1::OffenderRecord> Allocate(const v1::AllocateManagerRequest& request,
                                              absl::string_view actor);

  // Validates every record; commits the valid ones in one atomic write.
  // `first_index` numbers the records in error reports. An error status
  // means the commit failed and nothing was loaded.
  absl::StatusOr<BulkResult> BulkLoad(std::vector<v1::OffenderRecord> records, uint64_t first_index,
                                      absl::string_view actor);

  // Records that `merged_crn` and `surviving_crn` are one person (see
  // registry_service.proto). NOT_FOUND, FAILED_PRECONDITION,
  // INVALID_ARGUMENT naming the field; UNAVAILABLE on storage failure.
  absl::StatusOr<MergeResult> Merge(absl::string_view merged_crn, absl::string_view surviving_crn,
                                    absl::string_view reason, absl::string_view actor,
                                    absl::string_view change_ref = {});
  // Undoes the merge of `merged_crn`. FAILED_PRECONDITION when not merged.
  absl::StatusOr<v1::OffenderRecord> Unmerge(absl::string_view merged_crn, absl::string_view reason,
                                             absl::string_view actor, absl::string_view change_ref = {});

  // registry_changes.cc: applies one change an agency system reported
  // (registry_service.proto, ApplyChange) to the record `request.person`
  // names, audited OFFENDER_CHANGED; the identity and match indexes follow
  // as for Upsert. Outcomes: APPLIED; SUPERSEDED when a custody or
  // registration change occurred before the record's last one of that kind
  // (nothing changes, but the change_ref is remembered, so a repeat is a
  // DUPLICATE); DUPLICATE. INVALID_ARGUMENT naming the field; NOT_FOUND
  // "person: no offender record carries this identifier"; FAILED_PRECONDITION
  // for a merged record; ALREADY_EXISTS for a used change_ref or a
  // replacement identifier on another record; UNAVAILABLE on storage failure.
  absl::StatusOr<ChangeResult> ApplyChange(v1::ApplyChangeRequest request, absl::string_view actor);

 private:
  // Identity keys, records and match forms changed earlier in the same
  // commit, and whether retained notifications exist at all.
  struct Overlay {
    absl::flat_hash_map<std::string, std::string> identity;  // key -> crn ("" = deleted)
    absl::flat_hash_map<std::string, v1::OffenderRecord> offenders;
    absl::flat_hash_map<std::string, std::optional<matching::v1::MatchForm>> forms;
    std::optional<bool> any_unmatched;
    std::vector<std::string> rematch;
  };

  // Where a record Plan files comes from: a client (UpsertOffender,
  // BulkLoad: the change times are the stored record's; audited
  // OFFENDER_UPSERTED) or ApplyChange (kept as given; OFFENDER_CHANGED).
  enum class Origin { kClient, kChange };
  // Validates `record` and adds its writes and audit entry to `mutation`.
  absl::StatusOr<UpsertResult> Plan(v1::OffenderRecord record, absl::string_view actor, absl::Time now,
                                    Overlay* overlay, commit::Mutation* mutation, Origin origin = Origin::kClient)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(write_mu_);
  absl::StatusOr<std::optional<v1::OffenderRecord>> Load(absl::string_view crn, const Overlay& overlay) const;
  absl::StatusOr<std::string> IndexedCrn(const std::string& key, const Overlay& overlay) const;

  // registry_index.cc: keeps the match index in step with a record.
  absl::StatusOr<std::optional<matching::v1::MatchForm>> StoredForm(const std::string& crn, Overlay* overlay) const;
  // The form of `record` with the records merged into it (recursively).
  absl::StatusOr<matching::v1::MatchForm> FormOf(const v1::OffenderRecord& record, const Overlay& overlay) const;
  // Adds the index writes moving `crn` to `after` (nullopt: unindexed), and
  // a rematch job when it gained blocking keys retained notifications use.
  absl::Status Reindex(const std::string& crn, std::optional<matching::v1::MatchForm> after, Overlay* overlay,
                       commit::Mutation* mutation) ABSL_EXCLUSIVE_LOCKS_REQUIRED(write_mu_);
  absl::StatusOr<bool> AnyUnmatched(Overlay* overlay) const;
  // Commits and tells the rematch listener.
  absl::Status CommitAndNotify(commit::Mutation mutation, const Overlay& overlay);
  // registry_changes.cc: the record `person` (canonical) names: by CRN, or
  // through the identity index. NOT_FOUND "person: no offender record
  // carries this identifier".
  absl::StatusOr<v1::OffenderRecord> FindPerson(const v1::Identifier& person) const;
  // The record a duplicate ApplyChange reports (nullopt when it cannot be
  // found by the identifiers of the request any more).
  absl::StatusOr<std::optional<v1::OffenderRecord>> DuplicateRecord(const v1::ApplyChangeRequest& request) const;
  // Changes `record` as `request` says; false when superseded. ALREADY_EXISTS
  // when a replacement identifier is on another record.
  absl::StatusOr<bool> Modify(const v1::ApplyChangeRequest& request, v1::OffenderRecord* record) const;
  // registry_merges.cc.
  absl::StatusOr<std::vector<v1::OffenderRecord>> MergedInto(const std::string& crn, const Overlay& overlay,
                                                              int depth) const;

  Deps deps_;
  RematchListener rematch_listener_;
  AllocationHook allocation_hook_;
  absl::Mutex write_mu_;
};

}  // namespace liaison::registry

#endif  // LIAISON_BROKER_REGISTRY_REGISTRY_H_
