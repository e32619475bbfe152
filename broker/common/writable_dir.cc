#include "broker/common/writable_dir.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>

#include "absl/strings/str_cat.h"

namespace liaison {
namespace {

// What to do about `error`, in words an operator can act on.
std::string Explain(int error) {
  switch (error) {
    case EROFS:
      return "the file system is read-only; mount it read-write (in a container: a writable volume)";
    case EACCES:
    case EPERM:
      return "permission denied; the directory must be writable by the user the broker runs as";
    case ENOSPC:
    case EDQUOT:
      return "no space left on the device; free space or grow the volume";
    default:
      return std::strerror(error);
  }
}

}  // namespace

absl::Status CheckWritableDirectory(const std::string& dir, const std::string& flag) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) {
    return absl::FailedPreconditionError(
        absl::StrCat(flag, ": ", dir, ": cannot create the directory: ", Explain(ec.value())));
  }
  struct stat info {};
  if (::stat(dir.c_str(), &info) != 0 || !S_ISDIR(info.st_mode)) {
    return absl::InvalidArgumentError(absl::StrCat(flag, ": ", dir, ": is not a directory"));
  }
  const std::string probe = absl::StrCat(dir, "/.liaison-write-probe");
  const int fd = ::open(probe.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) {
    return absl::FailedPreconditionError(absl::StrCat(flag, ": ", dir, ": cannot write: ", Explain(errno)));
  }
  // One byte and a sync find a full disk that still admits an empty file.
  const bool wrote = ::write(fd, "x", 1) == 1 && ::fsync(fd) == 0;
  const int write_errno = errno;
  ::close(fd);
  ::unlink(probe.c_str());
  if (!wrote) {
    return absl::FailedPreconditionError(absl::StrCat(flag, ": ", dir, ": cannot write: ", Explain(write_errno)));
  }
  return absl::OkStatus();
}

}  // namespace liaison
