// Policy service over a real gRPC server (plaintext development identities)
// on an in-memory store: who may call what, reload refusals audited, and
// explanations that carry paths, never the notification's content.

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "absl/strings/str_cat.h"
#include "broker/common/clock.h"
#include "broker/core/broker_core.h"
#include "broker/server/broker_server.h"
#include "broker/server/config_loader.h"
#include "broker/server/grpc_glue.h"
#include "broker/storage/mem_kv_store.h"
#include "gmock/gmock.h"
#include "google/protobuf/text_format.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "gtest/gtest.h"
#include "liaison/v1/audit_service.grpc.pb.h"
#include "liaison/v1/policy_service.grpc.pb.h"

namespace liaison::server {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

// clang-format off
constexpr char kPolicy[] = R"pb(policy_id: "svc-test"
rules {
  id: "callout/om"
  description: "Callouts reach the offender manager the same day"
  effect: EFFECT_PERMIT
  when { kinds: NOTIFICATION_KIND_POLICE_CALLOUT }
  permit {
    legal_basis: "Offender Management Act 2007 s.14"
    priority: PRIORITY_SAME_DAY
    ack_deadline_minutes: 480
    escalation { role: RECIPIENT_ROLE_DUTY_INBOX }
    grants { recipient { role: RECIPIENT_ROLE_OFFENDER_MANAGER } fields: ["subject.name", "police_callout"] }
  }
}
rules {
  id: "arrest/om"
  description: "Arrests reach the offender manager at once"
  effect: EFFECT_PERMIT
  when { kinds: NOTIFICATION_KIND_ARREST }
  permit {
    legal_basis: "Offender Management Act 2007 s.14"
    priority: PRIORITY_IMMEDIATE
    grants { recipient { role: RECIPIENT_ROLE_OFFENDER_MANAGER } fields: "arrest" }
  }
}
)pb";
// clang-format on

// A callout about the subject with a child whose details nobody is granted.
constexpr char kCallout[] = R"pb(
  source_ref: "CAD-1"
  occurred_at { seconds: 1700000000 }
  classification: CLASSIFICATION_OFFICIAL
  originator_contact: "PC 1234"
  subject {
    name { given_names: "Alex" family_name: "Example" }
    date_of_birth: "1979-03-14"
  }
  related_people {
    role: RELATED_ROLE_CHILD
    age: 4
    person { name { given_names: "Kim" family_name: "Sample" } }
  }
  police_callout { incident_type: CALLOUT_INCIDENT_TYPE_DOMESTIC_ABUSE summary: "Argument reported" }
)pb";

class PolicyServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::filesystem::path dir =
        std::filesystem::path(::testing::TempDir()) /
        absl::StrCat("policy_service_", getpid(), "_", ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir);
    policy_file_ = (dir / "policy.textproto").string();
    WritePolicy(kPolicy);
    auto config = ParseBrokerConfig(absl::StrCat(R"pb(
                                                   principals { id: "auditor" role: ROLE_AUDITOR }
                                                   principals { id: "admin" role: ROLE_POLICY_ADMIN }
                                                   principals { id: "reviewer" role: ROLE_MATCH_REVIEWER }
                                                   directory {
                                                     areas {
                                                       code: "N07"
                                                       mappa_coordinator: "N07-MAPPA"
                                                       duty_inbox: "N07-DUTY"
                                                       police_public_protection: "PPU"
                                                     }
                                                   }
                                                   policy { file: ")pb",
                                                 policy_file_, "\" }"),
                                    "test.textproto");
    ASSERT_TRUE(config.ok()) << config.status();
    auto loaded = LoadConfiguredPolicy(*config);
    ASSERT_TRUE(loaded.ok()) << loaded.status();
    BrokerCore::Options core_options;
    core_options.policy = loaded->policy;
    core_options.policy_origin = loaded->origin;
    auto core = BrokerCore::Create(&store_, RealClock::Get(), core_options);
    ASSERT_TRUE(core.ok()) << core.status();
    core_ = std::move(*core);
    v1::OffenderRecord offender;
    offender.set_crn("X123456");
    offender.mutable_name()->set_family_name("Example");
    offender.mutable_offender_manager()->set_staff_code("N07P1001");
    offender.set_area_code("N07");
    ASSERT_TRUE(core_->registry().Upsert(offender, "test").ok());

    ServerOptions options;
    options.listen_address = "127.0.0.1:0";
    options.insecure_dev = true;
    options.config = *config;
    auto server = BrokerServer::Start(core_.get(), options);
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = std::move(*server);
    channel_ = grpc::CreateChannel(absl::StrCat("127.0.0.1:", server_->port()), grpc::InsecureChannelCredentials());
  }

  void WritePolicy(const std::string& text) { std::ofstream(policy_file_, std::ios::trunc) << text; }

  std::unique_ptr<grpc::ClientContext> As(const std::string& who) {
    auto context = std::make_unique<grpc::ClientContext>();
    context->AddMetadata(kDevPrincipalHeader, who);
    return context;
  }

  grpc::Status Reload(const std::string& who, v1::ReloadPolicyResponse* response) {
    return v1::Policy::NewStub(channel_)->Reload(As(who).get(), v1::ReloadPolicyRequest(), response);
  }

  grpc::Status Explain(const std::string& who, const v1::ExplainPolicyRequest& request,
                       v1::PolicyExplanation* response) {
    return v1::Policy::NewStub(channel_)->Explain(As(who).get(), request, response);
  }

  std::vector<v1::AuditEntry> PolicyAudit() {
    v1::AuditQueryResponse response;
    EXPECT_TRUE(v1::Audit::NewStub(channel_)->Query(As("auditor").get(), v1::AuditQueryRequest(), &response).ok());
    std::vector<v1::AuditEntry> entries;
    for (const v1::AuditEntry& e : response.entries()) {
      if (e.has_policy()) entries.push_back(e);
    }
    return entries;
  }

  static v1::ExplainPolicyRequest CalloutRequest() {
    v1::ExplainPolicyRequest request;
    EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(kCallout, request.mutable_notification()));
    request.set_crn("X123456");
    return request;
  }

  std::string policy_file_;
  storage::MemKvStore store_;
  std::unique_ptr<BrokerCore> core_;
  std::unique_ptr<BrokerServer> server_;
  std::shared_ptr<grpc::Channel> channel_;
};

