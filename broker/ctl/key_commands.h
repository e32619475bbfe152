#ifndef LIAISON_BROKER_CTL_KEY_COMMANDS_H_
#define LIAISON_BROKER_CTL_KEY_COMMANDS_H_

// liaisonctl keys generate|rotate and store key-usage|reencrypt: the keys of
// encryption at rest (docs/security.md, "Encryption at rest"). They work on
// files and on a stopped broker's data directory, never over the network.

#include <string>

#include "absl/status/status.h"
#include "broker/ctl/output.h"

namespace liaison::ctl {

// Writes a new key file (mode 0600) with a fresh index secret and data key
// 1. ALREADY_EXISTS rather than overwrite a file (its loss loses the data).
absl::Status KeysGenerate(const std::string& file, const Output& output);

// Adds a data key to `file` and makes it active; the broker uses it for new
// writes after SIGHUP or a restart.
absl::Status KeysRotate(const std::string& file, const Output& output);

struct StoreOptions {
  std::string data_dir;
  std::string key_file;
};

// Prints how many records each data key encrypts.
absl::Status StoreKeyUsage(const StoreOptions& options, const Output& output);

// Re-encrypts every record under the active key, then prints the usage.
// The broker must be stopped (the directory's lock refuses otherwise).
absl::Status StoreReencrypt(const StoreOptions& options, const Output& output);

}  // namespace liaison::ctl

#endif  // LIAISON_BROKER_CTL_KEY_COMMANDS_H_
