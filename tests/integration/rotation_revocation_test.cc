// Certificate rotation and revocation while the broker runs: the server
// certificate and CA bundle are re-read from disk (file watcher), the
// revocation list and principals on an explicit reload (what SIGHUP does).
// Waits poll an observable condition under a bounded deadline.
#include <filesystem>
#include <fstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "absl/strings/ascii.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "tests/integration/tls_fixture.h"

namespace liaison {
namespace {

using testing::RunCertsScript;
using ::testing::HasSubstr;

constexpr char kGetPolicy[] = "/liaison.v1.Policy/GetPolicy";

constexpr char kPrincipals[] = R"pb(
  principals { id: "spiffe://liaison.dev/auditor" role: ROLE_AUDITOR }
  principals { id: "spiffe://liaison.dev/policy-admin" role: ROLE_POLICY_ADMIN }
)pb";

class RotationRevocationTest : public testing::TlsBrokerFixture {
 protected:
  void SetUp() override { StartBroker(test_name(), {"auditor", "policy-admin", "newcomer"}, kPrincipals); }

  static std::string test_name() { return ::testing::UnitTest::GetInstance()->current_test_info()->name(); }

  // Calls GetPolicy on a new connection as `name` until `want` (bounded:
  // the file watcher re-reads every second).
  bool EventuallyOnNewConnections(grpc::StatusCode want, const std::string& name, const std::string& trust = "",
                                  const std::string& cert = "", const std::string& key = "") {
    const absl::Time deadline = absl::Now() + absl::Seconds(30);
    while (absl::Now() < deadline) {
      if (CallEmpty(Channel(name, trust, cert, key).get(), kGetPolicy).error_code() == want) return true;
      absl::SleepFor(absl::Milliseconds(100));  // pacing between polls, not a wait for a race
    }
    return false;
  }

  absl::Status Reload(const std::string& text) {
    auto config = server::ParseBrokerConfig(text, "reloaded.textproto");
    if (!config.ok()) return config.status();
    return server_->ReloadAccess(*config);
  }