TEST_F(PolicyServiceTest, GetPolicyNamesTheVersionAndOriginForAuditorsAndAdmins) {
  for (const char* who : {"auditor", "admin"}) {
    v1::PolicyInfo info;
    ASSERT_TRUE(v1::Policy::NewStub(channel_)->GetPolicy(As(who).get(), v1::GetPolicyRequest(), &info).ok()) << who;
    EXPECT_EQ(info.version(), core_->policy().Current()->version());
    EXPECT_THAT(info.version(), ::testing::StartsWith("svc-test@"));
    EXPECT_EQ(info.origin(), policy_file_);
  }
  v1::PolicyInfo info;
  const grpc::Status denied =
      v1::Policy::NewStub(channel_)->GetPolicy(As("reviewer").get(), v1::GetPolicyRequest(), &info);
  EXPECT_EQ(denied.error_code(), grpc::StatusCode::PERMISSION_DENIED);
}

TEST_F(PolicyServiceTest, ReloadPutsAnEditedPolicyInForceAndAuditsIt) {
  const std::string before = core_->policy().Current()->version();
  WritePolicy(absl::StrCat(kPolicy, "# edited\n"));
  v1::ReloadPolicyResponse response;
  const grpc::Status status = Reload("admin", &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(response.previous_version(), before);
  EXPECT_NE(response.version(), before);
  EXPECT_EQ(response.version(), core_->policy().Current()->version());
  EXPECT_EQ(response.origin(), policy_file_);
  const std::vector<v1::AuditEntry> audit = PolicyAudit();
  ASSERT_FALSE(audit.empty());
  EXPECT_EQ(audit.back().action(), v1::AUDIT_ACTION_POLICY_LOADED);
  EXPECT_EQ(audit.back().actor(), "admin");
  EXPECT_EQ(audit.back().policy().previous_version(), before);
}

TEST_F(PolicyServiceTest, AnInvalidPolicyIsRefusedWithEveryProblemAndAudited) {
  const std::string before = core_->policy().Current()->version();
  std::string broken = kPolicy;
  broken.replace(broken.find("legal_basis: \"Offender Management Act 2007 s.14\""),
                 std::string("legal_basis: \"Offender Management Act 2007 s.14\"").size(), "");
  WritePolicy(broken + "rules { id: \"Bad Id\" }\n");
  v1::ReloadPolicyResponse response;
  const grpc::Status status = Reload("admin", &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr(policy_file_ + ":7: rule 'callout/om': permit.legal_basis"));
  EXPECT_THAT(status.error_message(), HasSubstr("rule 'Bad Id'"));
  EXPECT_EQ(core_->policy().Current()->version(), before);
  const std::vector<v1::AuditEntry> audit = PolicyAudit();
  ASSERT_FALSE(audit.empty());
  EXPECT_EQ(audit.back().action(), v1::AUDIT_ACTION_POLICY_REJECTED);
  EXPECT_EQ(audit.back().actor(), "admin");
  EXPECT_EQ(audit.back().policy().origin(), policy_file_);
  EXPECT_THAT(audit.back().policy().problem(), HasSubstr("permit.legal_basis"));
}

TEST_F(PolicyServiceTest, AnUnreadablePolicyFileIsAFailedPrecondition) {
  std::filesystem::remove(policy_file_);
  v1::ReloadPolicyResponse response;
  const grpc::Status status = Reload("admin", &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(status.error_message(), HasSubstr(policy_file_));
  EXPECT_EQ(PolicyAudit().back().action(), v1::AUDIT_ACTION_POLICY_REJECTED);
}

TEST_F(PolicyServiceTest, OnlyPolicyAdminsMayReload) {
  v1::ReloadPolicyResponse response;
  const grpc::Status status = Reload("auditor", &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(status.error_message(), "role ROLE_AUDITOR may not call Policy.Reload");
}

TEST_F(PolicyServiceTest, ExplainShowsRulesRecipientsAndPathsButNoContent) {
  v1::PolicyExplanation explanation;
  const grpc::Status status = Explain("auditor", CalloutRequest(), &explanation);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(explanation.policy_version(), core_->policy().Current()->version());
  EXPECT_THAT(explanation.rule_ids(), ElementsAre("callout/om"));
  ASSERT_EQ(explanation.rules_size(), 2);
  EXPECT_EQ(explanation.rules(0).rule_id(), "arrest/om");
  EXPECT_FALSE(explanation.rules(0).fired());
  EXPECT_THAT(explanation.rules(0).why(), HasSubstr("kinds"));
  EXPECT_EQ(explanation.rules(1).rule_id(), "callout/om");
  EXPECT_TRUE(explanation.rules(1).fired());
  EXPECT_EQ(explanation.rules(1).effect(), policy::v1::EFFECT_PERMIT);
  EXPECT_EQ(explanation.rules(1).link(), policy::v1::LINK_SUBJECT);

  ASSERT_EQ(explanation.deliveries_size(), 1);
  const v1::ExplainedDelivery& om = explanation.deliveries(0);
  EXPECT_EQ(om.recipient_id(), "N07P1001");
  EXPECT_EQ(om.role(), v1::RECIPIENT_ROLE_OFFENDER_MANAGER);
  EXPECT_EQ(om.crn(), "X123456");
  EXPECT_EQ(om.priority(), v1::PRIORITY_SAME_DAY);
  EXPECT_EQ(om.legal_basis(), "Offender Management Act 2007 s.14");
  EXPECT_EQ(om.ack_deadline_seconds(), 480 * 60);
  ASSERT_EQ(om.escalation_size(), 1);
  EXPECT_EQ(om.escalation(0).recipient_id(), "N07-DUTY");
  EXPECT_THAT(om.visible(), ElementsAre("subject.name", "police_callout.summary"));
  EXPECT_THAT(om.withheld(), ::testing::UnorderedElementsAre("originator_contact", "subject.date_of_birth",
                                                             "related_people[0].person"));
  // Paths only: no name, summary or contact goes back.
  const std::string bytes = explanation.SerializeAsString();
  for (const char* content : {"Alex", "Example", "Kim", "Argument", "PC 1234", "1979-03-14"}) {
    EXPECT_THAT(bytes, Not(HasSubstr(content))) << content;
  }
}

TEST_F(PolicyServiceTest, ExplainRefusals) {
  v1::PolicyExplanation explanation;
  EXPECT_EQ(Explain("admin", CalloutRequest(), &explanation).error_code(), grpc::StatusCode::PERMISSION_DENIED);

  v1::ExplainPolicyRequest no_crn = CalloutRequest();
  no_crn.clear_crn();
  grpc::Status status = Explain("auditor", no_crn, &explanation);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message(), "crn: is required");

  v1::ExplainPolicyRequest no_event = CalloutRequest();
  no_event.mutable_notification()->clear_police_callout();
  status = Explain("auditor", no_event, &explanation);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), ::testing::StartsWith("event: "));

  v1::ExplainPolicyRequest unknown = CalloutRequest();
  unknown.set_crn("X999999");
  EXPECT_EQ(Explain("auditor", unknown, &explanation).error_code(), grpc::StatusCode::NOT_FOUND);

  v1::ExplainPolicyRequest no_notification;
  no_notification.set_crn("X123456");
  status = Explain("auditor", no_notification, &explanation);
  EXPECT_EQ(status.error_message(), "notification: is required");
}

}  // namespace
}  // namespace liaison::server
