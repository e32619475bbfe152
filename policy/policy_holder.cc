#include "policy/policy_holder.h"

namespace liaison::policy {

std::shared_ptr<const Policy> PolicyHolder::Current() const {
  absl::MutexLock lock(&mu_);
  return current_;
}

std::shared_ptr<const Policy> PolicyHolder::Replace(std::shared_ptr<const Policy> next) {
  absl::MutexLock lock(&mu_);
  std::shared_ptr<const Policy> previous = std::move(current_);
  current_ = std::move(next);
  retired_.push_back(previous);
  return previous;
}

}  // namespace liaison::policy
