// The gRPC layer over real mutual TLS: identities from certificates, the
// access table, transport limits, streaming, health and shutdown.
#include <thread>

#include "broker/common/clock.h"
#include "broker/common/proto_time.h"
#include "broker/core/broker_core.h"
#include "policy/testing.h"
#include "broker/server/broker_server.h"
#include "broker/server/config_loader.h"
#include "broker/storage/mem_kv_store.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "gtest/gtest.h"
#include "liaison/v1/audit_service.grpc.pb.h"
#include "liaison/v1/inbox_service.grpc.pb.h"
#include "liaison/v1/ingest_service.grpc.pb.h"
#include "liaison/v1/registry_service.grpc.pb.h"
#include "tests/support/test_env.h"

namespace liaison {
namespace {

using testing::MtlsChannel;
using testing::SpiffeId;
using testing::TrustedCertsDir;

constexpr char kConfig[] = R"pb(
  principals {
    id: "spiffe://liaison.dev/police-adapter"
    role: ROLE_AGENCY_ADAPTER
    agency { agency_kind: AGENCY_KIND_POLICE organisation_code: "MPS" system: "cad" }
  }
  principals { id: "spiffe://liaison.dev/probation-registry" role: ROLE_REGISTRY_ADMIN }
  principals { id: "spiffe://liaison.dev/om-inbox" role: ROLE_INBOX recipient_ids: "N07P1001" }
  principals { id: "spiffe://liaison.dev/auditor" role: ROLE_AUDITOR }
)pb";

constexpr char kPnc[] = "1979/0163001B";

class GrpcServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    BrokerCore::Options core_options;
    core_options.policy = policy::OffenderManagerTestPolicy();
    core_ = BrokerCore::Create(&store_, RealClock::Get(), core_options).value();
    server::ServerOptions options;
    options.listen_address = "127.0.0.1:0";
    options.tls_cert_file = TrustedCertsDir() + "/server.pem";
    options.tls_key_file = TrustedCertsDir() + "/server.key";
    options.tls_client_ca_file = TrustedCertsDir() + "/ca.pem";
    options.config = server::ParseBrokerConfig(kConfig, "test").value();
    auto started = server::BrokerServer::Start(core_.get(), options);
    ASSERT_TRUE(started.ok()) << started.status();
    server_ = std::move(*started);
    target_ = "127.0.0.1:" + std::to_string(server_->port());

    v1::UpsertOffenderRequest upsert;
    upsert.mutable_offender()->set_crn("X100001");
    upsert.mutable_offender()->mutable_name()->set_family_name("Ashworth");
    upsert.mutable_offender()->mutable_name()->set_given_names("Dean");
    upsert.mutable_offender()->set_date_of_birth("1985-03-02");
    v1::Identifier* id = upsert.mutable_offender()->add_identifiers();
    id->set_type(v1::IDENTIFIER_TYPE_PNC);
    id->set_value(kPnc);
    upsert.mutable_offender()->mutable_offender_manager()->set_staff_code("N07P1001");
    grpc::ClientContext ctx;
    v1::UpsertOffenderResponse response;
    ASSERT_TRUE(Registry("probation-registry")->UpsertOffender(&ctx, upsert, &response).ok());
  }

  std::unique_ptr<v1::Ingest::Stub> Ingest(const std::string& who) {
    return v1::Ingest::NewStub(MtlsChannel(target_, TrustedCertsDir(), who));
  }
  std::unique_ptr<v1::Inbox::Stub> Inbox(const std::string& who) {
    return v1::Inbox::NewStub(MtlsChannel(target_, TrustedCertsDir(), who));
  }
  std::unique_ptr<v1::Registry::Stub> Registry(const std::string& who) {
    return v1::Registry::NewStub(MtlsChannel(target_, TrustedCertsDir(), who));
  }
  std::unique_ptr<v1::Audit::Stub> Audit(const std::string& who) {
    return v1::Audit::NewStub(MtlsChannel(target_, TrustedCertsDir(), who));
  }

  static v1::SubmitRequest Callout(const std::string& source_ref) {
    v1::SubmitRequest request;
    v1::Notification* n = request.mutable_notification();
    n->set_source_ref(source_ref);
    *n->mutable_occurred_at() = ToProtoTime(absl::Now() - absl::Hours(1));
    n->set_classification(v1::CLASSIFICATION_OFFICIAL);
    v1::Identifier* id = n->mutable_subject()->add_identifiers();
    id->set_type(v1::IDENTIFIER_TYPE_PNC);
    id->set_value(kPnc);
    n->mutable_subject()->mutable_name()->set_given_names("Dean");
    n->mutable_subject()->mutable_name()->set_family_name("Ashworth");
    n->mutable_subject()->set_date_of_birth("1985-03-02");
    n->mutable_police_callout()->set_incident_type(v1::CALLOUT_INCIDENT_TYPE_DOMESTIC_ABUSE);
    return request;
  }

  grpc::Status Submit(v1::Ingest::Stub& stub, const v1::SubmitRequest& request, v1::SubmitResponse* response) {
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
    return stub.Submit(&ctx, request, response);
  }

  storage::MemKvStore store_;
  std::unique_ptr<BrokerCore> core_;
  std::unique_ptr<server::BrokerServer> server_;
  std::string target_;
};

