// Mutual TLS end to end: a development PKI from deploy/certs.sh, a server
// that requires and verifies client certificates, and Connection::Dial.

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "broker/ctl/audit_commands.h"
#include "broker/ctl/connection.h"
#include "broker/ctl/fake_broker.h"
#include "broker/ctl/file_util.h"
#include "gmock/gmock.h"
#include "grpcpp/security/server_credentials.h"
#include "grpcpp/server.h"
#include "grpcpp/server_builder.h"
#include "gtest/gtest.h"

namespace liaison::ctl {
namespace {

using testing::CapturedOutput;
using testing::FakeAudit;

std::string ReadOrDie(const std::filesystem::path& path) {
  absl::StatusOr<std::string> content = ReadFileToString(path.string());
  EXPECT_TRUE(content.ok()) << content.status();
  return content.ok() ? *content : "";
}

class TlsConnectionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    pki_ = std::filesystem::path(::testing::TempDir()) / absl::StrCat("liaisonctl_pki_", getpid());
    const std::string command = absl::StrCat("bash '", LIAISON_SOURCE_DIR, "/deploy/certs.sh' '",
                                             pki_.string(), "' auditor >/dev/null 2>&1");
    if (std::system(command.c_str()) != 0) GTEST_SKIP() << "deploy/certs.sh (openssl) unavailable";

    grpc::SslServerCredentialsOptions ssl(
        GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY);
    ssl.pem_root_certs = ReadOrDie(pki_ / "ca.pem");
    ssl.pem_key_cert_pairs.push_back(
        {ReadOrDie(pki_ / "server.key"), ReadOrDie(pki_ / "server.pem")});
    v1::VerifyChainResponse verified;
    verified.set_ok(true);
    audit_.set_verify_response(verified);
    grpc::ServerBuilder builder;
    builder.AddListeningPort("127.0.0.1:0", grpc::SslServerCredentials(ssl), &port_);
    builder.RegisterService(&audit_);
    server_ = builder.BuildAndStart();
    ASSERT_NE(server_, nullptr);
  }

  void TearDown() override {
    if (server_ != nullptr) server_->Shutdown();
    std::filesystem::remove_all(pki_);
  }

  ConnectionOptions TlsOptions() const {
    ConnectionOptions options;
    options.target = absl::StrCat("127.0.0.1:", port_);
    options.ca_file = (pki_ / "ca.pem").string();
    options.cert_file = (pki_ / "auditor.pem").string();
    options.key_file = (pki_ / "auditor.key").string();
    options.timeout = absl::Seconds(10);
    return options;
  }

  std::filesystem::path pki_;
  FakeAudit audit_;
  int port_ = 0;
  std::unique_ptr<grpc::Server> server_;
};

TEST_F(TlsConnectionTest, MutualTlsCallSucceedsWithoutAPrincipalHeader) {
  absl::StatusOr<Connection> connection = Connection::Dial(TlsOptions());
  ASSERT_TRUE(connection.ok()) << connection.status();
  CapturedOutput captured;
  const absl::Status status = AuditVerify(*connection, captured.output);
  EXPECT_TRUE(status.ok()) << status;
  // With TLS the certificate is the identity: no header is sent.
  EXPECT_THAT(audit_.principals(), ::testing::ElementsAre(""));
}

TEST_F(TlsConnectionTest, WrongServerNameIsRejected) {
  ConnectionOptions options = TlsOptions();
  options.server_name = "not-the-broker.example";
  absl::StatusOr<Connection> connection = Connection::Dial(options);
  ASSERT_TRUE(connection.ok()) << connection.status();
  CapturedOutput captured;
  EXPECT_EQ(AuditVerify(*connection, captured.output).code(), absl::StatusCode::kUnavailable);
}

TEST_F(TlsConnectionTest, ServerRejectsAClientCertificateFromAnotherCa) {
  const std::filesystem::path other = pki_ / "other";
  const std::string command = absl::StrCat("bash '", LIAISON_SOURCE_DIR, "/deploy/certs.sh' '",
                                           other.string(), "' auditor >/dev/null 2>&1");
  ASSERT_EQ(std::system(command.c_str()), 0);
  ConnectionOptions options = TlsOptions();
  options.cert_file = (other / "auditor.pem").string();
  options.key_file = (other / "auditor.key").string();
  absl::StatusOr<Connection> connection = Connection::Dial(options);
  ASSERT_TRUE(connection.ok()) << connection.status();
  CapturedOutput captured;
  EXPECT_FALSE(AuditVerify(*connection, captured.output).ok());
  EXPECT_TRUE(audit_.principals().empty());
}

}  // namespace
}  // namespace liaison::ctl
