#ifndef LIAISON_BROKER_COMMON_WRITABLE_DIR_H_
#define LIAISON_BROKER_COMMON_WRITABLE_DIR_H_

#include <string>

#include "absl/status/status.h"

namespace liaison {

// Checks at start that `dir` (created, with its parents, when missing) can
// be written: creates and removes a probe file in it, so a read-only mount,
// a directory owned by another user or a full disk is reported in words
// before the store opens. `flag` names the setting in the message
// ("--data-dir: /var/lib/liaison: the file system is read-only (...)").
// FAILED_PRECONDITION when the directory cannot be written (read-only file
// system, permission denied, no space); INVALID_ARGUMENT when the path is a
// file, not a directory.
absl::Status CheckWritableDirectory(const std::string& dir, const std::string& flag);

}  // namespace liaison

#endif  // LIAISON_BROKER_COMMON_WRITABLE_DIR_H_