TEST_F(GrpcServerTest, TheCertificateNotThePayloadDecidesTheSource) {
  v1::SubmitResponse submitted;
  ASSERT_TRUE(Submit(*Ingest("police-adapter"), Callout("CAD-1"), &submitted).ok());
  grpc::ClientContext ctx;
  v1::ListAlertsRequest list;
  list.set_recipient_id("N07P1001");
  v1::ListAlertsResponse alerts;
  ASSERT_TRUE(Inbox("om-inbox")->ListAlerts(&ctx, list, &alerts).ok());
  ASSERT_EQ(alerts.alerts_size(), 1);
  const v1::Source& source = alerts.alerts(0).notification().source();
  EXPECT_EQ(source.principal(), SpiffeId("police-adapter"));
  EXPECT_EQ(source.agency_kind(), v1::AGENCY_KIND_POLICE);
  EXPECT_EQ(source.organisation_code(), "MPS");

  v1::SubmitRequest spoofed = Callout("CAD-2");
  spoofed.mutable_notification()->mutable_source()->set_agency_kind(v1::AGENCY_KIND_PRISON);
  v1::SubmitResponse refused;
  grpc::Status status = Submit(*Ingest("police-adapter"), spoofed, &refused);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message().rfind("source: ", 0), 0u) << status.error_message();
}

TEST_F(GrpcServerTest, ClientsWithoutATrustedCertificateCannotConnect) {
  v1::SubmitResponse response;
  // Presents a certificate from a CA the broker does not trust.
  auto impostor = v1::Ingest::NewStub(
      MtlsChannel(target_, testing::RogueCertsDir(), "police-adapter", /*trust_dir=*/TrustedCertsDir()));
  EXPECT_EQ(Submit(*impostor, Callout("CAD-3"), &response).error_code(), grpc::StatusCode::UNAVAILABLE);
  auto anonymous = v1::Ingest::NewStub(testing::ServerAuthOnlyChannel(target_, TrustedCertsDir()));
  EXPECT_EQ(Submit(*anonymous, Callout("CAD-3"), &response).error_code(), grpc::StatusCode::UNAVAILABLE);
}

