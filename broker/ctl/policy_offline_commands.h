#ifndef LIAISON_BROKER_CTL_POLICY_OFFLINE_COMMANDS_H_
#define LIAISON_BROKER_CTL_POLICY_OFFLINE_COMMANDS_H_

// liaisonctl policy validate|test: checking a policy file before it is
// deployed (docs/policy.md, "Tools"). Both work on files alone: no broker,
// no certificates.
//
// Each returns OK on success and otherwise a one-line status for the caller
// to print; the details (every problem, every failed case) have gone to the
// output already.

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "broker/ctl/output.h"
#include "liaison/policy/v1/policy.pb.h"

namespace liaison::ctl {

// The directory of the broker config at `path` (a BrokerConfig textproto;
// nothing else in it is checked), validated as the broker would. Errors
// name the file: NOT_FOUND or PERMISSION_DENIED when it cannot be read,
// INVALID_ARGUMENT "<file>:<line>:<column>: <parser message>" when it does
// not parse and "<file>: directory.<field>: <reason>" for a bad directory.
absl::StatusOr<policy::v1::Directory> ReadConfigDirectory(const std::string& path);

struct PolicyValidateOptions {
  std::string file;
  // A broker config whose directory resolves recipients; empty: an empty
  // directory (so every recipient the directory resolves is reported).
  std::string config;
};

// Parses and validates `file` as the broker does at start and on reload.
// Valid: prints "FILE: valid, version <id>@<hash>, N rules". Invalid:
// prints each problem on output.err, one per line ("<file>:<line>: rule
// '<id>': <message>"; "<file>:<line>:<column>: ..." for syntax), and
// returns INVALID_ARGUMENT "FILE: invalid policy (N problems)". Without a
// config, output.err first gets a note that recipients were checked
// against an empty directory (and the valid line says so too). With
// output.json the verdict is one object {file, valid, version, rules,
// directory, problems[]} on output.out instead, whatever the outcome.
// Unreadable files: the file's error (NOT_FOUND, ...); a bad config as
// ReadConfigDirectory.
absl::Status PolicyValidate(const PolicyValidateOptions& options, const Output& output);

struct PolicyTestOptions {
  // Holds directory.textproto and *.case.textproto (policy/golden.h).
  std::string dir;
  // Empty: the shipped policy built into liaisonctl.
  std::string policy_file;
};

// Runs every golden case in `dir` against the policy, validated against
// the cases' directory. Prints "PASS <name> (<case file>)" or "FAIL ..."
// with each failure indented beneath, then "N cases, M failed (policy
// <version>)". --json: one object {file, name, passed, failures[]} per
// case, then {cases, failed, policy}. Returns FAILED_PRECONDITION "M of N
// cases failed" when any failed; INVALID_ARGUMENT (problems on output.err)
// when the policy is invalid; the reader's error for an unreadable case
// directory.
absl::Status PolicyTest(const PolicyTestOptions& options, const Output& output);

}  // namespace liaison::ctl

#endif  // LIAISON_BROKER_CTL_POLICY_OFFLINE_COMMANDS_H_
