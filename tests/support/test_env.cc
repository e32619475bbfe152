#include "tests/support/test_env.h"

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "gtest/gtest.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "tests/support/process.h"

namespace liaison::testing {
namespace {

std::string EnsureCerts(const std::string& dir, const std::vector<std::string>& names) {
  bool complete = std::filesystem::exists(dir + "/server.key");
  for (const std::string& name : names) complete = complete && std::filesystem::exists(dir + "/" + name + ".key");
  if (!complete) {
    std::vector<std::string> args = {"/bin/bash", SourceDir() + "/deploy/certs.sh", dir};
    args.insert(args.end(), names.begin(), names.end());
    CommandResult made = RunCommand(args);
    if (made.exit_code != 0) ADD_FAILURE() << "deploy/certs.sh failed: " << made.err;
  }
  return dir;
}

grpc::ChannelArguments Arguments() {
  grpc::ChannelArguments args;
  args.SetSslTargetNameOverride("localhost");
  return args;
}

}  // namespace

std::string BrokerBinary() { return LIAISON_BROKER_BINARY; }
std::string CtlBinary() { return LIAISON_CTL_BINARY; }
std::string DemoDataBinary() { return LIAISON_DEMO_DATA_BINARY; }
std::string SourceDir() { return LIAISON_SOURCE_DIR; }

std::string TrustedCertsDir() {
  return EnsureCerts(absl::StrCat(LIAISON_TEST_CERTS_DIR, "/trusted"),
                     {"police-adapter", "social-care-adapter", "prison-adapter", "probation-registry", "om-inbox",
                      "partner-inbox", "auditor", "match-reviewer", "policy-admin", "operator", "stranger"});
}

std::string RogueCertsDir() { return EnsureCerts(absl::StrCat(LIAISON_TEST_CERTS_DIR, "/rogue"), {"police-adapter"}); }

std::string RunCertsScript(const std::vector<std::string>& args) {
  std::vector<std::string> argv = {"/bin/bash", SourceDir() + "/deploy/certs.sh"};
  argv.insert(argv.end(), args.begin(), args.end());
  CommandResult made = RunCommand(argv);
  if (made.exit_code != 0) ADD_FAILURE() << "deploy/certs.sh failed: " << made.err;
  return made.out;
}

namespace {

// FreshDir's directories, removed when the test process exits with every
// test passed (a failure keeps them, with the brokers' logs, for a look).
class FreshDirs {
 public:
  ~FreshDirs() {
    if (!::testing::UnitTest::GetInstance()->Passed()) return;
    for (const std::string& dir : dirs_) {
      std::error_code ignored;
      std::filesystem::remove_all(dir, ignored);
    }
  }
  void Add(const std::string& dir) {
    absl::MutexLock lock(&mu_);
    dirs_.push_back(dir);
  }

 private:
  absl::Mutex mu_;
  std::vector<std::string> dirs_;
};

}  // namespace

std::string FreshDir(const std::string& name) {
  // Destroyed at exit before gtest's UnitTest, which exists before any test.
  static FreshDirs made;
  const std::string dir = absl::StrCat(::testing::TempDir(), "liaison_", getpid(), "_", name);
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  made.Add(dir);
  return dir;
}

std::shared_ptr<grpc::Channel> MtlsChannel(const std::string& target, const std::string& certs_dir,
                                           const std::string& name, const std::string& trust_dir) {
  grpc::SslCredentialsOptions ssl;
  ssl.pem_root_certs = ReadFileOrEmpty((trust_dir.empty() ? certs_dir : trust_dir) + "/ca.pem");
  ssl.pem_private_key = ReadFileOrEmpty(certs_dir + "/" + name + ".key");
  ssl.pem_cert_chain = ReadFileOrEmpty(certs_dir + "/" + name + ".pem");
  return grpc::CreateCustomChannel(target, grpc::SslCredentials(ssl), Arguments());
}

std::shared_ptr<grpc::Channel> ServerAuthOnlyChannel(const std::string& target, const std::string& ca_dir) {
  grpc::SslCredentialsOptions ssl;
  ssl.pem_root_certs = ReadFileOrEmpty(ca_dir + "/ca.pem");
  return grpc::CreateCustomChannel(target, grpc::SslCredentials(ssl), Arguments());
}

std::string SpiffeId(const std::string& name) { return "spiffe://liaison.dev/" + name; }

}  // namespace liaison::testing
