#include "broker/server/access_policy.h"

#include "gtest/gtest.h"

namespace liaison::server {
namespace {

using config::v1::Role;

config::v1::BrokerConfig Config() {
  config::v1::BrokerConfig config;
  const std::pair<const char*, Role> principals[] = {
      {"agency", config::v1::ROLE_AGENCY_ADAPTER},
      {"inbox", config::v1::ROLE_INBOX},
      {"registry", config::v1::ROLE_REGISTRY_ADMIN},
      {"auditor", config::v1::ROLE_AUDITOR},
      {"reviewer", config::v1::ROLE_MATCH_REVIEWER},
  };
  for (const auto& [id, role] : principals) {
    auto* p = config.add_principals();
    p->set_id(id);
    p->set_role(role);
  }
  config.mutable_principals(1)->add_recipient_ids("N07P1001");
  return config;
}

struct Row {
  Method method;
  const char* allowed;  // the one principal allowed
};

// The whole matrix: every method against every principal.
constexpr Row kMatrix[] = {
    {Method::kSubmit, "agency"},          {Method::kSubmitBatch, "agency"},
    {Method::kSubscribe, "inbox"},        {Method::kListAlerts, "inbox"},
    {Method::kGetAlert, "inbox"},         {Method::kAcknowledge, "inbox"},
    {Method::kUpsertOffender, "registry"}, {Method::kGetOffender, "registry"},
    {Method::kAllocateManager, "registry"}, {Method::kBulkLoad, "registry"},
    {Method::kAuditQuery, "auditor"},     {Method::kVerifyChain, "auditor"},
    {Method::kMergeOffenders, "registry"}, {Method::kUnmergeOffender, "registry"},
    {Method::kListReviews, "reviewer"},   {Method::kGetReview, "reviewer"},
    {Method::kResolveReview, "reviewer"},
};

TEST(AccessPolicyTest, EachMethodAdmitsOnlyItsRole) {
  AccessPolicy policy(Config());
  for (const Row& row : kMatrix) {
    for (const char* who : {"agency", "inbox", "registry", "auditor", "reviewer"}) {
      auto admitted = policy.Admit(who, row.method);
      if (std::string(who) == row.allowed) {
        EXPECT_TRUE(admitted.ok()) << MethodName(row.method) << " " << who;
      } else {
        EXPECT_EQ(admitted.status().code(), absl::StatusCode::kPermissionDenied) << MethodName(row.method) << " " << who;
      }
    }
    EXPECT_EQ(policy.Admit("stranger", row.method).status().code(), absl::StatusCode::kPermissionDenied);
    EXPECT_EQ(policy.Admit("", row.method).status().code(), absl::StatusCode::kUnauthenticated);
  }
}

TEST(AccessPolicyTest, InboxPrincipalsSeeOnlyTheirRecipients) {
  config::v1::BrokerConfig config = Config();
  EXPECT_TRUE(AccessPolicy::MaySee(config.principals(1), "N07P1001"));
  EXPECT_FALSE(AccessPolicy::MaySee(config.principals(1), "N07P1002"));
  EXPECT_FALSE(AccessPolicy::MaySee(config.principals(3), "N07P1001"));  // an auditor
}

}  // namespace
}  // namespace liaison::server
