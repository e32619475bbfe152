// SIGHUP reloads the policy file in a running broker: a valid edit is put in
// force (POLICY_LOADED, the next alert names the new version); an invalid
// one is refused (POLICY_REJECTED) and the policy in force stays.

#include <signal.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "gmock/gmock.h"
#include "liaison/v1/audit_service.grpc.pb.h"
#include "liaison/v1/inbox_service.grpc.pb.h"
#include "liaison/v1/ingest_service.grpc.pb.h"
#include "liaison/v1/registry_service.grpc.pb.h"
#include "tests/e2e/e2e_fixture.h"

namespace liaison::testing {
namespace {

using ::testing::HasSubstr;

std::string Read(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

class PolicyReloadTest : public E2eTest {
 protected:
  void SetUp() override {
    E2eTest::SetUp();
    policy_file_ = dir_ + "/policy.textproto";
    shipped_ = Read(SourceDir() + "/policy/england-wales.textproto");
    std::ofstream(policy_file_) << shipped_;
    const std::string config = dir_ + "/broker.textproto";
    std::ofstream(config) << Read(SourceDir() + "/deploy/demo/broker.textproto") << "\npolicy { file: \""
                          << policy_file_ << "\" }\n";
    BrokerProcess::Options options;
    options.binary = BrokerBinary();
    options.data_dir = data_dir_;
    options.config = config;
    options.certs_dir = certs_;
    options.log_file = dir_ + "/broker.log";
    auto started = BrokerProcess::Start(options);
    ASSERT_TRUE(started.ok()) << started.status();
    broker_ = std::move(*started);
  }

  // Every audit entry of `action`, oldest first.
  std::vector<v1::AuditEntry> Entries(v1::AuditAction action) {
    auto stub = v1::Audit::NewStub(Channel("auditor"));
    std::vector<v1::AuditEntry> out;
    v1::AuditQueryRequest request;
    request.set_page_size(1000);
    grpc::ClientContext ctx;
    v1::AuditQueryResponse response;
    EXPECT_TRUE(stub->Query(&ctx, request, &response).ok());
    for (const v1::AuditEntry& e : response.entries()) {
      if (e.action() == action) out.push_back(e);
    }
    return out;
  }

  // SIGHUP, then waits (up to 20 s) until the broker has audited `count`
  // entries of `action`: the reload is asynchronous to the signal.
  void HangUpAndAwait(v1::AuditAction action, size_t count) {
    ASSERT_EQ(::kill(broker_->pid(), SIGHUP), 0);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (Entries(action).size() < count) {
      ASSERT_LT(std::chrono::steady_clock::now(), deadline) << "no " << v1::AuditAction_Name(action) << " after SIGHUP";
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }

  // An arrest of a supervised person; returns the policy its alert names.
  std::string ArrestAlertPolicy(const std::string& ref) {
    v1::SubmitRequest submit;
    v1::Notification* n = submit.mutable_notification();
    n->set_source_ref(ref);
    n->mutable_occurred_at()->set_seconds(std::chrono::duration_cast<std::chrono::seconds>(
                                              std::chrono::system_clock::now().time_since_epoch())
                                              .count() -
                                          3600);
    n->set_classification(v1::CLASSIFICATION_OFFICIAL);
    v1::Identifier* id = n->mutable_subject()->add_identifiers();
    id->set_type(v1::IDENTIFIER_TYPE_PNC);
    id->set_value("1979/0163001B");
    n->mutable_subject()->mutable_name()->set_given_names("Dean");
    n->mutable_subject()->mutable_name()->set_family_name("Ashworth");
    n->mutable_subject()->set_date_of_birth("1985-03-02");
    n->mutable_arrest()->set_offence("Theft");
    n->mutable_arrest()->set_outcome(v1::ARREST_OUTCOME_IN_CUSTODY);
    grpc::ClientContext ctx;
    v1::SubmitResponse response;
    grpc::Status s = v1::Ingest::NewStub(Channel("police-adapter"))->Submit(&ctx, submit, &response);
    EXPECT_TRUE(s.ok()) << s.error_message();
    grpc::ClientContext list_ctx;
    v1::ListAlertsRequest list;
    list.set_recipient_id("N07P1001");
    list.set_page_size(1000);
    v1::ListAlertsResponse alerts;
    EXPECT_TRUE(v1::Inbox::NewStub(Channel("om-inbox"))->ListAlerts(&list_ctx, list, &alerts).ok());
    for (const v1::Alert& a : alerts.alerts()) {
      if (a.notification_id() == response.notification_id()) return a.policy();
    }
    return "";
  }

  void LoadOffender() {
    v1::UpsertOffenderRequest upsert;
    v1::OffenderRecord* r = upsert.mutable_offender();
    r->set_crn("X100001");
    r->mutable_name()->set_given_names("Dean");
    r->mutable_name()->set_family_name("Ashworth");
    r->set_date_of_birth("1985-03-02");
    v1::Identifier* id = r->add_identifiers();
    id->set_type(v1::IDENTIFIER_TYPE_PNC);
    id->set_value("1979/0163001B");
    r->mutable_offender_manager()->set_staff_code("N07P1001");
    r->set_area_code("N07");
    r->set_status(v1::SUPERVISION_STATUS_COMMUNITY_ORDER);
    grpc::ClientContext ctx;
    v1::UpsertOffenderResponse response;
    ASSERT_TRUE(v1::Registry::NewStub(Channel("probation-registry"))->UpsertOffender(&ctx, upsert, &response).ok());
  }

  std::string policy_file_;
  std::string shipped_;
};

TEST_F(PolicyReloadTest, SighupPutsAValidEditInForceAndRefusesAnInvalidOne) {
  LoadOffender();
  const std::vector<v1::AuditEntry> first = Entries(v1::AUDIT_ACTION_POLICY_LOADED);
  ASSERT_EQ(first.size(), 1u);
  const std::string initial = first[0].policy().version();
  EXPECT_EQ(first[0].policy().origin(), policy_file_);
  EXPECT_EQ(ArrestAlertPolicy("ARR-1"), initial);

  // A valid edit: a new content hash, so a new version.
  std::ofstream(policy_file_) << shipped_ << "\n# reviewed 2026-11-23\n";
  HangUpAndAwait(v1::AUDIT_ACTION_POLICY_LOADED, 2);
  const v1::AuditEntry loaded = Entries(v1::AUDIT_ACTION_POLICY_LOADED).back();
  EXPECT_EQ(loaded.policy().previous_version(), initial);
  EXPECT_NE(loaded.policy().version(), initial);
  EXPECT_EQ(loaded.actor(), "sighup");
  EXPECT_EQ(ArrestAlertPolicy("ARR-2"), loaded.policy().version());

  // An invalid edit (a permit without a legal basis) is refused.
  std::ofstream(policy_file_) << absl::StrReplaceAll(
      shipped_, {{"legal_basis: \"Offender Management Act 2007 s.14\"", "legal_basis: \"\""}});
  HangUpAndAwait(v1::AUDIT_ACTION_POLICY_REJECTED, 1);
  const v1::AuditEntry rejected = Entries(v1::AUDIT_ACTION_POLICY_REJECTED).back();
  EXPECT_THAT(rejected.policy().problem(), HasSubstr("permit.legal_basis: is required"));
  EXPECT_THAT(rejected.policy().problem(), HasSubstr(policy_file_ + ":"));
  EXPECT_EQ(rejected.policy().version(), loaded.policy().version());
  EXPECT_EQ(ArrestAlertPolicy("ARR-3"), loaded.policy().version());
  EXPECT_EQ(Entries(v1::AUDIT_ACTION_POLICY_LOADED).size(), 2u);
}

}  // namespace
}  // namespace liaison::testing
