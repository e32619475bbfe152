#ifndef LIAISON_TESTS_INTEGRATION_TLS_FIXTURE_H_
#define LIAISON_TESTS_INTEGRATION_TLS_FIXTURE_H_

// An in-process broker over real mutual TLS with a PKI the test makes itself
// (deploy/certs.sh in a fresh directory; nothing committed), for the access
// matrix, rotation, revocation and limits tests.

#include <memory>
#include <string>
#include <vector>

#include "broker/common/clock.h"
#include "broker/core/broker_core.h"
#include "broker/server/broker_server.h"
#include "broker/server/config_loader.h"
#include "broker/storage/mem_kv_store.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/generic/generic_stub.h"
#include "grpcpp/security/credentials.h"
#include "gtest/gtest.h"
#include "policy/testing.h"
#include "tests/support/process.h"
#include "tests/support/test_env.h"

namespace liaison::testing {

class TlsBrokerFixture : public ::testing::Test {
 protected:
  // Makes a PKI with `names` in a fresh directory and starts a broker with
  // `config_text` (a BrokerConfig textproto) trusting DIR/ca-bundle.pem.
  void StartBroker(const std::string& test_name, const std::vector<std::string>& names,
                   const std::string& config_text, Clock* clock = RealClock::Get()) {
    pki_ = FreshDir(test_name);
    std::vector<std::string> args = {pki_};
    args.insert(args.end(), names.begin(), names.end());
    RunCertsScript(args);
    BrokerCore::Options core_options;
    core_options.policy = policy::OffenderManagerTestPolicy();
    core_ = BrokerCore::Create(&store_, RealClock::Get(), core_options).value();
    server::ServerOptions options;
    options.listen_address = "127.0.0.1:0";
    options.tls_cert_file = pki_ + "/server.pem";
    options.tls_key_file = pki_ + "/server.key";
    options.tls_client_ca_file = pki_ + "/ca-bundle.pem";
    options.tls_refresh_interval = absl::Seconds(1);
    options.clock = clock;
    auto config = server::ParseBrokerConfig(config_text, "test.textproto");
    ASSERT_TRUE(config.ok()) << config.status();
    options.config = *config;
    auto started = server::BrokerServer::Start(core_.get(), options);
    ASSERT_TRUE(started.ok()) << started.status();
    server_ = std::move(*started);
    target_ = "127.0.0.1:" + std::to_string(server_->port());
  }

  // A new channel as `name`, presenting DIR/NAME.pem (or `cert`/`key`) and
  // trusting `trust` (default DIR/ca-bundle.pem) for the server.
  std::shared_ptr<grpc::Channel> Channel(const std::string& name, const std::string& trust = "",
                                         const std::string& cert = "", const std::string& key = "") const {
    grpc::SslCredentialsOptions ssl;
    ssl.pem_root_certs = ReadFileOrEmpty(trust.empty() ? pki_ + "/ca-bundle.pem" : trust);
    ssl.pem_cert_chain = ReadFileOrEmpty(cert.empty() ? pki_ + "/" + name + ".pem" : cert);
    ssl.pem_private_key = ReadFileOrEmpty(key.empty() ? pki_ + "/" + name + ".key" : key);
    grpc::ChannelArguments args;
    args.SetSslTargetNameOverride("localhost");
    // A distinct channel per call site: never share a connection by accident.
    args.SetInt("liaison.test.channel", next_channel_++);
    return grpc::CreateCustomChannel(target_, grpc::SslCredentials(ssl), args);
  }

  // Calls `path` ("/liaison.v1.Inbox/ListAlerts") with one empty request
  // message, reading (and dropping) every response: works for unary and
  // streaming methods alike.
  static grpc::Status CallEmpty(grpc::Channel* channel, const std::string& path) {
    grpc::GenericStub stub(std::shared_ptr<grpc::Channel>(channel, [](grpc::Channel*) {}));
    grpc::CompletionQueue cq;
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
    std::unique_ptr<grpc::GenericClientAsyncReaderWriter> call = stub.PrepareCall(&context, path, &cq);
    void* tag = nullptr;
    bool ok = false;
    const auto next = [&] { return cq.Next(&tag, &ok) && ok; };
    call->StartCall(nullptr);
    next();
    grpc::Slice empty("");
    call->Write(grpc::ByteBuffer(&empty, 1), nullptr);
    next();
    call->WritesDone(nullptr);
    next();
    grpc::ByteBuffer response;
    do {
      call->Read(&response, nullptr);
    } while (next());
    grpc::Status status;
    call->Finish(&status, nullptr);
    next();
    cq.Shutdown();
    while (cq.Next(&tag, &ok)) {
    }
    return status;
  }

  void TearDown() override {
    if (server_ != nullptr) server_->Shutdown(absl::Seconds(1));
  }

  std::string pki_;
  storage::MemKvStore store_;
  std::unique_ptr<BrokerCore> core_;
  std::unique_ptr<server::BrokerServer> server_;
  std::string target_;
  mutable int next_channel_ = 0;
};

}  // namespace liaison::testing

#endif  // LIAISON_TESTS_INTEGRATION_TLS_FIXTURE_H_
