#ifndef LIAISON_BROKER_SERVER_CONFIG_LOADER_H_
#define LIAISON_BROKER_SERVER_CONFIG_LOADER_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "liaison/config/v1/config.pb.h"
#include "policy/rule_policy.h"

namespace liaison::server {

// Parses a BrokerConfig textproto, checks it and fills defaults. Errors are
// INVALID_ARGUMENT "<file>:<line>:<column>: <field>: <reason>" (syntax errors
// and unknown fields or enum values included); NOT_FOUND when the file
// cannot be read.
absl::StatusOr<config::v1::BrokerConfig> LoadBrokerConfig(const std::string& path);

// The same, from text; `name` stands for the file in messages.
absl::StatusOr<config::v1::BrokerConfig> ParseBrokerConfig(absl::string_view text, absl::string_view name);

// The policy the config names (policy.file), or the shipped policy built
// into the broker, validated against the config's directory. The error
// lists every problem with file:line and rule id (INVALID_ARGUMENT), or
// NOT_FOUND when the file cannot be read.
struct LoadedPolicy {
  std::shared_ptr<const policy::RulePolicy> policy;
  // The file, or "built-in (policy/england-wales.textproto)".
  std::string origin;
};
absl::StatusOr<LoadedPolicy> LoadConfiguredPolicy(const config::v1::BrokerConfig& config);

}  // namespace liaison::server

#endif  // LIAISON_BROKER_SERVER_CONFIG_LOADER_H_
