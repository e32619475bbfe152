#ifndef LIAISON_BROKER_SERVER_AUDIT_CONFIG_H_
#define LIAISON_BROKER_SERVER_AUDIT_CONFIG_H_

#include <string>

#include "absl/status/statusor.h"
#include "broker/core/broker_core.h"
#include "liaison/config/v1/config.pb.h"

namespace liaison::server {

// The audit log options `settings` asks for, defaults filled
// (checkpoint_every_entries 1000, checkpoint_every_seconds 60, origin
// "liaison.dev/audit") and the signing key loaded from `key_file` when not
// empty (else settings.signing_key_file; neither: no checkpoints). Errors
// name the field: INVALID_ARGUMENT for a bad origin or key,
// FAILED_PRECONDITION for a key file others may read, NOT_FOUND for one
// that cannot be read.
absl::StatusOr<BrokerCore::AuditOptions> LoadAuditOptions(const config::v1::AuditSettings& settings,
                                                           const std::string& key_file = "");

}  // namespace liaison::server

#endif  // LIAISON_BROKER_SERVER_AUDIT_CONFIG_H_
