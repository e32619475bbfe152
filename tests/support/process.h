#ifndef LIAISON_TESTS_SUPPORT_PROCESS_H_
#define LIAISON_TESTS_SUPPORT_PROCESS_H_

#include <sys/types.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace liaison::testing {

struct CommandResult {
  int exit_code = -1;  // 128 + signal when killed by a signal
  std::string out;
  std::string err;
};

// Runs argv[0] (a path) with the arguments, waits for it, and returns its
// exit code and output.
CommandResult RunCommand(const std::vector<std::string>& argv);

// A liaison-broker child process. Start returns once the broker has bound
// its port (it writes the port to a pipe: no polling, no sleeps).
class BrokerProcess {
 public:
  struct Options {
    std::string binary;
    std::string data_dir;
    std::string config;
    // Directory holding ca.pem, server.pem and server.key.
    std::string certs_dir;
    std::string log_file;
    // Keys for encryption at rest; empty: data_dir + ".keys", made on the
    // first start (so restarts of one directory keep its keys).
    std::string data_key_file;
    std::vector<std::string> extra_flags;
  };

  // FAILED_PRECONDITION with the broker's log when it exits before serving.
  static absl::StatusOr<std::unique_ptr<BrokerProcess>> Start(const Options& options);

  ~BrokerProcess();

  int port() const { return port_; }
  // The metrics port (the ready pipe's second line; extra_flags must hold
  // --metrics-listen=127.0.0.1:0); 0 when metrics are not served.
  int metrics_port() const { return metrics_port_; }
  std::string target() const { return "127.0.0.1:" + std::to_string(port_); }
  pid_t pid() const { return pid_; }

  // Sends `signal` and waits for the process; returns its exit code (128 +
  // signal when killed). Safe to call once the process has ended.
  int Stop(int signal);

 private:
  BrokerProcess() = default;
  pid_t pid_ = -1;
  int port_ = 0;
  int metrics_port_ = 0;
  int exit_code_ = -1;
};

// A long-running child process that reports readiness by writing one line
// to descriptor 3 (a program's --ready-fd=3), e.g. an agency adapter.
class ServiceProcess {
 public:
  // Starts argv (argv[0] a path) with stderr appended to `log_file` and
  // stdin from `stdin_file` (default /dev/null), and waits for the ready
  // line, returned by ready_line(). FAILED_PRECONDITION with the log when
  // the process exits first.
  static absl::StatusOr<std::unique_ptr<ServiceProcess>> Start(const std::vector<std::string>& argv,
                                                               const std::string& log_file,
                                                               const std::string& stdin_file = "");
  ~ServiceProcess();

  const std::string& ready_line() const { return ready_line_; }
  pid_t pid() const { return pid_; }
  // Sends `signal` and waits; returns the exit code (128 + signal if killed).
  int Stop(int signal);
  // Waits for the process to exit by itself; returns its exit code.
  int Wait();

 private:
  ServiceProcess() = default;
  pid_t pid_ = -1;
  int exit_code_ = -1;
  std::string ready_line_;
};

// Reads a whole file; empty when it cannot be read.
std::string ReadFileOrEmpty(const std::string& path);

}  // namespace liaison::testing

#endif  // LIAISON_TESTS_SUPPORT_PROCESS_H_