  // What `openssl x509 -OPTION` prints for NAME's certificate after "=":
  // its serial (-serial) or SHA-256 fingerprint (-fingerprint -sha256).
  std::string Openssl(const std::string& name, const std::vector<std::string>& options) {
    std::vector<std::string> argv = {"/usr/bin/openssl", "x509", "-in", pki_ + "/" + name + ".pem", "-noout"};
    argv.insert(argv.end(), options.begin(), options.end());
    std::string printed(absl::StripAsciiWhitespace(testing::RunCommand(argv).out));
    EXPECT_NE(printed.find('='), std::string::npos) << printed;
    return printed.substr(printed.find('=') + 1);
  }
};

TEST_F(RotationRevocationTest, RotatedServerCertificateAndCaApplyWithoutRestart) {
  const std::string old_ca = pki_ + "/old-ca.pem";
  std::filesystem::copy_file(pki_ + "/ca.pem", old_ca);
  std::filesystem::copy_file(pki_ + "/auditor.pem", pki_ + "/old-auditor.pem");
  std::filesystem::copy_file(pki_ + "/auditor.key", pki_ + "/old-auditor.key");
  ASSERT_TRUE(CallEmpty(Channel("auditor").get(), kGetPolicy).ok());

  // A new CA, server certificate and auditor certificate; the bundle trusts
  // both CAs.
  RunCertsScript({"rotate", pki_, "auditor"});
  // A client that trusts only the new CA, with its new certificate, connects
  // once the broker serves the new chain.
  EXPECT_TRUE(EventuallyOnNewConnections(grpc::StatusCode::OK, "auditor", pki_ + "/ca.pem"));
  // A client still on the old CA is refused the new server certificate...
  EXPECT_EQ(CallEmpty(Channel("auditor", old_ca, pki_ + "/old-auditor.pem", pki_ + "/old-auditor.key").get(),
                      kGetPolicy)
                .error_code(),
            grpc::StatusCode::UNAVAILABLE);
  // ...but its old client certificate is still trusted through the bundle.
  EXPECT_TRUE(CallEmpty(Channel("auditor", "", pki_ + "/old-auditor.pem", pki_ + "/old-auditor.key").get(),
                        kGetPolicy)
                  .ok());

  // Finishing the rotation drops the old CA from the bundle: old client
  // certificates are refused on new connections.
  std::filesystem::remove(pki_ + "/ca-previous.pem");
  std::filesystem::remove(pki_ + "/ca-previous.key");
  RunCertsScript({pki_, "auditor"});
  EXPECT_TRUE(EventuallyOnNewConnections(grpc::StatusCode::UNAVAILABLE, "auditor", "",
                                         pki_ + "/old-auditor.pem", pki_ + "/old-auditor.key"));
  EXPECT_TRUE(CallEmpty(Channel("auditor").get(), kGetPolicy).ok());
}

TEST_F(RotationRevocationTest, ARevokedCertificateIsRefusedFromTheReloadOn) {
  std::shared_ptr<grpc::Channel> open = Channel("auditor");
  ASSERT_TRUE(CallEmpty(open.get(), kGetPolicy).ok());
  RunCertsScript({"revoke", pki_, "auditor"});
  // Nothing changes until the reload.
  EXPECT_TRUE(CallEmpty(open.get(), kGetPolicy).ok());

  ASSERT_TRUE(Reload(absl::StrCat(kPrincipals, "revocation { crl_file: '", pki_, "/crl.pem' }")).ok());
  // The connection already open: refused on its next call.
  const grpc::Status on_open = CallEmpty(open.get(), kGetPolicy);
  EXPECT_EQ(on_open.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(on_open.error_message(), "the client certificate has been revoked");
  // A new connection: refused at the handshake.
  EXPECT_EQ(CallEmpty(Channel("auditor").get(), kGetPolicy).error_code(), grpc::StatusCode::UNAVAILABLE);
  // Others are unaffected.
  EXPECT_TRUE(CallEmpty(Channel("policy-admin").get(), kGetPolicy).ok());

  // A reissued certificate for the same principal is accepted.
  std::filesystem::remove(pki_ + "/auditor.pem");
  RunCertsScript({pki_, "auditor"});
  EXPECT_TRUE(CallEmpty(Channel("auditor").get(), kGetPolicy).ok());
}

TEST_F(RotationRevocationTest, TheDenyListRefusesSerialsFingerprintsAndPrincipals) {
  std::shared_ptr<grpc::Channel> auditor = Channel("auditor");
  std::shared_ptr<grpc::Channel> admin = Channel("policy-admin");
  ASSERT_TRUE(CallEmpty(auditor.get(), kGetPolicy).ok());
  const absl::Status reloaded =
      Reload(absl::StrCat(kPrincipals, "revocation { serials: '", Openssl("auditor", {"-serial"}), "' }"));
  ASSERT_TRUE(reloaded.ok()) << reloaded;
  EXPECT_EQ(CallEmpty(auditor.get(), kGetPolicy).error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_TRUE(CallEmpty(admin.get(), kGetPolicy).ok());

  const std::string fingerprint = Openssl("policy-admin", {"-fingerprint", "-sha256"});
  ASSERT_TRUE(Reload(absl::StrCat(kPrincipals, "revocation { sha256_fingerprints: '", fingerprint, "' }")).ok());
  EXPECT_TRUE(CallEmpty(auditor.get(), kGetPolicy).ok());  // the serial is no longer listed
  EXPECT_EQ(CallEmpty(admin.get(), kGetPolicy).error_code(), grpc::StatusCode::UNAUTHENTICATED);

  ASSERT_TRUE(
      Reload(absl::StrCat(kPrincipals, "revocation { principal_ids: 'spiffe://liaison.dev/policy-admin' }")).ok());
  EXPECT_TRUE(CallEmpty(auditor.get(), kGetPolicy).ok());
  const grpc::Status admin_refused = CallEmpty(admin.get(), kGetPolicy);
  EXPECT_EQ(admin_refused.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(admin_refused.error_message(), "this client's principal has been revoked");
}

TEST_F(RotationRevocationTest, AnInvalidReloadLeavesTheAccessInForce) {
  ASSERT_TRUE(Reload(absl::StrCat(kPrincipals, "revocation { principal_ids: 'spiffe://liaison.dev/auditor' }")).ok());
  // A CRL from a CA the broker does not trust.
  const std::string other = testing::FreshDir(test_name() + "_other");
  RunCertsScript({other, "auditor"});
  RunCertsScript({"revoke", other, "auditor"});
  const absl::Status refused = Reload(absl::StrCat(kPrincipals, "revocation { crl_file: '", other, "/crl.pem' }"));
  EXPECT_EQ(refused.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(refused.message()), HasSubstr("revocation.crl_file: "));
  EXPECT_THAT(std::string(refused.message()), HasSubstr("not signed by a CA in the client CA bundle"));
  EXPECT_EQ(CallEmpty(Channel("auditor").get(), kGetPolicy).error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_TRUE(CallEmpty(Channel("policy-admin").get(), kGetPolicy).ok());
}

TEST_F(RotationRevocationTest, APrincipalsFileIsReloaded) {
  const std::string file = pki_ + "/principals.textproto";
  std::ofstream(file) << "principals { id: 'spiffe://liaison.dev/other' role: ROLE_AUDITOR }\n";
  const std::string config = absl::StrCat(kPrincipals, "principals_file: '", file, "'");
  ASSERT_TRUE(Reload(config).ok());
  EXPECT_EQ(CallEmpty(Channel("newcomer").get(), kGetPolicy).error_code(), grpc::StatusCode::PERMISSION_DENIED);

  std::ofstream(file) << "principals { id: 'spiffe://liaison.dev/newcomer' role: ROLE_AUDITOR }\n";
  ASSERT_TRUE(Reload(config).ok());
  EXPECT_TRUE(CallEmpty(Channel("newcomer").get(), kGetPolicy).ok());
}

}  // namespace
}  // namespace liaison
