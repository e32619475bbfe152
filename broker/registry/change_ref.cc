#include "broker/registry/change_ref.h"

#include <utility>

#include "broker/common/crypto.h"
#include "broker/common/proto_time.h"
#include "broker/common/proto_util.h"
#include "broker/common/status_macros.h"
#include "broker/storage/keys.h"
#include "broker/validation/change_validation.h"
#include "liaison/store/v1/records.pb.h"

namespace liaison::registry {
namespace {

constexpr absl::string_view kRegistryKeyPart = "registry";

}  // namespace

absl::StatusOr<ChangeRef> ChangeRef::Make(absl::string_view method, absl::string_view principal, std::string ref,
                                          const google::protobuf::MessageLite& request_without_ref) {
  RETURN_IF_ERROR(validation::ValidateChangeRef(ref));
  ChangeRef change_ref;
  if (ref.empty()) return change_ref;
  change_ref.principal_ = std::string(principal);
  change_ref.key_ = storage::JoinKey({principal, kRegistryKeyPart, ref});
  change_ref.ref_ = std::move(ref);
  change_ref.fingerprint_ = Fingerprint(method, request_without_ref);
  return change_ref;
}

std::string ChangeRef::Fingerprint(absl::string_view method, const google::protobuf::MessageLite& request) {
  return Sha256({method, absl::string_view("\0", 1), DeterministicBytes(request)});
}

absl::StatusOr<bool> ChangeRef::Seen(const storage::KvStore& store) const {
  if (empty()) return false;
  ASSIGN_OR_RETURN(std::optional<std::string> stored, store.Get(storage::Table::kIdempotency, key_));
  if (!stored.has_value()) return false;
  ASSIGN_OR_RETURN(auto record, ParseStored<store::v1::IdempotencyRecord>(*stored, "change reference"));
  if (record.payload_hash() != fingerprint_) {
    return absl::AlreadyExistsError("change_ref: already used by this caller for a different change");
  }
  return true;
}

void ChangeRef::Record(absl::Time now, commit::Mutation* mutation) const {
  if (empty()) return;
  for (v1::AuditEntry& entry : mutation->audit) {
    // The caller's entries; the broker's own (the history an allocation
    // shares) name their notifications instead.
    if (entry.actor() == principal_) entry.set_change_ref(ref_);
  }
  store::v1::IdempotencyRecord record;
  record.set_payload_hash(fingerprint_);
  *record.mutable_received_at() = ToProtoTime(now);
  mutation->writes.push_back({storage::Table::kIdempotency, key_, record.SerializeAsString()});
}

}  // namespace liaison::registry
