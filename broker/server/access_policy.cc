#include "broker/server/access_policy.h"

#include <algorithm>

#include "absl/strings/str_cat.h"

namespace liaison::server {

using config::v1::Role;

AccessPolicy::AccessPolicy(const config::v1::BrokerConfig& config) {
  for (const auto& principal : config.principals()) {
    principals_[principal.id()] = principal;
    absl::flat_hash_set<std::string>& visible = visible_[principal.id()];
    if (principal.role() == config::v1::ROLE_INBOX) {
      visible.insert(principal.recipient_ids().begin(), principal.recipient_ids().end());
      for (const auto& team : config.directory().teams()) {
        const auto& teams = principal.teams();
        if (std::find(teams.begin(), teams.end(), team.code()) != teams.end()) visible.insert(team.inbox());
      }
    }
    if (principal.role() == config::v1::ROLE_PRISON_SECURITY) {
      for (const auto& prison : config.directory().prisons()) {
        if (prison.code() == principal.establishment()) visible.insert(prison.security_inbox());
      }
    }
  }
  revoked_.insert(config.revocation().principal_ids().begin(), config.revocation().principal_ids().end());
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
      return role == config::v1::ROLE_INBOX || role == config::v1::ROLE_PRISON_SECURITY;
    case Method::kUpsertOffender:
    case Method::kGetOffender:
    case Method::kAllocateManager:
    case Method::kBulkLoad:
    case Method::kMergeOffenders:
    case Method::kUnmergeOffender:
    case Method::kApplyChange:
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
    case Method::kBackup:
      return role == config::v1::ROLE_OPERATOR;
  }
  return false;
}

absl::StatusOr<const config::v1::Principal*> AccessPolicy::Identify(absl::string_view principal_id) const {
  if (principal_id.empty()) return absl::UnauthenticatedError("no client identity was presented");
  if (revoked_.contains(principal_id)) return absl::UnauthenticatedError("this client's principal has been revoked");
  auto it = principals_.find(principal_id);
  return it == principals_.end() ? nullptr : &it->second;
}

absl::StatusOr<const config::v1::Principal*> AccessPolicy::Admit(absl::string_view principal_id,
                                                                 Method method) const {
  auto principal = Identify(principal_id);
  if (!principal.ok()) return principal.status();
  if (*principal == nullptr) {
    return absl::PermissionDeniedError("this client's principal is not registered with the broker");
  }
  if (!Allowed((*principal)->role(), method)) {
    return absl::PermissionDeniedError(absl::StrCat("role ", config::v1::Role_Name((*principal)->role()),
                                                    " may not call ", MethodName(method)));
  }
  return *principal;
}

bool AccessPolicy::MaySee(const config::v1::Principal& principal, absl::string_view recipient_id) const {
  if (!Allowed(principal.role(), Method::kListAlerts)) return false;
  auto it = visible_.find(principal.id());
  return it != visible_.end() && it->second.contains(recipient_id);
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
    case Method::kApplyChange:
      return "Registry.ApplyChange";
    case Method::kBackup:
      return "Admin.Backup";
  }
  return "unknown";
}

}  // namespace liaison::server
