#ifndef LIAISON_BROKER_SERVER_CONFIG_LOADER_H_
#define LIAISON_BROKER_SERVER_CONFIG_LOADER_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "liaison/config/v1/config.pb.h"

namespace liaison::server {

// Parses a BrokerConfig textproto, checks it and fills defaults. Errors are
// INVALID_ARGUMENT "<file>:<line>:<column>: <field>: <reason>" (syntax errors
// and unknown fields or enum values included); NOT_FOUND when the file
// cannot be read.
absl::StatusOr<config::v1::BrokerConfig> LoadBrokerConfig(const std::string& path);

// The same, from text; `name` stands for the file in messages.
absl::StatusOr<config::v1::BrokerConfig> ParseBrokerConfig(absl::string_view text, absl::string_view name);

}  // namespace liaison::server

#endif  // LIAISON_BROKER_SERVER_CONFIG_LOADER_H_
