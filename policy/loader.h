#ifndef LIAISON_POLICY_LOADER_H_
#define LIAISON_POLICY_LOADER_H_

// Reading and validating policies (docs/policy.md, "Validation"). A policy
// that fails validation is never built, so an invalid policy can never
// replace a valid one.

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/text_format.h"
#include "liaison/policy/v1/policy.pb.h"
#include "policy/rule_policy.h"

namespace liaison::policy {

// One validation problem: "<file>:<line>: rule '<id>': <message>" (line 0
// and no rule when not applicable).
struct PolicyProblem {
  std::string origin;
  int line = 0;
  std::string rule_id;
  std::string message;
  std::string ToString() const;
};

// Every problem with `policy` (empty: valid): missing or malformed ids and
// descriptions, missing legal basis or priority, unknown field paths,
// recipients the directory cannot resolve, escalation without a deadline,
// rules that can never fire and rules another rule shadows. `tree` (may be
// null) gives line numbers.
std::vector<PolicyProblem> ValidatePolicy(const policy::v1::Policy& policy, const policy::v1::Directory& directory,
                                          absl::string_view origin,
                                          const google::protobuf::TextFormat::ParseInfoTree* tree);

// Parses and validates; INVALID_ARGUMENT listing every problem, one per
// line ("<origin>:<line>:<column>: ..." for syntax errors, unknown fields,
// types and enum values).
absl::StatusOr<std::shared_ptr<const RulePolicy>> ParsePolicy(absl::string_view text, absl::string_view origin,
                                                              const policy::v1::Directory& directory);
// The same from a file; NOT_FOUND when it cannot be read.
absl::StatusOr<std::shared_ptr<const RulePolicy>> LoadPolicyFile(const std::string& path,
                                                                  const policy::v1::Directory& directory);

// Areas, prisons and teams: codes present and unique, recipient ids
// well-formed. INVALID_ARGUMENT naming the entry ("directory.areas[2].duty_inbox: ...").
absl::Status ValidateDirectory(const policy::v1::Directory& directory);

// The shipped policy (policy/england-wales.textproto), built in.
absl::string_view BuiltInPolicyText();
inline constexpr char kBuiltInPolicyOrigin[] = "policy/england-wales.textproto";

// The first 16 hex digits of SHA-256 of the policy text: its version.
std::string ContentHash(absl::string_view text);

// True for a well-formed recipient (inbox) id: 1-64 of [A-Za-z0-9._:-].
bool IsRecipientId(absl::string_view id);

}  // namespace liaison::policy

#endif  // LIAISON_POLICY_LOADER_H_
