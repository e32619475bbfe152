#include "tests/support/process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <fstream>
#include <sstream>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "absl/time/clock.h"
#include "broker/storage/keyring.h"

namespace liaison::testing {
namespace {

int ExitCodeOf(int wait_status) {
  if (WIFEXITED(wait_status)) return WEXITSTATUS(wait_status);
  if (WIFSIGNALED(wait_status)) return 128 + WTERMSIG(wait_status);
  return -1;
}

std::vector<char*> Argv(const std::vector<std::string>& args) {
  std::vector<char*> argv;
  for (const std::string& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);
  return argv;
}

// Reads both pipes to their ends without letting either fill up.
void Drain(int out_fd, int err_fd, std::string* out, std::string* err) {
  pollfd fds[2] = {{out_fd, POLLIN, 0}, {err_fd, POLLIN, 0}};
  std::string* sinks[2] = {out, err};
  int open = 2;
  char buffer[65536];
  while (open > 0) {
    if (poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || (fds[i].revents & (POLLIN | POLLHUP | POLLERR)) == 0) continue;
      const ssize_t n = read(fds[i].fd, buffer, sizeof(buffer));
      if (n > 0) {
        sinks[i]->append(buffer, n);
      } else {
        close(fds[i].fd);
        fds[i].fd = -1;
        --open;
      }
    }
  }
}

}  // namespace

std::string ReadFileOrEmpty(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

CommandResult RunCommand(const std::vector<std::string>& args) {
  int out_pipe[2], err_pipe[2];
  CommandResult result;
  if (pipe2(out_pipe, O_CLOEXEC) != 0 || pipe2(err_pipe, O_CLOEXEC) != 0) return result;
  std::vector<char*> argv = Argv(args);
  const pid_t pid = fork();
  if (pid == 0) {
    dup2(out_pipe[1], STDOUT_FILENO);
    dup2(err_pipe[1], STDERR_FILENO);
    int null_fd = open("/dev/null", O_RDONLY);
    dup2(null_fd, STDIN_FILENO);
    execv(argv[0], argv.data());
    _exit(127);
  }
  close(out_pipe[1]);
  close(err_pipe[1]);
  Drain(out_pipe[0], err_pipe[0], &result.out, &result.err);
  int status = 0;
  waitpid(pid, &status, 0);
  result.exit_code = ExitCodeOf(status);
  return result;
}

absl::StatusOr<std::unique_ptr<BrokerProcess>> BrokerProcess::Start(const Options& options) {
  const std::string key_file = options.data_key_file.empty() ? options.data_dir + ".keys" : options.data_key_file;
  if (access(key_file.c_str(), F_OK) != 0) {
    absl::Status written = storage::WriteKeyFile(key_file, storage::NewKeyFile(absl::Now()));
    if (!written.ok()) return written;
  }
  int ready[2];
  if (pipe2(ready, O_CLOEXEC) != 0) return absl::InternalError("pipe failed");
  std::vector<std::string> args = {options.binary,
                                   "--listen=127.0.0.1:0",
                                   "--data-dir=" + options.data_dir,
                                   "--config=" + options.config,
                                   "--tls-cert=" + options.certs_dir + "/server.pem",
                                   "--tls-key=" + options.certs_dir + "/server.key",
                                   "--tls-client-ca=" + options.certs_dir + "/ca.pem",
                                   "--data-key-file=" + key_file,
                                   "--ready-fd=3",
                                   "--shutdown-grace=1s"};
  args.insert(args.end(), options.extra_flags.begin(), options.extra_flags.end());
  std::vector<char*> argv = Argv(args);
  const pid_t pid = fork();
  if (pid == 0) {
    dup2(ready[1], 3);  // dup2 clears close-on-exec on the copy
    const int log = open(options.log_file.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
    dup2(log, STDERR_FILENO);
    execv(argv[0], argv.data());
    _exit(127);
  }
  close(ready[1]);
  std::string line;
  char c;
  while (read(ready[0], &c, 1) == 1 && c != '\n') line.push_back(c);
  // With --metrics-listen a second line holds the metrics port; the broker
  // closes the pipe after it, so this read ends either way.
  std::string metrics_line;
  if (!line.empty()) {
    while (read(ready[0], &c, 1) == 1 && c != '\n') metrics_line.push_back(c);
  }
  close(ready[0]);
  auto process = std::unique_ptr<BrokerProcess>(new BrokerProcess());
  process->pid_ = pid;
  if (!absl::SimpleAtoi(metrics_line, &process->metrics_port_)) process->metrics_port_ = 0;
  if (!absl::SimpleAtoi(line, &process->port_) || process->port_ <= 0) {
    const int code = process->Stop(SIGKILL);
    return absl::FailedPreconditionError(absl::StrCat("broker exited (", code, ") before serving:\n",
                                                      ReadFileOrEmpty(options.log_file)));
  }
  return process;
}

int BrokerProcess::Stop(int signal) {
  if (pid_ > 0) {
    kill(pid_, signal);
    int status = 0;
    waitpid(pid_, &status, 0);
    exit_code_ = ExitCodeOf(status);
    pid_ = -1;
  }
  return exit_code_;
}

BrokerProcess::~BrokerProcess() { Stop(SIGKILL); }

absl::StatusOr<std::unique_ptr<ServiceProcess>> ServiceProcess::Start(const std::vector<std::string>& args,
                                                                      const std::string& log_file,
                                                                      const std::string& stdin_file) {
  int ready[2];
  if (pipe2(ready, O_CLOEXEC) != 0) return absl::InternalError("pipe failed");
  std::vector<char*> argv = Argv(args);
  const pid_t pid = fork();
  if (pid == 0) {
    dup2(ready[1], 3);
    const int log = open(log_file.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
    dup2(log, STDERR_FILENO);
    dup2(log, STDOUT_FILENO);
    const int in = open(stdin_file.empty() ? "/dev/null" : stdin_file.c_str(), O_RDONLY);
    dup2(in, STDIN_FILENO);
    execv(argv[0], argv.data());
    _exit(127);
  }
  close(ready[1]);
  auto process = std::unique_ptr<ServiceProcess>(new ServiceProcess());
  process->pid_ = pid;
  char c;
  bool complete = false;
  while (read(ready[0], &c, 1) == 1) {
    if (c == '\n') {
      complete = true;
      break;
    }
    process->ready_line_.push_back(c);
  }
  close(ready[0]);
  if (!complete) {
    const int code = process->Wait();
    return absl::FailedPreconditionError(absl::StrCat(args[0], " exited (", code, ") before it was ready:\n",
                                                      ReadFileOrEmpty(log_file)));
  }
  return process;
}

int ServiceProcess::Stop(int signal) {
  if (pid_ > 0) kill(pid_, signal);
  return Wait();
}

int ServiceProcess::Wait() {
  if (pid_ > 0) {
    int status = 0;
    waitpid(pid_, &status, 0);
    exit_code_ = ExitCodeOf(status);
    pid_ = -1;
  }
  return exit_code_;
}

ServiceProcess::~ServiceProcess() { Stop(SIGKILL); }

}  // namespace liaison::testing
