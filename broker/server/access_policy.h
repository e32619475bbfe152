#ifndef LIAISON_BROKER_SERVER_ACCESS_POLICY_H_
#define LIAISON_BROKER_SERVER_ACCESS_POLICY_H_

#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "liaison/config/v1/config.pb.h"

namespace liaison::server {

// Every RPC the broker serves.
enum class Method {
  kSubmit,
  kSubmitBatch,
  kSubscribe,
  kListAlerts,
  kGetAlert,
  kAcknowledge,
  kUpsertOffender,
  kGetOffender,
  kAllocateManager,
  kBulkLoad,
  kAuditQuery,
  kVerifyChain,
  kMergeOffenders,
  kUnmergeOffender,
  kListReviews,
  kGetReview,
  kResolveReview,
  kExplainPolicy,
  kReloadPolicy,
  kGetPolicy,
  kGetCheckpoint,
  kListCheckpoints,
  kProveInclusion,
  kProveConsistency,
  kExportLog,
};

// Who may call what: principals from the config, each with one role, and
// the table of roles allowed per method. The single place authorisation is
// decided. Immutable; thread-safe.
class AccessPolicy {
 public:
  explicit AccessPolicy(const config::v1::BrokerConfig& config);

  // The principal with `principal_id`, if its role may call `method`.
  // UNAUTHENTICATED when the id is empty (no identity presented);
  // PERMISSION_DENIED when unknown or not allowed.
  absl::StatusOr<const config::v1::Principal*> Admit(absl::string_view principal_id, Method method) const;

  // Whether `principal` may read and acknowledge `recipient_id`'s inbox.
  static bool MaySee(const config::v1::Principal& principal, absl::string_view recipient_id);

  // Whether `role` may call `method` (the table).
  static bool Allowed(config::v1::Role role, Method method);

 private:
  absl::flat_hash_map<std::string, config::v1::Principal> principals_;
};

const char* MethodName(Method method);

}  // namespace liaison::server

#endif  // LIAISON_BROKER_SERVER_ACCESS_POLICY_H_
