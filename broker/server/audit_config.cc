#include "broker/server/audit_config.h"

#include "broker/audit/checkpoint.h"
#include "broker/audit/ed25519.h"
#include "broker/common/status_macros.h"

namespace liaison::server {

absl::StatusOr<BrokerCore::AuditOptions> LoadAuditOptions(const config::v1::AuditSettings& settings,
                                                           const std::string& key_file) {
  BrokerCore::AuditOptions options;
  audit::Checkpointer::Options& checkpoints = options.checkpoints;
  if (!settings.origin().empty()) checkpoints.origin = settings.origin();
  RETURN_IF_ERROR(audit::CheckOrigin("audit.origin", checkpoints.origin));
  checkpoints.every_entries = settings.checkpoint_every_entries() != 0 ? settings.checkpoint_every_entries() : 1000;
  checkpoints.every = absl::Seconds(settings.checkpoint_every_seconds() != 0 ? settings.checkpoint_every_seconds() : 60);
  const std::string path = !key_file.empty() ? key_file : settings.signing_key_file();
  if (path.empty()) return options;
  const char* field = !key_file.empty() ? "--audit-signing-key" : "audit.signing_key_file";
  ASSIGN_OR_RETURN(std::unique_ptr<audit::Ed25519Signer> signer, audit::Ed25519Signer::FromPemFile(path, field));
  options.signer = std::move(signer);
  return options;
}

}  // namespace liaison::server
