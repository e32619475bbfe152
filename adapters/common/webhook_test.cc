// The webhook over real mutual TLS, with PKIs made by deploy/certs.sh in
// the test's own directory (nothing committed).

#include "adapters/common/webhook.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "absl/strings/str_cat.h"
#include "adapters/common/json_fields.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "httplib.h"

namespace liaison::adapters {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

// {"ref": R}: one notification; anything else is quarantined.
class RefParser : public RecordParser {
 public:
  absl::string_view name() const override { return "ref"; }
  absl::StatusOr<std::vector<v1::Action>> ParseJson(absl::string_view line, absl::Time) const override {
    auto object = ParseJsonObject(line);
    if (!object.ok()) return object.status();
    auto ref = JsonObject(&*object, "").RequiredString("ref");
    if (!ref.ok()) return ref.status();
    v1::Action action;
    action.set_ref(*ref);
    action.mutable_submit()->set_source_ref(*ref);
    return std::vector<v1::Action>{action};
  }
  absl::StatusOr<std::vector<v1::Action>> ParseCsv(const CsvRow&, absl::Time) const override {
    return absl::UnimplementedError("no CSV");
  }
};

class WebhookTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    // One directory per process: ctest runs each test in its own, in parallel.
    dir_ = new fs::path(fs::path(::testing::TempDir()) / absl::StrCat("webhook_test_", getpid()));
    fs::remove_all(*dir_);
    for (const char* pki : {"trusted", "rogue"}) {
      const std::string command = absl::StrCat("bash ", LIAISON_SOURCE_DIR, "/deploy/certs.sh ",
                                               (*dir_ / pki).string(), " cad-system other-system >/dev/null");
      ASSERT_EQ(std::system(command.c_str()), 0) << command;
    }
  }
  void SetUp() override {
    fs::remove_all(*dir_ / "state");
    store_ = *AdapterStore::Open((*dir_ / "state").string());
    intake_ = std::make_unique<Intake>(store_.get(), &parser_, RealClock::Get(), Intake::Options{});
  }
  void Start(std::vector<std::string> allowed = {}) {
    WebhookOptions options;
    options.listen = "127.0.0.1:0";
    options.cert_file = Pki("trusted", "server.pem");
    options.key_file = Pki("trusted", "server.key");
    options.client_ca_file = Pki("trusted", "ca.pem");
    options.allowed_principals = std::move(allowed);
    auto webhook = Webhook::Start(options, intake_.get());
    ASSERT_TRUE(webhook.ok()) << webhook.status();
    webhook_ = *std::move(webhook);
  }
  static std::string Pki(const std::string& pki, const std::string& file) { return (*dir_ / pki / file).string(); }
  // A client trusting the webhook's CA, presenting PKI/NAME's certificate
  // (none when name is empty).
  std::unique_ptr<httplib::SSLClient> Client(const std::string& pki, const std::string& name) {
    std::unique_ptr<httplib::SSLClient> client =
        name.empty() ? std::make_unique<httplib::SSLClient>("127.0.0.1", webhook_->port())
                     : std::make_unique<httplib::SSLClient>("127.0.0.1", webhook_->port(), Pki(pki, name + ".pem"),
                                                            Pki(pki, name + ".key"));
    client->set_ca_cert_path(Pki("trusted", "ca.pem").c_str());
    client->enable_server_certificate_verification(true);
    return client;
  }

  static fs::path* dir_;
  RefParser parser_;
  std::unique_ptr<AdapterStore> store_;
  std::unique_ptr<Intake> intake_;
  std::unique_ptr<Webhook> webhook_;
};

fs::path* WebhookTest::dir_ = nullptr;

TEST_F(WebhookTest, APostIsAnsweredOnlyOnceEveryRecordIsOnDisk) {
  Start();
  auto response = Client("trusted", "cad-system")
                      ->Post("/v1/records", "{\"ref\":\"a\"}\n{\"ref\":\"b\"}\n{\"nope\":1}\n", "application/x-ndjson");
  ASSERT_TRUE(response) << httplib::to_string(response.error());
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, "{\"records\":3,\"actions\":2,\"quarantined\":1,\"not_relevant\":0}\n");
  EXPECT_EQ(store_->PendingCount(), 2);
  EXPECT_EQ(store_->QuarantineCount(), 1);
  auto quarantined = store_->Quarantined(1);
  ASSERT_TRUE(quarantined.ok());
  EXPECT_EQ((*quarantined)[0].entry.record().origin(), "webhook:1:3");
  EXPECT_EQ((*quarantined)[0].entry.reason(), "ref: is required");
  auto health = Client("trusted", "cad-system")->Get("/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
}

