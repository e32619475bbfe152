#ifndef LIAISON_POLICY_POLICY_HOLDER_H_
#define LIAISON_POLICY_POLICY_HOLDER_H_

#include <memory>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "policy/policy.h"

namespace liaison::policy {

// The policy in force, replaceable while the broker runs (hot reload). Each
// call takes a snapshot first, so a decision in progress finishes on the
// version it started with while a reload swaps the next one in atomically.
// Thread-safe.
class PolicyHolder : public Policy {
 public:
  // REQUIRES: `initial` is non-null.
  explicit PolicyHolder(std::shared_ptr<const Policy> initial) : current_(std::move(initial)) {}

  std::shared_ptr<const Policy> Current() const ABSL_LOCKS_EXCLUDED(mu_);
  // Swaps in `next` (non-null, already validated); returns the one replaced.
  std::shared_ptr<const Policy> Replace(std::shared_ptr<const Policy> next) ABSL_LOCKS_EXCLUDED(mu_);

  absl::StatusOr<Decision> Decide(const PolicyInput& input) const override { return Current()->Decide(input); }
  absl::StatusOr<Explanation> Explain(const PolicyInput& input) const override { return Current()->Explain(input); }
  // The version in force now. The reference stays valid until the next
  // Replace; prefer Current()->version() when it must outlive one.
  const std::string& version() const override { return Current()->version(); }
  absl::Duration UnmatchedRetention(policy::v1::NotificationKind kind, absl::Duration fallback) const override {
    return Current()->UnmatchedRetention(kind, fallback);
  }
  std::optional<absl::Duration> DeliveredRetention(policy::v1::NotificationKind kind) const override {
    return Current()->DeliveredRetention(kind);
  }
  absl::Duration AllocationHistory() const override { return Current()->AllocationHistory(); }

 private:
  mutable absl::Mutex mu_;
  std::shared_ptr<const Policy> current_ ABSL_GUARDED_BY(mu_);
  // Keeps replaced policies alive so version() references stay valid.
  std::vector<std::shared_ptr<const Policy>> retired_ ABSL_GUARDED_BY(mu_);
};

}  // namespace liaison::policy

#endif  // LIAISON_POLICY_POLICY_HOLDER_H_
