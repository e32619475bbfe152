#include "broker/server/access_policy.h"

#include <algorithm>
#include <iterator>
#include <string>

#include "gtest/gtest.h"

namespace liaison::server {
namespace {

using config::v1::Role;

config::v1::BrokerConfig Config() {
  config::v1::BrokerConfig config;
  const std::pair<const char*, Role> principals[] = {
      {"agency", config::v1::ROLE_AGENCY_ADAPTER},   {"inbox", config::v1::ROLE_INBOX},
      {"registry", config::v1::ROLE_REGISTRY_ADMIN}, {"auditor", config::v1::ROLE_AUDITOR},
      {"reviewer", config::v1::ROLE_MATCH_REVIEWER}, {"policy-admin", config::v1::ROLE_POLICY_ADMIN},
      {"prison-security", config::v1::ROLE_PRISON_SECURITY}, {"operator", config::v1::ROLE_OPERATOR},
  };
  for (const auto& [id, role] : principals) {
    auto* p = config.add_principals();
    p->set_id(id);
    p->set_role(role);
  }
  config.mutable_principals(1)->add_recipient_ids("N07P1001");
  config.mutable_principals(1)->add_teams("hub");
  config.mutable_principals(6)->set_establishment("MDI");
  auto* mdi = config.mutable_directory()->add_prisons();
  mdi->set_code("MDI");
  mdi->set_security_inbox("MDI-SECURITY");
  auto* bxi = config.mutable_directory()->add_prisons();
  bxi->set_code("BXI");
  bxi->set_security_inbox("BXI-SECURITY");
  auto* hub = config.mutable_directory()->add_teams();
  hub->set_code("hub");
  hub->set_inbox("LBL-MASH");
  return config;
}

constexpr const char* kPrincipals[] = {"agency",   "inbox",        "registry",       "auditor",
                                       "reviewer", "policy-admin", "prison-security", "operator"};

struct Row {
  Method method;
  const char* allowed[2];  // the principals allowed (unused places null)
};

bool Allows(const Row& row, const std::string& who) {
  return std::any_of(std::begin(row.allowed), std::end(row.allowed),
                     [&who](const char* allowed) { return allowed != nullptr && who == allowed; });
}

// The whole matrix: every method against every principal.
constexpr Row kMatrix[] = {
    {Method::kSubmit, {"agency"}},
    {Method::kSubmitBatch, {"agency"}},
    {Method::kSubscribe, {"inbox", "prison-security"}},
    {Method::kListAlerts, {"inbox", "prison-security"}},
    {Method::kGetAlert, {"inbox", "prison-security"}},
    {Method::kAcknowledge, {"inbox", "prison-security"}},
    {Method::kUpsertOffender, {"registry"}},
    {Method::kGetOffender, {"registry"}},
    {Method::kAllocateManager, {"registry"}},
    {Method::kBulkLoad, {"registry"}},
    {Method::kAuditQuery, {"auditor"}},
    {Method::kVerifyChain, {"auditor"}},
    {Method::kMergeOffenders, {"registry"}},
    {Method::kUnmergeOffender, {"registry"}},
    {Method::kListReviews, {"reviewer"}},
    {Method::kGetReview, {"reviewer"}},
    {Method::kResolveReview, {"reviewer"}},
    {Method::kExplainPolicy, {"auditor"}},
    {Method::kReloadPolicy, {"policy-admin"}},
    {Method::kGetPolicy, {"auditor", "policy-admin"}},
    {Method::kGetCheckpoint, {"auditor"}},
    {Method::kListCheckpoints, {"auditor"}},
    {Method::kProveInclusion, {"auditor"}},
    {Method::kProveConsistency, {"auditor"}},
    {Method::kExportLog, {"auditor"}},
    {Method::kApplyChange, {"registry"}},
    {Method::kBackup, {"operator"}},
};

TEST(AccessPolicyTest, EachMethodAdmitsOnlyItsRoles) {
  AccessPolicy policy(Config());
  for (const Row& row : kMatrix) {
    for (const char* who : kPrincipals) {
      auto admitted = policy.Admit(who, row.method);
      if (Allows(row, who)) {
        EXPECT_TRUE(admitted.ok()) << MethodName(row.method) << " " << who;
      } else {
        EXPECT_EQ(admitted.status().code(), absl::StatusCode::kPermissionDenied)
            << MethodName(row.method) << " " << who;
      }
    }
    EXPECT_EQ(policy.Admit("stranger", row.method).status().code(), absl::StatusCode::kPermissionDenied);
    EXPECT_EQ(policy.Admit("", row.method).status().code(), absl::StatusCode::kUnauthenticated);
  }
}

TEST(AccessPolicyTest, TheMatrixCoversEveryMethod) {
  // kBackup is the last method: past it MethodName answers "unknown".
  const int methods = static_cast<int>(Method::kBackup) + 1;
  EXPECT_EQ(std::string(MethodName(static_cast<Method>(methods))), "unknown");
  EXPECT_EQ(static_cast<int>(std::size(kMatrix)), methods);
  for (int i = 0; i < methods; ++i) {
    EXPECT_NE(std::string(MethodName(static_cast<Method>(i))), "unknown") << i;
    EXPECT_TRUE(std::any_of(std::begin(kMatrix), std::end(kMatrix), [i](const Row& row) {
      return static_cast<int>(row.method) == i;
    })) << MethodName(static_cast<Method>(i));
  }
}

TEST(AccessPolicyTest, RefusalNamesTheRoleAndMethod) {
  AccessPolicy policy(Config());
  EXPECT_EQ(policy.Admit("auditor", Method::kReloadPolicy).status().message(),
            "role ROLE_AUDITOR may not call Policy.Reload");
  EXPECT_EQ(policy.Admit("policy-admin", Method::kExplainPolicy).status().message(),
            "role ROLE_POLICY_ADMIN may not call Policy.Explain");
}

TEST(AccessPolicyTest, InboxPrincipalsSeeOnlyTheirRecipientsAndTeams) {
  config::v1::BrokerConfig config = Config();
  AccessPolicy policy(config);
  EXPECT_TRUE(policy.MaySee(config.principals(1), "N07P1001"));
  EXPECT_TRUE(policy.MaySee(config.principals(1), "LBL-MASH"));  // its team's inbox
  EXPECT_FALSE(policy.MaySee(config.principals(1), "N07P1002"));
  EXPECT_FALSE(policy.MaySee(config.principals(1), "MDI-SECURITY"));
  EXPECT_FALSE(policy.MaySee(config.principals(3), "N07P1001"));  // an auditor
}

TEST(AccessPolicyTest, PrisonSecuritySeesOnlyItsEstablishmentsFeed) {
  config::v1::BrokerConfig config = Config();
  AccessPolicy policy(config);
  EXPECT_TRUE(policy.MaySee(config.principals(6), "MDI-SECURITY"));
  EXPECT_FALSE(policy.MaySee(config.principals(6), "BXI-SECURITY"));
  EXPECT_FALSE(policy.MaySee(config.principals(6), "N07P1001"));
}

TEST(AccessPolicyTest, RevokedPrincipalsAreUnauthenticatedWhateverTheirRole) {
  config::v1::BrokerConfig config = Config();
  config.mutable_revocation()->add_principal_ids("auditor");
  AccessPolicy policy(config);
  EXPECT_EQ(policy.Admit("auditor", Method::kAuditQuery).status().code(), absl::StatusCode::kUnauthenticated);
  EXPECT_EQ(policy.Admit("auditor", Method::kAuditQuery).status().message(),
            "this client's principal has been revoked");
  EXPECT_TRUE(policy.Admit("registry", Method::kGetOffender).ok());
}

}  // namespace
}  // namespace liaison::server