TEST_F(WebhookTest, AClientWithoutACertificateOrFromAnotherCaCannotConnect) {
  Start();
  auto anonymous = Client("trusted", "")->Post("/v1/records", "{\"ref\":\"a\"}\n", "application/x-ndjson");
  EXPECT_FALSE(anonymous);
  auto rogue = Client("rogue", "cad-system")->Post("/v1/records", "{\"ref\":\"a\"}\n", "application/x-ndjson");
  EXPECT_FALSE(rogue);
  EXPECT_EQ(store_->PendingCount(), 0);
  EXPECT_EQ(store_->counters().accepted(), 0);
}

TEST_F(WebhookTest, OnlyAllowedPrincipalsMayPostAndOnlyKnownContentTypes) {
  Start({"spiffe://liaison.dev/cad-system"});
  auto other = Client("trusted", "other-system")->Post("/v1/records", "{\"ref\":\"a\"}\n", "application/x-ndjson");
  ASSERT_TRUE(other);
  EXPECT_EQ(other->status, 403);
  auto xml = Client("trusted", "cad-system")->Post("/v1/records", "<a/>", "application/xml");
  ASSERT_TRUE(xml);
  EXPECT_EQ(xml->status, 415);
  EXPECT_THAT(xml->body, HasSubstr("Content-Type"));
  auto allowed = Client("trusted", "cad-system")->Post("/v1/records", "{\"ref\":\"a\"}\n", "application/x-ndjson");
  ASSERT_TRUE(allowed);
  EXPECT_EQ(allowed->status, 200);
  EXPECT_EQ(store_->PendingCount(), 1);
}

TEST_F(WebhookTest, UnusableOptionsNameTheFlag) {
  WebhookOptions options;
  options.listen = "127.0.0.1:0";
  options.cert_file = Pki("trusted", "server.pem");
  options.key_file = Pki("trusted", "server.key");
  EXPECT_EQ(Webhook::Start(options, intake_.get()).status().message(),
            "--webhook-client-ca-file: cannot read the file (the webhook requires client certificates)");
  options.client_ca_file = Pki("trusted", "ca.pem");
  options.key_file = Pki("rogue", "server.key");  // not the certificate's key
  EXPECT_THAT(std::string(Webhook::Start(options, intake_.get()).status().message()),
              HasSubstr("not a usable certificate"));
  options.key_file = Pki("trusted", "server.key");
  options.listen = "nowhere";
  EXPECT_EQ(Webhook::Start(options, intake_.get()).status().message(),
            "--webhook-listen: must be HOST:PORT (port 0 picks one)");
}

TEST_F(WebhookTest, APortInUseIsUnavailableEvenToASecondWebhook) {
  Start();
  WebhookOptions options;
  options.listen = absl::StrCat("127.0.0.1:", webhook_->port());
  options.cert_file = Pki("trusted", "server.pem");
  options.key_file = Pki("trusted", "server.key");
  options.client_ca_file = Pki("trusted", "ca.pem");
  // httplib's default socket options (SO_REUSEPORT) would let this bind and
  // take a share of the first one's posts.
  auto second = Webhook::Start(options, intake_.get());
  EXPECT_EQ(second.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(second.status().message(), absl::StrCat("--webhook-listen: cannot listen on ", options.listen));
}

TEST_F(WebhookTest, AWebhookStoppedAsSoonAsItStartsStops) {
  // httplib ignores stop() until its thread has marked the server running;
  // Start returns only after that, so each of these returns (a hang fails
  // by ctest's timeout).
  for (int i = 0; i < 20; ++i) {
    Start();
    const int port = webhook_->port();
    webhook_.reset();
    httplib::SSLClient client("127.0.0.1", port);
    client.enable_server_certificate_verification(false);
    EXPECT_FALSE(client.Get("/healthz")) << "still answering on port " << port;
  }
}

}  // namespace
}  // namespace liaison::adapters
