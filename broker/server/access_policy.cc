#include "broker/server/access_policy.h"

#include <algorithm>

#include "absl/strings/str_cat.h"

namespace liaison::server {

using config::v1::Role;

AccessPolicy::AccessPolicy(const config::v1::BrokerConfig& config) {
  for (const auto& principal : config.principals()) principals_[principal.id()] = principal;
}

bool AccessPolicy::Allowed(Role role, Method method) {
  switch (method) {
    case Method::kSubmit:
    case Method::kSubmitBatch:
      return role == config::v1::ROLE_AGENCY_ADAPTER;
    case Method::kSubscribe:
    case Method::kListAlerts:
    case Method::kGetAlert:
    case Method::kAcknowledge:
      return role == config::v1::ROLE_INBOX;
    case Method::kUpsertOffender:
    case Method::kGetOffender:
    case Method::kAllocateManager:
    case Method::kBulkLoad:
    case Method::kMergeOffenders:
    case Method::kUnmergeOffender:
      return role == config::v1::ROLE_REGISTRY_ADMIN;
    case Method::kListReviews:
    case Method::kGetReview:
    case Method::kResolveReview:
      return role == config::v1::ROLE_MATCH_REVIEWER;
    case Method::kAuditQuery:
    case Method::kVerifyChain:
    case Method::kExplainPolicy:
      return role == config::v1::ROLE_AUDITOR;
    case Method::kReloadPolicy:
      return role == config::v1::ROLE_POLICY_ADMIN;
    case Method::kGetPolicy:
      return role == config::v1::ROLE_AUDITOR || role == config::v1::ROLE_POLICY_ADMIN;
    case Method::kGetCheckpoint:
    case Method::kListCheckpoints:
    case Method::kProveInclusion:
    case Method::kProveConsistency:
    case Method::kExportLog:
      return role == config::v1::ROLE_AUDITOR;
  }
  return false;
}

absl::StatusOr<const config::v1::Principal*> AccessPolicy::Admit(absl::string_view principal_id,
                                                                 Method method) const {
  if (principal_id.empty()) return absl::UnauthenticatedError("no client identity was presented");
  auto it = principals_.find(principal_id);
  if (it == principals_.end()) {
    return absl::PermissionDeniedError("this client's principal is not registered with the broker");
  }
  if (!Allowed(it->second.role(), method)) {
    return absl::PermissionDeniedError(absl::StrCat("role ", config::v1::Role_Name(it->second.role()),
                                                    " may not call ", MethodName(method)));
  }
  return &it->second;
}

bool AccessPolicy::MaySee(const config::v1::Principal& principal, absl::string_view recipient_id) {
  if (principal.role() != config::v1::ROLE_INBOX) return false;
  const auto& ids = principal.recipient_ids();
  return std::find(ids.begin(), ids.end(), recipient_id) != ids.end();
}

const char* MethodName(Method method) {
  switch (method) {
    case Method::kSubmit:
      return "Ingest.Submit";
    case Method::kSubmitBatch:
      return "Ingest.SubmitBatch";
    case Method::kSubscribe:
      return "Inbox.Subscribe";
    case Method::kListAlerts:
      return "Inbox.ListAlerts";
    case Method::kGetAlert:
      return "Inbox.GetAlert";
    case Method::kAcknowledge:
      return "Inbox.Acknowledge";
    case Method::kUpsertOffender:
      return "Registry.UpsertOffender";
    case Method::kGetOffender:
      return "Registry.GetOffender";
    case Method::kAllocateManager:
      return "Registry.AllocateManager";
    case Method::kBulkLoad:
      return "Registry.BulkLoad";
    case Method::kAuditQuery:
      return "Audit.Query";
    case Method::kVerifyChain:
      return "Audit.VerifyChain";
    case Method::kMergeOffenders:
      return "Registry.MergeOffenders";
    case Method::kUnmergeOffender:
      return "Registry.UnmergeOffender";
    case Method::kListReviews:
      return "Review.ListReviews";
    case Method::kGetReview:
      return "Review.GetReview";
    case Method::kResolveReview:
      return "Review.ResolveReview";
    case Method::kExplainPolicy:
      return "Policy.Explain";
    case Method::kReloadPolicy:
      return "Policy.Reload";
    case Method::kGetPolicy:
      return "Policy.GetPolicy";
    case Method::kGetCheckpoint:
      return "Audit.GetCheckpoint";
    case Method::kListCheckpoints:
      return "Audit.ListCheckpoints";
    case Method::kProveInclusion:
      return "Audit.ProveInclusion";
    case Method::kProveConsistency:
      return "Audit.ProveConsistency";
    case Method::kExportLog:
      return "Audit.ExportLog";
  }
  return "unknown";
}

}  // namespace liaison::server
