#include "broker/ctl/file_util.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <system_error>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace liaison::ctl {
namespace {

absl::Status OpenError(absl::string_view path, int error) {
  const std::string message = absl::StrCat(path, ": ", std::strerror(error));
  switch (error) {
    case ENOENT:
    case ENOTDIR:
      return absl::NotFoundError(message);
    case EACCES:
    case EPERM:
      return absl::PermissionDeniedError(message);
    default:
      return absl::UnavailableError(message);
  }
}

}  // namespace

absl::StatusOr<std::string> ReadFileToString(absl::string_view path, size_t max_bytes) {
  std::error_code error;
  const std::filesystem::path fs_path(std::string{path});
  const auto status = std::filesystem::status(fs_path, error);
  if (error) return OpenError(path, error.value());
  if (!std::filesystem::is_regular_file(status)) {
    return absl::FailedPreconditionError(absl::StrCat(path, ": not a regular file"));
  }
  std::ifstream in(fs_path, std::ios::binary);
  if (!in) return OpenError(path, errno);
  std::string content;
  char buffer[64 * 1024];
  while (in.read(buffer, sizeof(buffer)) || in.gcount() > 0) {
    if (content.size() + static_cast<size_t>(in.gcount()) > max_bytes) {
      return absl::FailedPreconditionError(
          absl::StrCat(path, ": larger than ", max_bytes, " bytes"));
    }
    content.append(buffer, static_cast<size_t>(in.gcount()));
  }
  if (in.bad()) return absl::UnavailableError(absl::StrCat(path, ": read error"));
  return content;
}

absl::StatusOr<std::unique_ptr<std::ifstream>> OpenForReading(absl::string_view path) {
  auto in = std::make_unique<std::ifstream>(std::string(path), std::ios::binary);
  if (!in->is_open()) return OpenError(path, errno);
  return in;
}

}  // namespace liaison::ctl
