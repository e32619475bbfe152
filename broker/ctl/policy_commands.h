#ifndef LIAISON_BROKER_CTL_POLICY_COMMANDS_H_
#define LIAISON_BROKER_CTL_POLICY_COMMANDS_H_

// liaisonctl policy explain|reload|show: the Policy service (the
// information-sharing policy in force). The offline commands are in
// policy_offline_commands.h.
//
// Every command returns OK on success and otherwise a one-line status for
// the caller to print; a broker error comes back with the broker's code.

#include <string>

#include "absl/status/status.h"
#include "broker/ctl/connection.h"
#include "broker/ctl/output.h"

namespace liaison::ctl {

struct PolicyExplainOptions {
  // One liaison.v1.Notification in proto JSON, as `submit` reads it.
  std::string notification_file;
  // The offender it is taken to be about.
  std::string crn;
};

// Policy.Explain (role ROLE_AUDITOR); prints the PolicyExplanation (text:
// render_policy.h). The file is read and parsed first: its error names it
// (INVALID_ARGUMENT "FILE: invalid notification JSON: ..."; NOT_FOUND, ...)
// and the broker is not called. From the broker: INVALID_ARGUMENT naming
// the field for a notification it refuses, NOT_FOUND for an unknown CRN,
// PERMISSION_DENIED for a caller that is not an auditor.
absl::Status PolicyExplain(const Connection& connection, const PolicyExplainOptions& options, const Output& output);

// Policy.Reload (role ROLE_POLICY_ADMIN); prints "policy reloaded:
// <previous> -> <version>" ("(unchanged)" added when they are equal) or the
// ReloadPolicyResponse. A refusal (INVALID_ARGUMENT) prints "policy reload
// refused; the policy in force stays" and every problem of the broker's
// report on output.err, one per line, and returns INVALID_ARGUMENT with the
// report's first line (e.g. "invalid policy (2 problems)").
absl::Status PolicyReload(const Connection& connection, const Output& output);

// Policy.GetPolicy (roles ROLE_AUDITOR, ROLE_POLICY_ADMIN); prints the
// version in force and where it came from, or the PolicyInfo.
absl::Status PolicyShow(const Connection& connection, const Output& output);

}  // namespace liaison::ctl

#endif  // LIAISON_BROKER_CTL_POLICY_COMMANDS_H_
