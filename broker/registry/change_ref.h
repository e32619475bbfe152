#ifndef LIAISON_BROKER_REGISTRY_CHANGE_REF_H_
#define LIAISON_BROKER_REGISTRY_CHANGE_REF_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "broker/commit/committer.h"
#include "broker/storage/kv_store.h"
#include "google/protobuf/message_lite.h"

namespace liaison::registry {

// The broker's memory of one caller's change reference (change_ref in
// registry_service.proto): which request it named, so a repeat applies
// nothing. Kept in the `idempotency` table under
//   principal "\0" "registry" "\0" change_ref
// (notification keys are principal "\0" source_ref with no other "\0", so the
// two never collide; the table's keys are stored as they are, also under
// encryption at rest, and only ever looked up whole). The value is an
// IdempotencyRecord: payload_hash = the request's fingerprint, received_at =
// when it was applied. Written in the commit of the change itself. Immutable;
// thread-safe.
class ChangeRef {
 public:
  // The reference `principal` gave in `request` to `method` (e.g.
  // "Registry.UpsertOffender"). Its fingerprint is the SHA-256 of `method`
  // and the deterministic bytes of the request as sent with change_ref
  // cleared. An empty change_ref makes a reference that remembers nothing.
  // INVALID_ARGUMENT "change_ref: ..." for a malformed reference.
  template <typename Request>
  static absl::StatusOr<ChangeRef> Of(absl::string_view method, absl::string_view principal, Request request) {
    std::string ref = request.change_ref();
    request.clear_change_ref();
    return Make(method, principal, std::move(ref), request);
  }

  bool empty() const { return ref_.empty(); }
  const std::string& ref() const { return ref_; }

  // True when this reference was applied before with the same request (a
  // duplicate: apply nothing); false when it is new, or empty.
  // ALREADY_EXISTS "change_ref: already used by this caller for a different
  // change"; DATA_LOSS for an unreadable stored record; UNAVAILABLE from the
  // store.
  absl::StatusOr<bool> Seen(const storage::KvStore& store) const;

  // Adds the reference to `mutation`: stamps it on the audit entries whose
  // actor is the principal and writes its memory. Nothing for an empty
  // reference.
  void Record(absl::Time now, commit::Mutation* mutation) const;

  // SHA-256 of `method`, a NUL and the deterministic bytes of `request`.
  static std::string Fingerprint(absl::string_view method, const google::protobuf::MessageLite& request);

 private:
  ChangeRef() = default;
  static absl::StatusOr<ChangeRef> Make(absl::string_view method, absl::string_view principal, std::string ref,
                                        const google::protobuf::MessageLite& request_without_ref);

  std::string principal_;
  std::string ref_;
  std::string key_;
  std::string fingerprint_;
};

}  // namespace liaison::registry

#endif  // LIAISON_BROKER_REGISTRY_CHANGE_REF_H_
