#ifndef LIAISON_BROKER_SERVER_ACCESS_CONTROL_H_
#define LIAISON_BROKER_SERVER_ACCESS_CONTROL_H_

#include <memory>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "broker/common/clock.h"
#include "broker/server/access_policy.h"
#include "broker/server/call_limits.h"
#include "broker/server/revocation.h"
#include "liaison/config/v1/config.pb.h"

namespace liaison::server {

// An admitted caller: its principal, and the access policy snapshot it was
// admitted under (kept alive for the call even if a reload replaces it).
class Caller {
 public:
  Caller(std::shared_ptr<const AccessPolicy> policy, const config::v1::Principal* principal)
      : policy_(std::move(policy)), principal_(principal) {}
  const config::v1::Principal* operator->() const { return principal_; }
  const config::v1::Principal& operator*() const { return *principal_; }
  // Whether this caller may read and acknowledge `recipient_id`'s inbox.
  bool MaySee(absl::string_view recipient_id) const { return policy_->MaySee(*principal_, recipient_id); }

 private:
  std::shared_ptr<const AccessPolicy> policy_;
  const config::v1::Principal* principal_;
};

// The access policy and revocation list in force, replaced whole on reload,
// plus the per-principal limits that outlive reloads. Every call is admitted
// here. Thread-safe.
class AccessControl {
 public:
  // `config` validated by the config loader; its limits are fixed for the
  // life of this object (a zero limit, from a config the loader did not
  // fill, is no limit). `clock` outlives this.
  AccessControl(const config::v1::BrokerConfig& config, RevocationList revoked, Clock* clock);

  // Puts `config`'s principals and revocation (with `revoked`, loaded from
  // it) in force for every later call and handshake.
  void Replace(const config::v1::BrokerConfig& config, RevocationList revoked);

  // Admits a call to `method` by `principal_id`, presenting `cert_pem` (its
  // client certificate; empty in insecure-dev mode), in this order:
  // UNAUTHENTICATED when no identity, a revoked certificate or a revoked
  // principal; PERMISSION_DENIED when the principal is unknown;
  // RESOURCE_EXHAUSTED when it is over its request rate; PERMISSION_DENIED
  // when its role may not call `method`.
  absl::StatusOr<Caller> Admit(absl::string_view principal_id, absl::string_view cert_pem, Method method);

  // OK unless `cert_pem` is revoked (UNAUTHENTICATED). For the TLS
  // handshake.
  absl::Status CheckCertificate(absl::string_view cert_pem) const;

  // One more Inbox.Subscribe stream for `caller` (held until the slot is
  // destroyed), or RESOURCE_EXHAUSTED naming
  // limits.max_subscriptions_per_principal.
  absl::StatusOr<SubscriptionLimiter::Slot> AcquireSubscription(const Caller& caller) {
    return subscriptions_.Acquire(caller->id());
  }

  // Subscriptions `principal_id` holds open now.
  uint32_t open_subscriptions(absl::string_view principal_id) const { return subscriptions_.open(principal_id); }

  // The snapshot in force (for tests and diagnostics).
  std::shared_ptr<const AccessPolicy> policy() const;

 private:
  mutable absl::Mutex mu_;
  std::shared_ptr<const AccessPolicy> policy_ ABSL_GUARDED_BY(mu_);
  std::shared_ptr<const RevocationList> revoked_ ABSL_GUARDED_BY(mu_);
  const std::unique_ptr<RateLimiter> rate_;  // null: no rate limit
  SubscriptionLimiter subscriptions_;
};

}  // namespace liaison::server

#endif  // LIAISON_BROKER_SERVER_ACCESS_CONTROL_H_
