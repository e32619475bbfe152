#ifndef LIAISON_BROKER_CTL_FILE_UTIL_H_
#define LIAISON_BROKER_CTL_FILE_UTIL_H_

#include <cstddef>
#include <fstream>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace liaison::ctl {

// The whole content of the file at `path`. Errors name the path: NOT_FOUND
// (missing), PERMISSION_DENIED, FAILED_PRECONDITION (larger than max_bytes,
// or not a regular file), UNAVAILABLE (read error).
absl::StatusOr<std::string> ReadFileToString(absl::string_view path, size_t max_bytes = 16 << 20);

// `path` opened for reading. Errors name the path: NOT_FOUND,
// PERMISSION_DENIED, UNAVAILABLE.
absl::StatusOr<std::unique_ptr<std::ifstream>> OpenForReading(absl::string_view path);

}  // namespace liaison::ctl

#endif  // LIAISON_BROKER_CTL_FILE_UTIL_H_
