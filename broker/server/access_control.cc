#include "broker/server/access_control.h"

#include <algorithm>
#include <limits>

namespace liaison::server {

AccessControl::AccessControl(const config::v1::BrokerConfig& config, RevocationList revoked, Clock* clock)
    : policy_(std::make_shared<const AccessPolicy>(config)),
      revoked_(std::make_shared<const RevocationList>(std::move(revoked))),
      rate_(config.limits().requests_per_second() == 0
                ? nullptr
                : std::make_unique<RateLimiter>(config.limits().requests_per_second(),
                                                std::max(1u, config.limits().request_burst()), clock)),
      subscriptions_(config.limits().max_subscriptions_per_principal() == 0
                         ? std::numeric_limits<uint32_t>::max()
                         : config.limits().max_subscriptions_per_principal()) {}

void AccessControl::Replace(const config::v1::BrokerConfig& config, RevocationList revoked) {
  auto policy = std::make_shared<const AccessPolicy>(config);
  auto list = std::make_shared<const RevocationList>(std::move(revoked));
  absl::MutexLock lock(&mu_);
  policy_ = std::move(policy);
  revoked_ = std::move(list);
}

std::shared_ptr<const AccessPolicy> AccessControl::policy() const {
  absl::MutexLock lock(&mu_);
  return policy_;
}

absl::Status AccessControl::CheckCertificate(absl::string_view cert_pem) const {
  std::shared_ptr<const RevocationList> revoked;
  {
    absl::MutexLock lock(&mu_);
    revoked = revoked_;
  }
  return revoked->Check(cert_pem);
}

absl::StatusOr<Caller> AccessControl::Admit(absl::string_view principal_id, absl::string_view cert_pem,
                                            Method method) {
  std::shared_ptr<const AccessPolicy> policy;
  std::shared_ptr<const RevocationList> revoked;
  {
    absl::MutexLock lock(&mu_);
    policy = policy_;
    revoked = revoked_;
  }
  if (!cert_pem.empty()) {
    if (absl::Status status = revoked->Check(cert_pem); !status.ok()) return status;
  }
  auto known = policy->Identify(principal_id);
  if (!known.ok()) return known.status();
  // Unknown principals are refused before they can hold a rate bucket.
  if (*known != nullptr && rate_ != nullptr) {
    if (absl::Status status = rate_->Take(principal_id); !status.ok()) return status;
  }
  auto admitted = policy->Admit(principal_id, method);
  if (!admitted.ok()) return admitted.status();
  return Caller(std::move(policy), *admitted);
}

}  // namespace liaison::server
