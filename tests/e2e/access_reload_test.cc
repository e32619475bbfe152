// SIGHUP reloads principals and revocation in the running liaison-broker:
// a principal revoked in the config file is refused from the reload on,
// others carry on, and an invalid config leaves the access in force.
#include <signal.h>

#include <chrono>
#include <fstream>
#include <thread>

#include "absl/strings/match.h"
#include "gmock/gmock.h"
#include "tests/e2e/e2e_fixture.h"

namespace liaison::testing {
namespace {

using ::testing::HasSubstr;

class AccessReloadTest : public E2eTest {
 protected:
  void SetUp() override {
    E2eTest::SetUp();
    config_ = dir_ + "/broker.textproto";
    std::ofstream(config_) << ReadFileOrEmpty(SourceDir() + "/deploy/demo/broker.textproto");
  }

  void AppendToConfig(const std::string& text) { std::ofstream(config_, std::ios::app) << "\n" << text << "\n"; }

  // SIGHUP, then waits (bounded) until the broker's log shows `marker` one
  // more time than before.
  void HangUpAndAwait(const std::string& marker) {
    auto count = [&] {
      const std::string log = ReadFileOrEmpty(dir_ + "/broker.log");
      size_t n = 0;
      for (size_t at = log.find(marker); at != std::string::npos; at = log.find(marker, at + 1)) ++n;
      return n;
    };
    const size_t before = count();
    ASSERT_EQ(::kill(broker_->pid(), SIGHUP), 0);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (count() == before) {
      ASSERT_LT(std::chrono::steady_clock::now(), deadline) << "no '" << marker << "' after SIGHUP";
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }

  CommandResult ListInbox() { return Ctl("om-inbox", {"inbox", "list", "--recipient=N07P1001"}); }
};

TEST_F(AccessReloadTest, ARevokedPrincipalIsRefusedFromTheReloadOnAndABadConfigChangesNothing) {
  StartBroker();
  ASSERT_EQ(ListInbox().exit_code, 0) << ListInbox().err;

  AppendToConfig("revocation { principal_ids: \"spiffe://liaison.dev/om-inbox\" }");
  HangUpAndAwait("\"access_reloaded\"");
  CommandResult refused = ListInbox();
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_THAT(refused.err, HasSubstr("UNAUTHENTICATED"));
  EXPECT_THAT(refused.err, HasSubstr("revoked"));
  EXPECT_EQ(Ctl("auditor", {"policy", "show"}).exit_code, 0) << "another principal was affected";

  // A config that does not load: refused, and the revocation stays.
  AppendToConfig("principals { id: \"\" role: ROLE_AUDITOR }");
  HangUpAndAwait("access reload refused");
  EXPECT_EQ(ListInbox().exit_code, 1);
  EXPECT_EQ(Ctl("auditor", {"policy", "show"}).exit_code, 0);
}

}  // namespace
}  // namespace liaison::testing
