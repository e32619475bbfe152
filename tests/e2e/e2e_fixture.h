#ifndef LIAISON_TESTS_E2E_E2E_FIXTURE_H_
#define LIAISON_TESTS_E2E_E2E_FIXTURE_H_

// End-to-end tests run the real binaries: liaison-broker as a child process
// on embedded RocksDB with mutual TLS (deploy/demo/broker.textproto), and
// liaisonctl or a gRPC client as the agencies and inboxes.

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_replace.h"
#include "gtest/gtest.h"
#include "tests/support/process.h"
#include "tests/support/test_env.h"

namespace liaison::testing {

class E2eTest : public ::testing::Test {
 protected:
  void SetUp() override {
    certs_ = TrustedCertsDir();
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = FreshDir(absl::StrReplaceAll(std::string(info->test_suite_name()) + "_" + info->name(), {{"/", "_"}}));
    data_dir_ = dir_ + "/data";
    config_ = SourceDir() + "/deploy/demo/broker.textproto";
  }

  // A passed test leaves nothing behind; a failed one keeps its directory
  // (data, broker.log) for a look.
  void TearDown() override {
    if (HasFailure()) return;
    broker_.reset();
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }

  void StartBroker() {
    BrokerProcess::Options options;
    options.binary = BrokerBinary();
    options.data_dir = data_dir_;
    options.config = config_;
    options.certs_dir = certs_;
    options.log_file = dir_ + "/broker.log";
    options.extra_flags = broker_flags_;
    auto started = BrokerProcess::Start(options);
    ASSERT_TRUE(started.ok()) << started.status();
    broker_ = std::move(*started);
  }

  // The broker's address; a closed port when it failed to start (the
  // failure is already reported), so a test fails instead of crashing.
  std::string Target() const { return broker_ != nullptr ? broker_->target() : "127.0.0.1:1"; }

  // liaisonctl as `who` (a certificate name), with global flags first.
  CommandResult Ctl(const std::string& who, const std::vector<std::string>& args) {
    std::vector<std::string> argv = {CtlBinary(),
                                     "--target=" + Target(),
                                     "--ca=" + certs_ + "/ca.pem",
                                     "--cert=" + certs_ + "/" + who + ".pem",
                                     "--key=" + certs_ + "/" + who + ".key"};
    argv.insert(argv.end(), args.begin(), args.end());
    return RunCommand(argv);
  }

  std::shared_ptr<grpc::Channel> Channel(const std::string& who) {
    return MtlsChannel(Target(), certs_, who);
  }

  std::string certs_;
  std::string dir_;
  std::string data_dir_;
  // The broker config StartBroker uses (default: the demo config).
  std::string config_;
  // More flags for StartBroker (e.g. --metrics-listen=127.0.0.1:0).
  std::vector<std::string> broker_flags_;
  std::unique_ptr<BrokerProcess> broker_;
};

}  // namespace liaison::testing

#endif  // LIAISON_TESTS_E2E_E2E_FIXTURE_H_
