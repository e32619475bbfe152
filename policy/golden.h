#ifndef LIAISON_POLICY_GOLDEN_H_
#define LIAISON_POLICY_GOLDEN_H_

// Golden cases (policy/v1 GoldenCase): a notification, the people it is
// linked to, and the decision a policy must reach. A case directory holds
// `directory.textproto` (a liaison.policy.v1.Directory) and any number of
// `*.case.textproto` files, each one GoldenCase. Used by
// `liaisonctl policy test DIR` and by CI for the shipped policy.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "liaison/policy/v1/policy.pb.h"
#include "policy/policy.h"

namespace liaison::policy {

struct GoldenResult {
  std::string file;
  std::string name;
  // Empty when the case passed; otherwise what differed (no personal data
  // beyond what the case file itself holds: ids, roles, paths).
  std::vector<std::string> failures;
  bool passed() const { return failures.empty(); }
};

// Builds the policy input for a case: the subject's match and record, and
// related links, decided `hours_after_event` after occurred_at.
struct GoldenInput {
  api::Notification notification;
  api::MatchResult subject_match;
  api::OffenderRecord subject;
  bool has_subject = false;
  PolicyInput input;
};
void BuildGoldenInput(const policy::v1::GoldenCase& golden, GoldenInput* out);

GoldenResult RunGoldenCase(const policy::v1::GoldenCase& golden, const Policy& policy);

struct GoldenDir {
  policy::v1::Directory directory;
  // Parsed cases with the file each came from, sorted by file name.
  std::vector<std::pair<std::string, policy::v1::GoldenCase>> cases;
};
// INVALID_ARGUMENT naming file:line for a case or directory file that does
// not parse; NOT_FOUND when `dir` has no directory.textproto or no cases.
absl::StatusOr<GoldenDir> ReadGoldenDir(const std::string& dir);

}  // namespace liaison::policy

#endif  // LIAISON_POLICY_GOLDEN_H_
