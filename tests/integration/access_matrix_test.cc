// Every RPC the broker serves against every role, over real mutual TLS: the
// authorisation matrix, complete. The RPCs come from the served services'
// descriptors, so a new RPC without a row here fails the test.
#include <map>
#include <set>

#include "google/protobuf/descriptor.h"
#include "tests/integration/tls_fixture.h"

namespace liaison {
namespace {

using Outcome = grpc::StatusCode;

// One certificate per role, plus an unregistered one and a revoked one.
constexpr const char* kAgency = "police-adapter";
constexpr const char* kInbox = "om-inbox";
constexpr const char* kPrisonSecurity = "prison-security";
constexpr const char* kRegistry = "probation-registry";
constexpr const char* kAuditor = "auditor";
constexpr const char* kReviewer = "match-reviewer";
constexpr const char* kPolicyAdmin = "policy-admin";
constexpr const char* kOperator = "operator";
constexpr const char* kStranger = "stranger";
constexpr const char* kRevoked = "revoked-auditor";

constexpr char kConfig[] = R"pb(
  principals {
    id: "spiffe://liaison.dev/police-adapter"
    role: ROLE_AGENCY_ADAPTER
    agency { agency_kind: AGENCY_KIND_POLICE organisation_code: "MPS" }
  }
  principals { id: "spiffe://liaison.dev/om-inbox" role: ROLE_INBOX recipient_ids: "N07P1001" }
  principals { id: "spiffe://liaison.dev/prison-security" role: ROLE_PRISON_SECURITY establishment: "MDI" }
  principals { id: "spiffe://liaison.dev/probation-registry" role: ROLE_REGISTRY_ADMIN }
  principals { id: "spiffe://liaison.dev/auditor" role: ROLE_AUDITOR }
  principals { id: "spiffe://liaison.dev/match-reviewer" role: ROLE_MATCH_REVIEWER }
  principals { id: "spiffe://liaison.dev/policy-admin" role: ROLE_POLICY_ADMIN }
  principals { id: "spiffe://liaison.dev/operator" role: ROLE_OPERATOR }
  principals { id: "spiffe://liaison.dev/revoked-auditor" role: ROLE_AUDITOR }
  revocation { principal_ids: "spiffe://liaison.dev/revoked-auditor" }
  directory { prisons { code: "MDI" security_inbox: "MDI-SECURITY" } }
  limits { requests_per_second: 1000 request_burst: 1000 }
)pb";

// RPC ("service/method") -> the principals admitted. Every other registered
// principal must get PERMISSION_DENIED.
const std::map<std::string, std::set<std::string>>& Matrix() {
  static const auto* matrix = new std::map<std::string, std::set<std::string>>{
      {"liaison.v1.Ingest/Submit", {kAgency}},
      {"liaison.v1.Ingest/SubmitBatch", {kAgency}},
      {"liaison.v1.Inbox/Subscribe", {kInbox, kPrisonSecurity}},
      {"liaison.v1.Inbox/ListAlerts", {kInbox, kPrisonSecurity}},
      {"liaison.v1.Inbox/GetAlert", {kInbox, kPrisonSecurity}},
      {"liaison.v1.Inbox/Acknowledge", {kInbox, kPrisonSecurity}},
      {"liaison.v1.Registry/UpsertOffender", {kRegistry}},
      {"liaison.v1.Registry/GetOffender", {kRegistry}},
      {"liaison.v1.Registry/AllocateManager", {kRegistry}},
      {"liaison.v1.Registry/BulkLoad", {kRegistry}},
      {"liaison.v1.Registry/MergeOffenders", {kRegistry}},
      {"liaison.v1.Registry/UnmergeOffender", {kRegistry}},
      {"liaison.v1.Registry/ApplyChange", {kRegistry}},
      {"liaison.v1.Audit/Query", {kAuditor}},
      {"liaison.v1.Audit/VerifyChain", {kAuditor}},
      {"liaison.v1.Audit/GetCheckpoint", {kAuditor}},
      {"liaison.v1.Audit/ListCheckpoints", {kAuditor}},
      {"liaison.v1.Audit/ProveInclusion", {kAuditor}},
      {"liaison.v1.Audit/ProveConsistency", {kAuditor}},
      {"liaison.v1.Audit/ExportLog", {kAuditor}},
      {"liaison.v1.Review/ListReviews", {kReviewer}},
      {"liaison.v1.Review/GetReview", {kReviewer}},
      {"liaison.v1.Review/ResolveReview", {kReviewer}},
      {"liaison.v1.Policy/Explain", {kAuditor}},
      {"liaison.v1.Policy/Reload", {kPolicyAdmin}},
      {"liaison.v1.Policy/GetPolicy", {kAuditor, kPolicyAdmin}},
      {"liaison.v1.Admin/Backup", {kOperator}},
  };
  return *matrix;
}

// Every RPC of every served service, as "service/method".
std::vector<std::string> ServedRpcs() {
  std::vector<std::string> rpcs;
  for (const std::string& name : server::ServedServiceNames()) {
    const auto* service = google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(name);
    EXPECT_NE(service, nullptr) << name;
    if (service == nullptr) continue;
    for (int i = 0; i < service->method_count(); ++i) rpcs.push_back(name + "/" + service->method(i)->name());
  }
  return rpcs;
}

class AccessMatrixTest : public testing::TlsBrokerFixture {
 protected:
  void SetUp() override {
    StartBroker("access_matrix",
                {kAgency, kInbox, kPrisonSecurity, kRegistry, kAuditor, kReviewer, kPolicyAdmin, kOperator, kStranger,
                 kRevoked},
                kConfig);
  }
};

TEST_F(AccessMatrixTest, EveryRpcHasARowAndEveryRowIsAnRpc) {
  const std::vector<std::string> rpcs = ServedRpcs();
  EXPECT_GE(rpcs.size(), Matrix().size());
  for (const std::string& rpc : rpcs) EXPECT_TRUE(Matrix().contains(rpc)) << "no access matrix row for " << rpc;
  for (const auto& [rpc, allowed] : Matrix()) {
    EXPECT_NE(std::find(rpcs.begin(), rpcs.end(), rpc), rpcs.end()) << "a matrix row names no served RPC: " << rpc;
  }
}

TEST_F(AccessMatrixTest, EveryRpcAgainstEveryRole) {
  const std::vector<std::string> roles = {kAgency,   kInbox,       kPrisonSecurity, kRegistry, kAuditor,
                                          kReviewer, kPolicyAdmin, kOperator,       kStranger, kRevoked};
  std::map<std::string, std::shared_ptr<grpc::Channel>> channels;
  for (const std::string& who : roles) channels[who] = Channel(who);
  int admitted = 0;
  for (const std::string& rpc : ServedRpcs()) {
    auto row = Matrix().find(rpc);
    if (row == Matrix().end()) continue;  // reported by the test above
    for (const std::string& who : roles) {
      const grpc::Status status = CallEmpty(channels[who].get(), "/" + rpc);
      const std::string where = rpc + " as " + who + ": " + status.error_message();
      if (who == kRevoked) {
        EXPECT_EQ(status.error_code(), Outcome::UNAUTHENTICATED) << where;
      } else if (row->second.contains(who)) {
        ++admitted;
        // Admitted: OK, or what the handler says of an empty request.
        EXPECT_NE(status.error_code(), Outcome::PERMISSION_DENIED) << where;
        EXPECT_NE(status.error_code(), Outcome::UNAUTHENTICATED) << where;
        EXPECT_NE(status.error_code(), Outcome::UNIMPLEMENTED) << where;
        EXPECT_NE(status.error_code(), Outcome::UNAVAILABLE) << where;
      } else {
        EXPECT_EQ(status.error_code(), Outcome::PERMISSION_DENIED) << where;
      }
    }
  }
  // Every row's principals were exercised (a guard against an empty loop).
  size_t expected = 0;
  for (const auto& [rpc, allowed] : Matrix()) expected += allowed.size();
  EXPECT_EQ(admitted, static_cast<int>(expected));
}

TEST_F(AccessMatrixTest, ACallerWithoutACertificateCannotConnect) {
  grpc::SslCredentialsOptions ssl;
  ssl.pem_root_certs = testing::ReadFileOrEmpty(pki_ + "/ca-bundle.pem");
  grpc::ChannelArguments args;
  args.SetSslTargetNameOverride("localhost");
  auto anonymous = grpc::CreateCustomChannel(target_, grpc::SslCredentials(ssl), args);
  EXPECT_EQ(CallEmpty(anonymous.get(), "/liaison.v1.Policy/GetPolicy").error_code(), Outcome::UNAVAILABLE);
}

}  // namespace
}  // namespace liaison
