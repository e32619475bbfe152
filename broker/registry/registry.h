#ifndef LIAISON_BROKER_REGISTRY_REGISTRY_H_
#define LIAISON_BROKER_REGISTRY_REGISTRY_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "broker/commit/committer.h"
#include "broker/common/clock.h"
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
  };
  struct UpsertResult {
    v1::OffenderRecord record;
    bool created = false;
  };
  struct BulkError {
    uint64_t index = 0;
    absl::Status status;
  };
  struct BulkResult {
    uint64_t loaded = 0;
    std::vector<BulkError> errors;
  };

  explicit Registry(Deps deps) : deps_(deps) {}

  // Creates or replaces the record for record.crn. INVALID_ARGUMENT naming
  // the field; ALREADY_EXISTS when one of its identifiers is on another
  // offender's record; UNAVAILABLE on storage failure (nothing written).
  absl::StatusOr<UpsertResult> Upsert(v1::OffenderRecord record, absl::string_view actor);

  // NOT_FOUND when there is no record; INVALID_ARGUMENT for a malformed CRN.
  absl::StatusOr<v1::OffenderRecord> Get(absl::string_view crn) const;

  // Allocates or transfers the case. NOT_FOUND for an unknown CRN.
  absl::StatusOr<v1::OffenderRecord> Allocate(const v1::AllocateManagerRequest& request,
                                              absl::string_view actor);

  // Validates every record; commits the valid ones in one atomic write.
  // `first_index` numbers the records in error reports. An error status
  // means the commit failed and nothing was loaded.
  absl::StatusOr<BulkResult> BulkLoad(std::vector<v1::OffenderRecord> records, uint64_t first_index,
                                      absl::string_view actor);

 private:
  // Identity keys and records changed earlier in the same commit.
  struct Overlay {
    absl::flat_hash_map<std::string, std::string> identity;  // key -> crn ("" = deleted)
    absl::flat_hash_map<std::string, v1::OffenderRecord> offenders;
  };

  // Validates `record` and adds its writes and audit entry to `mutation`.
  absl::StatusOr<UpsertResult> Plan(v1::OffenderRecord record, absl::string_view actor, absl::Time now,
                                    Overlay* overlay, commit::Mutation* mutation)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(write_mu_);
  absl::StatusOr<std::optional<v1::OffenderRecord>> Load(absl::string_view crn, const Overlay& overlay) const;
  absl::StatusOr<std::string> IndexedCrn(const std::string& key, const Overlay& overlay) const;

  Deps deps_;
  absl::Mutex write_mu_;
};

}  // namespace liaison::registry

#endif  // LIAISON_BROKER_REGISTRY_REGISTRY_H_
