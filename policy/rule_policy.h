#ifndef LIAISON_POLICY_RULE_POLICY_H_
#define LIAISON_POLICY_RULE_POLICY_H_

#include <memory>
#include <string>
#include <vector>

#include "liaison/policy/v1/policy.pb.h"
#include "policy/conditions.h"
#include "policy/policy.h"

namespace liaison::policy {

// A written policy (policy/v1/policy.proto), validated and compiled. The
// semantics are in docs/policy.md: default deny; a forbid that holds
// overrides permits; permits combine (recipients are the union; one
// recipient sees the union of the fields its permits allow, minus what any
// forbid withholds); rule order never matters. Build with LoadPolicy or
// ParsePolicy (policy/loader.h), which validate first. Immutable and
// thread-safe.
class RulePolicy : public Policy {
 public:
  // REQUIRES: `proto` passed ValidatePolicy against `directory`.
  RulePolicy(policy::v1::Policy proto, policy::v1::Directory directory, std::string content_hash);

  absl::StatusOr<Decision> Decide(const PolicyInput& input) const override;
  absl::StatusOr<Explanation> Explain(const PolicyInput& input) const override;
  const std::string& version() const override { return version_; }
  absl::Duration UnmatchedRetention(policy::v1::NotificationKind kind, absl::Duration fallback) const override;
  std::optional<absl::Duration> DeliveredRetention(policy::v1::NotificationKind kind) const override;
  absl::Duration AllocationHistory() const override;

  const policy::v1::Policy& proto() const { return proto_; }
  const policy::v1::Directory& directory() const { return directory_; }

 private:
  struct CompiledRule {
    const policy::v1::Rule* rule;
    NormalisedConditions when;
  };

  absl::StatusOr<Explanation> Evaluate(const PolicyInput& input, bool trace) const;

  policy::v1::Policy proto_;
  policy::v1::Directory directory_;
  std::string version_;
  // Sorted by id: evaluation never depends on the order rules were written.
  std::vector<CompiledRule> rules_;
};

}  // namespace liaison::policy

#endif  // LIAISON_POLICY_RULE_POLICY_H_