TEST_F(GrpcServerTest, UnregisteredPrincipalsAndWrongRolesAreRefused) {
  v1::SubmitResponse response;
  EXPECT_EQ(Submit(*Ingest("stranger"), Callout("CAD-4"), &response).error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Submit(*Ingest("auditor"), Callout("CAD-4"), &response).error_code(), grpc::StatusCode::PERMISSION_DENIED);
  grpc::ClientContext ctx;
  v1::AuditQueryResponse entries;
  EXPECT_EQ(Audit("police-adapter")->Query(&ctx, v1::AuditQueryRequest(), &entries).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  grpc::ClientContext list_ctx;
  v1::ListAlertsRequest other;
  other.set_recipient_id("N99P9999");
  v1::ListAlertsResponse alerts;
  EXPECT_EQ(Inbox("om-inbox")->ListAlerts(&list_ctx, other, &alerts).error_code(), grpc::StatusCode::PERMISSION_DENIED);
}

TEST_F(GrpcServerTest, AMessageOverTheTransportLimitIsResourceExhausted) {
  v1::SubmitRequest huge = Callout("CAD-5");
  huge.mutable_notification()->mutable_police_callout()->set_summary(std::string(5 << 20, 'x'));
  v1::SubmitResponse response;
  EXPECT_EQ(Submit(*Ingest("police-adapter"), huge, &response).error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
}

TEST_F(GrpcServerTest, ARegistryChangeWithAChangeRefAppliesOnce) {
  v1::ApplyChangeRequest request;
  request.set_change_ref("prison-events:reception:1");
  request.mutable_person()->set_type(v1::IDENTIFIER_TYPE_PNC);
  request.mutable_person()->set_value(kPnc);
  *request.mutable_occurred_at() = ToProtoTime(absl::Now() - absl::Hours(1));
  request.set_reason("received into custody");
  request.mutable_custody()->set_status(v1::SUPERVISION_STATUS_IN_CUSTODY);
  request.mutable_custody()->set_prison_code("MDI");
  auto registry = Registry("probation-registry");
  for (v1::ChangeOutcome expected : {v1::CHANGE_OUTCOME_APPLIED, v1::CHANGE_OUTCOME_DUPLICATE}) {
    grpc::ClientContext ctx;
    v1::ApplyChangeResponse response;
    const grpc::Status status = registry->ApplyChange(&ctx, request, &response);
    ASSERT_TRUE(status.ok()) << status.error_message();
    EXPECT_EQ(response.outcome(), expected);
    EXPECT_EQ(response.offender().crn(), "X100001");
    EXPECT_EQ(response.offender().status(), v1::SUPERVISION_STATUS_IN_CUSTODY);
    EXPECT_EQ(response.offender().prison_code(), "MDI");
  }
  request.mutable_custody()->set_prison_code("LEI");
  grpc::ClientContext reused_ctx;
  v1::ApplyChangeResponse reused;
  const grpc::Status refused = registry->ApplyChange(&reused_ctx, request, &reused);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(refused.error_message(), "change_ref: already used by this caller for a different change");

  audit::AuditFilter filter;
  filter.crn = "X100001";
  int changes = 0;
  const audit::AuditPage page = core_->audit().Query(filter).value();
  for (const v1::AuditEntry& entry : page.entries) {
    if (entry.action() != v1::AUDIT_ACTION_OFFENDER_CHANGED) continue;
    ++changes;
    EXPECT_EQ(entry.actor(), SpiffeId("probation-registry"));
    EXPECT_EQ(entry.change_ref(), "prison-events:reception:1");
  }
  EXPECT_EQ(changes, 1);
}

TEST_F(GrpcServerTest, ARepeatedUpsertReportsADuplicate) {
  v1::UpsertOffenderRequest upsert;
  upsert.set_change_ref("ndelius:X100002:1");
  upsert.mutable_offender()->set_crn("X100002");
  upsert.mutable_offender()->mutable_name()->set_family_name("Marsh");
  auto registry = Registry("probation-registry");
  for (bool duplicate : {false, true}) {
    grpc::ClientContext ctx;
    v1::UpsertOffenderResponse response;
    const grpc::Status status = registry->UpsertOffender(&ctx, upsert, &response);
    ASSERT_TRUE(status.ok()) << status.error_message();
    EXPECT_EQ(response.duplicate(), duplicate);
    EXPECT_EQ(response.created(), !duplicate);
    EXPECT_EQ(response.offender().crn(), "X100002");
  }
}

TEST_F(GrpcServerTest, AlertsStreamToASubscriberWhoAcknowledgesThem) {
  auto inbox = Inbox("om-inbox");
  grpc::ClientContext ctx;
  v1::SubscribeRequest request;
  request.set_recipient_id("N07P1001");
  auto stream = inbox->Subscribe(&ctx, request);
  v1::SubmitResponse submitted;
  ASSERT_TRUE(Submit(*Ingest("police-adapter"), Callout("CAD-6"), &submitted).ok());
  v1::SubscribeResponse received;
  ASSERT_TRUE(stream->Read(&received));
  EXPECT_EQ(received.alert().notification_id(), submitted.notification_id());
  EXPECT_EQ(received.alert().delivery_attempt(), 1u);

  grpc::ClientContext ack_ctx;
  v1::AcknowledgeRequest ack;
  ack.set_alert_id(received.alert().alert_id());
  v1::AcknowledgeResponse acked;
  ASSERT_TRUE(inbox->Acknowledge(&ack_ctx, ack, &acked).ok());
  EXPECT_FALSE(acked.already_acknowledged());
  ctx.TryCancel();
}

TEST_F(GrpcServerTest, AnAcknowledgementNamingAnotherInboxFindsNothing) {
  v1::SubmitResponse submitted;
  ASSERT_TRUE(Submit(*Ingest("police-adapter"), Callout("CAD-7"), &submitted).ok());
  auto inbox = Inbox("om-inbox");
  grpc::ClientContext list_ctx;
  v1::ListAlertsRequest list;
  list.set_recipient_id("N07P1001");
  v1::ListAlertsResponse alerts;
  ASSERT_TRUE(inbox->ListAlerts(&list_ctx, list, &alerts).ok());
  ASSERT_EQ(alerts.alerts_size(), 1);

  v1::AcknowledgeRequest ack;
  ack.set_alert_id(alerts.alerts(0).alert_id());
  ack.set_recipient_id("N07P1002");
  v1::AcknowledgeResponse acked;
  grpc::ClientContext wrong_ctx;
  EXPECT_EQ(inbox->Acknowledge(&wrong_ctx, ack, &acked).error_code(), grpc::StatusCode::NOT_FOUND);
  ack.set_recipient_id("N07P1001");
  grpc::ClientContext right_ctx;
  ASSERT_TRUE(inbox->Acknowledge(&right_ctx, ack, &acked).ok());
  EXPECT_FALSE(acked.already_acknowledged());  // the wrong-inbox attempt changed nothing
}

TEST_F(GrpcServerTest, HealthCheckingReportsServing) {
  auto health = grpc::health::v1::Health::NewStub(MtlsChannel(target_, TrustedCertsDir(), "auditor"));
  for (const char* service : {"", "liaison.v1.Ingest", "liaison.v1.Inbox"}) {
    grpc::ClientContext ctx;
    grpc::health::v1::HealthCheckRequest request;
    request.set_service(service);
    grpc::health::v1::HealthCheckResponse response;
    ASSERT_TRUE(health->Check(&ctx, request, &response).ok()) << service;
    EXPECT_EQ(response.status(), grpc::health::v1::HealthCheckResponse::SERVING) << service;
  }
}

TEST_F(GrpcServerTest, ShutdownEndsOpenSubscriptions) {
  auto inbox = Inbox("om-inbox");
  grpc::ClientContext ctx;
  v1::SubscribeRequest request;
  request.set_recipient_id("N07P1001");
  auto stream = inbox->Subscribe(&ctx, request);
  grpc::Status ended;
  std::thread reader([&] {
    v1::SubscribeResponse response;
    while (stream->Read(&response)) {
    }
    ended = stream->Finish();
  });
  server_->Shutdown(absl::Seconds(5));
  reader.join();
  EXPECT_FALSE(ended.ok());
}

}  // namespace
}  // namespace liaison
