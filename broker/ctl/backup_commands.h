#ifndef LIAISON_BROKER_CTL_BACKUP_COMMANDS_H_
#define LIAISON_BROKER_CTL_BACKUP_COMMANDS_H_

// liaisonctl backup DIR (online, Admin.Backup) and restore BACKUP_DIR
// (offline, a stopped broker's data directory): docs/data-safety.md.

#include <string>

#include "absl/status/status.h"
#include "broker/ctl/connection.h"
#include "broker/ctl/output.h"

namespace liaison::ctl {

// Admin.Backup into `destination` on the broker's host (a relative path is
// made absolute against this directory, which is the broker's when both
// run on one host); prints what the backup holds and the key ids it needs.
absl::Status Backup(const Connection& connection, const std::string& destination, const Output& output);

struct RestoreCommandOptions {
  std::string backup_dir;
  std::string data_dir;
  // Empty: the backup must be unencrypted.
  std::string key_file;
  bool force = false;
};

// backup::Restore; prints what the restored directory holds. Its errors
// (FAILED_PRECONDITION when the broker still runs on data_dir, ...).
absl::Status Restore(const RestoreCommandOptions& options, const Output& output);

}  // namespace liaison::ctl

#endif  // LIAISON_BROKER_CTL_BACKUP_COMMANDS_H_
