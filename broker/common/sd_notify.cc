#include "broker/common/sd_notify.h"

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <string>

#include "absl/strings/str_cat.h"

namespace liaison {

absl::Status NotifyServiceManager(absl::string_view state) {
  const char* socket_env = std::getenv("NOTIFY_SOCKET");
  if (socket_env == nullptr || *socket_env == '\0') return absl::OkStatus();
  const std::string path(socket_env);
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  if (path.size() >= sizeof(address.sun_path)) {
    return absl::InvalidArgumentError("NOTIFY_SOCKET: the path is too long");
  }
  if (path[0] != '/' && path[0] != '@') {
    return absl::InvalidArgumentError("NOTIFY_SOCKET: must be an absolute path or start with @");
  }
  std::memcpy(address.sun_path, path.data(), path.size());
  // An abstract socket's name starts with a NUL byte and is not terminated.
  if (path[0] == '@') address.sun_path[0] = '\0';
  const socklen_t length = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + path.size());
  const int fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return absl::UnavailableError(absl::StrCat("NOTIFY_SOCKET: socket: ", std::strerror(errno)));
  const ssize_t sent =
      ::sendto(fd, state.data(), state.size(), MSG_NOSIGNAL, reinterpret_cast<const sockaddr*>(&address), length);
  const int send_errno = errno;
  ::close(fd);
  if (sent < 0 || static_cast<size_t>(sent) != state.size()) {
    return absl::UnavailableError(absl::StrCat("NOTIFY_SOCKET: send: ", std::strerror(send_errno)));
  }
  return absl::OkStatus();
}

}  // namespace liaison
