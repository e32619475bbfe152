#ifndef LIAISON_BROKER_SERVER_ACCESS_POLICY_H_
#define LIAISON_BROKER_SERVER_ACCESS_POLICY_H_

#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
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
  kApplyChange,
  kBackup,
};

// Who may call what: principals from the config (principals_file
// included), each with one role and a scope, and the table of roles allowed
// per method. The single place authorisation is decided; AccessControl
// holds the snapshot in force. Immutable; thread-safe.
class AccessPolicy {
 public:
  // REQUIRES: `config` was validated by the config loader (principals_file
  // merged, establishments and teams present in the directory).
  explicit AccessPolicy(const config::v1::BrokerConfig& config);

  // The principal with `principal_id`, if it is known and its role may call
  // `method`. UNAUTHENTICATED when the id is empty (no identity presented)
  // or revoked (revocation.principal_ids); PERMISSION_DENIED when unknown or
  // not allowed.
  absl::StatusOr<const config::v1::Principal*> Admit(absl::string_view principal_id, Method method) const;

  // The principal with `principal_id` (nullptr when unknown), or
  // UNAUTHENTICATED as Admit for an empty or revoked id.
  absl::StatusOr<const config::v1::Principal*> Identify(absl::string_view principal_id) const;

  // Whether `principal` may read and acknowledge `recipient_id`'s inbox: an
  // inbox principal its recipient ids and its teams' inboxes, a prison
  // security principal its establishment's security inbox.
  bool MaySee(const config::v1::Principal& principal, absl::string_view recipient_id) const;

  // Whether `role` may call `method` (the table).
  static bool Allowed(config::v1::Role role, Method method);

 private:
  absl::flat_hash_map<std::string, config::v1::Principal> principals_;
  // Principal id -> the recipient ids it may read.
  absl::flat_hash_map<std::string, absl::flat_hash_set<std::string>> visible_;
  absl::flat_hash_set<std::string> revoked_;
};

const char* MethodName(Method method);

}  // namespace liaison::server

#endif  // LIAISON_BROKER_SERVER_ACCESS_POLICY_H_
