#include "broker/common/sd_notify.h"

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <string>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"

namespace liaison {
namespace {

// A datagram socket standing in for the service manager's.
class FakeManager {
 public:
  // `name` is a path, or "@name" for an abstract socket.
  explicit FakeManager(const std::string& name) : name_(name) {
    fd_ = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    std::memcpy(address.sun_path, name.data(), name.size());
    if (name[0] == '@') address.sun_path[0] = '\0';
    bound_ = ::bind(fd_, reinterpret_cast<sockaddr*>(&address),
                    static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + name.size())) == 0;
    ::setenv("NOTIFY_SOCKET", name.c_str(), 1);
  }
  ~FakeManager() {
    ::unsetenv("NOTIFY_SOCKET");
    ::close(fd_);
    if (name_[0] == '/') ::unlink(name_.c_str());
  }
  bool bound() const { return bound_; }
  // The next datagram (the sender has already sent it: no waiting).
  std::string Receive() {
    char buffer[512];
    const ssize_t n = ::recv(fd_, buffer, sizeof(buffer), MSG_DONTWAIT);
    return n < 0 ? "<nothing>" : std::string(buffer, static_cast<size_t>(n));
  }

 private:
  std::string name_;
  int fd_ = -1;
  bool bound_ = false;
};

TEST(SdNotifyTest, SendsTheStateToThePathSocket) {
  const char* tmp = std::getenv("TMPDIR");
  const std::string path = absl::StrCat(tmp != nullptr ? tmp : "/tmp", "/liaison-notify-", ::getpid());
  FakeManager manager(path);
  ASSERT_TRUE(manager.bound());
  ASSERT_TRUE(NotifyServiceManager("READY=1\nSTATUS=serving").ok());
  EXPECT_EQ(manager.Receive(), "READY=1\nSTATUS=serving");
}

TEST(SdNotifyTest, SendsToAnAbstractSocket) {
  FakeManager manager(absl::StrCat("@liaison-notify-test-", ::getpid()));
  ASSERT_TRUE(manager.bound());
  ASSERT_TRUE(NotifyServiceManager("STOPPING=1").ok());
  EXPECT_EQ(manager.Receive(), "STOPPING=1");
}

TEST(SdNotifyTest, WithoutNotifySocketDoesNothing) {
  ::unsetenv("NOTIFY_SOCKET");
  EXPECT_TRUE(NotifyServiceManager("READY=1").ok());
}

TEST(SdNotifyTest, ReportsAnAbsentManager) {
  ::setenv("NOTIFY_SOCKET", "/nonexistent-dir/notify", 1);
  const absl::Status status = NotifyServiceManager("READY=1");
  ::unsetenv("NOTIFY_SOCKET");
  EXPECT_EQ(status.code(), absl::StatusCode::kUnavailable);
}

TEST(SdNotifyTest, RefusesARelativePath) {
  ::setenv("NOTIFY_SOCKET", "relative/notify", 1);
  const absl::Status status = NotifyServiceManager("READY=1");
  ::unsetenv("NOTIFY_SOCKET");
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace liaison
