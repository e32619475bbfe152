#ifndef LIAISON_BROKER_CTL_FAKE_BROKER_H_
#define LIAISON_BROKER_CTL_FAKE_BROKER_H_

// Test-only: an in-process fake of the broker's six services on a real
// gRPC server (127.0.0.1, port 0, plaintext), recording what liaisonctl's
// commands send. Each fake is thread-safe.

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "broker/ctl/connection.h"
#include "broker/ctl/output.h"
#include "grpcpp/server.h"
#include "liaison/v1/audit_service.grpc.pb.h"
#include "liaison/v1/inbox_service.grpc.pb.h"
#include "liaison/v1/ingest_service.grpc.pb.h"
#include "liaison/v1/policy_service.grpc.pb.h"
#include "liaison/v1/registry_service.grpc.pb.h"
#include "liaison/v1/review_service.grpc.pb.h"

namespace liaison::ctl::testing {

// The x-liaison-principal header of a call, or "" without one.
std::string PrincipalOf(const grpc::ServerContext* context);

// Writes `content` to a fresh file named `name` under the test's temporary
// directory; returns its path.
std::string WriteTestFile(absl::string_view name, absl::string_view content);

// Output captured in strings.
struct CapturedOutput {
  explicit CapturedOutput(bool json = false) : output{out, err, json} {}
  std::ostringstream out;
  std::ostringstream err;
  Output output;
};

// Ids are "N-1", "N-2", ...; a repeated source_ref is a duplicate of the
// first; a source_ref starting "reject" fails with INVALID_ARGUMENT.
class FakeIngest final : public v1::Ingest::Service {
 public:
  grpc::Status Submit(grpc::ServerContext* context, const v1::SubmitRequest* request,
                      v1::SubmitResponse* response) override;
  grpc::Status SubmitBatch(grpc::ServerContext* context, const v1::SubmitBatchRequest* request,
                           v1::SubmitBatchResponse* response) override;

  std::vector<v1::Notification> received() const;
  int submit_calls() const;
  int batch_calls() const;
  std::vector<std::string> principals() const;

 private:
  // The outcome of accepting one notification.
  v1::SubmitBatchResult Accept(const v1::Notification& notification)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  mutable absl::Mutex mu_;
  std::vector<v1::Notification> received_ ABSL_GUARDED_BY(mu_);
  std::map<std::string, std::string> ids_by_ref_ ABSL_GUARDED_BY(mu_);
  int submit_calls_ ABSL_GUARDED_BY(mu_) = 0;
  int batch_calls_ ABSL_GUARDED_BY(mu_) = 0;
  std::vector<std::string> principals_ ABSL_GUARDED_BY(mu_);
};

// Records each BulkLoad chunk; rejects records whose crn starts "BAD".
// MergeOffenders and UnmergeOffender work on the stored records with the
// real service's NOT_FOUND and FAILED_PRECONDITION cases.
class FakeRegistry final : public v1::Registry::Service {
 public:
  void AddOffender(v1::OffenderRecord offender);

  grpc::Status GetOffender(grpc::ServerContext* context, const v1::GetOffenderRequest* request,
                           v1::OffenderRecord* response) override;
  grpc::Status AllocateManager(grpc::ServerContext* context,
                               const v1::AllocateManagerRequest* request,
                               v1::OffenderRecord* response) override;
  grpc::Status BulkLoad(grpc::ServerContext* context,
                        grpc::ServerReader<v1::BulkLoadRequest>* reader,
                        v1::BulkLoadResponse* response) override;
  grpc::Status MergeOffenders(grpc::ServerContext* context,
                              const v1::MergeOffendersRequest* request,
                              v1::MergeOffendersResponse* response) override;
  grpc::Status UnmergeOffender(grpc::ServerContext* context,
                               const v1::UnmergeOffenderRequest* request,
                               v1::OffenderRecord* response) override;

  std::vector<size_t> chunk_sizes() const;
  std::vector<v1::AllocateManagerRequest> allocations() const;
  std::vector<v1::MergeOffendersRequest> merges() const;
  std::vector<v1::UnmergeOffenderRequest> unmerges() const;
  std::vector<std::string> principals() const;

 private:
  mutable absl::Mutex mu_;
  std::map<std::string, v1::OffenderRecord> offenders_ ABSL_GUARDED_BY(mu_);
  std::vector<size_t> chunk_sizes_ ABSL_GUARDED_BY(mu_);
  std::vector<v1::AllocateManagerRequest> allocations_ ABSL_GUARDED_BY(mu_);
  std::vector<v1::MergeOffendersRequest> merges_ ABSL_GUARDED_BY(mu_);
  std::vector<v1::UnmergeOffenderRequest> unmerges_ ABSL_GUARDED_BY(mu_);
  std::vector<std::string> principals_ ABSL_GUARDED_BY(mu_);
};

// Serves the alerts given to AddAlert. ListAlerts pages by page_size
// (default 2). Subscribe streams the alerts after the cursor, keeping at
// most max_in_flight unacknowledged, then ends the stream when
// set_end_streams(true) or otherwise waits until the client cancels.
class FakeInbox final : public v1::Inbox::Service {
 public:
  void AddAlert(v1::Alert alert);
  void set_end_streams(bool end);

  grpc::Status Subscribe(grpc::ServerContext* context, const v1::SubscribeRequest* request,
                         grpc::ServerWriter<v1::SubscribeResponse>* writer) override;
  grpc::Status ListAlerts(grpc::ServerContext* context, const v1::ListAlertsRequest* request,
                          v1::ListAlertsResponse* response) override;
  grpc::Status GetAlert(grpc::ServerContext* context, const v1::GetAlertRequest* request,
                        v1::Alert* response) override;
  grpc::Status Acknowledge(grpc::ServerContext* context, const v1::AcknowledgeRequest* request,
                           v1::AcknowledgeResponse* response) override;

  std::vector<std::string> acknowledged() const;
  std::vector<v1::ListAlertsRequest> list_requests() const;
  std::vector<v1::SubscribeRequest> subscribe_requests() const;
  std::vector<std::string> principals() const;
  // Blocks until `n` alerts have been written to subscribers.
  void WaitForDelivered(size_t n) const;

 private:
  bool WaitForRoom(grpc::ServerContext* context, uint32_t max_in_flight);

  mutable absl::Mutex mu_;
  std::vector<v1::Alert> alerts_ ABSL_GUARDED_BY(mu_);
  bool end_streams_ ABSL_GUARDED_BY(mu_) = false;
  std::vector<std::string> acknowledged_ ABSL_GUARDED_BY(mu_);
  std::set<std::string> delivered_ids_ ABSL_GUARDED_BY(mu_);
  size_t delivered_ ABSL_GUARDED_BY(mu_) = 0;
  std::vector<v1::ListAlertsRequest> list_requests_ ABSL_GUARDED_BY(mu_);
  std::vector<v1::SubscribeRequest> subscribe_requests_ ABSL_GUARDED_BY(mu_);
  std::vector<std::string> principals_ ABSL_GUARDED_BY(mu_);
};

// Serves the entries given to AddEntry, filtered by crn, in pages of
// page_size (default 2) with page tokens "page-<offset>".
class FakeAudit final : public v1::Audit::Service {
 public:
  void AddEntry(v1::AuditEntry entry);
  void set_verify_response(v1::VerifyChainResponse response);

  grpc::Status Query(grpc::ServerContext* context, const v1::AuditQueryRequest* request,
                     v1::AuditQueryResponse* response) override;
  grpc::Status VerifyChain(grpc::ServerContext* context, const v1::VerifyChainRequest* request,
                           v1::VerifyChainResponse* response) override;

  std::vector<v1::AuditQueryRequest> queries() const;
  std::vector<std::string> principals() const;

 private:
  mutable absl::Mutex mu_;
  std::vector<v1::AuditEntry> entries_ ABSL_GUARDED_BY(mu_);
  v1::VerifyChainResponse verify_ ABSL_GUARDED_BY(mu_);
  std::vector<v1::AuditQueryRequest> queries_ ABSL_GUARDED_BY(mu_);
  std::vector<std::string> principals_ ABSL_GUARDED_BY(mu_);
};

// The review queue (fake_review.cc), oldest first: N-R1 (REVIEW; candidates
// X1000001 and X1000002, with a full side-by-side detail), N-R2
// (SUSPICIOUS), N-R3 (CONFLICT) and N-R4 (REVIEW) open, then N-R5 already
// LINKED. ListReviews filters by state (unset = OPEN; none with
// all_states) and returns at most kMaxPageSize items a page, with page
// tokens "page-<offset>". GetReview: NOT_FOUND for an unknown id.
// ResolveReview: NOT_FOUND for an unknown id, FAILED_PRECONDITION unless the
// item is open, INVALID_ARGUMENT without an outcome or for a CRN that is not
// a candidate; otherwise resolves it as the caller's principal at
// kResolvedAt.
class FakeReview final : public v1::Review::Service {
 public:
  static constexpr uint32_t kMaxPageSize = 2;
  static constexpr int64_t kResolvedAt = 1795345200;  // 2026-11-22T11:00:00Z

  FakeReview();

  grpc::Status ListReviews(grpc::ServerContext* context, const v1::ListReviewsRequest* request,
                           v1::ListReviewsResponse* response) override;
  grpc::Status GetReview(grpc::ServerContext* context, const v1::GetReviewRequest* request,
                         v1::ReviewDetail* response) override;
  grpc::Status ResolveReview(grpc::ServerContext* context,
                             const v1::ResolveReviewRequest* request,
                             v1::ReviewItem* response) override;

  // The detail of `notification_id` as it is now; nullopt when unknown.
  std::optional<v1::ReviewDetail> detail(const std::string& notification_id) const;
  std::vector<v1::ListReviewsRequest> list_requests() const;
  // The last ResolveReview request received; nullopt before the first.
  std::optional<v1::ResolveReviewRequest> last_resolve() const;
  int resolve_calls() const;
  std::vector<std::string> principals() const;

 private:
  v1::ReviewDetail* Find(const std::string& notification_id) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  mutable absl::Mutex mu_;
  std::vector<v1::ReviewDetail> details_ ABSL_GUARDED_BY(mu_);
  std::vector<v1::ListReviewsRequest> list_requests_ ABSL_GUARDED_BY(mu_);
  std::optional<v1::ResolveReviewRequest> last_resolve_ ABSL_GUARDED_BY(mu_);
  int resolve_calls_ ABSL_GUARDED_BY(mu_) = 0;
  std::vector<std::string> principals_ ABSL_GUARDED_BY(mu_);
};

// The policy in force (fake_policy.cc): version kVersion from kOrigin.
// Explain answers Explanation() for any notification and CRN but
// "X404404" (NOT_FOUND). Reload answers kVersion -> kNextVersion, or
// INVALID_ARGUMENT with the report given to set_reload_refusal.
class FakePolicy final : public v1::Policy::Service {
 public:
  static constexpr char kVersion[] = "fake@0123456789abcdef";
  static constexpr char kNextVersion[] = "fake@fedcba9876543210";
  static constexpr char kOrigin[] = "/etc/liaison/policy.textproto";
  // Two rules (one fired), one delivery with a deadline and escalation.
  static v1::PolicyExplanation Explanation();

  grpc::Status Explain(grpc::ServerContext* context, const v1::ExplainPolicyRequest* request,
                       v1::PolicyExplanation* response) override;
  grpc::Status Reload(grpc::ServerContext* context, const v1::ReloadPolicyRequest* request,
                      v1::ReloadPolicyResponse* response) override;
  grpc::Status GetPolicy(grpc::ServerContext* context, const v1::GetPolicyRequest* request,
                         v1::PolicyInfo* response) override;

  // Empty: reloads succeed.
  void set_reload_refusal(std::string report);
  std::vector<v1::ExplainPolicyRequest> explain_requests() const;
  int reload_calls() const;
  std::vector<std::string> principals() const;

 private:
  mutable absl::Mutex mu_;
  std::string reload_refusal_ ABSL_GUARDED_BY(mu_);
  std::vector<v1::ExplainPolicyRequest> explain_requests_ ABSL_GUARDED_BY(mu_);
  int reload_calls_ ABSL_GUARDED_BY(mu_) = 0;
  std::vector<std::string> principals_ ABSL_GUARDED_BY(mu_);
};

// The six fakes on one server. Starts in the constructor; CHECK-fails
// (aborts) if the server cannot start.
class FakeBroker {
 public:
  FakeBroker();
  ~FakeBroker();

  // A connection as `liaisonctl --insecure-dev --principal=<principal>`.
  Connection Connect(const std::string& principal = "om-inbox") const;
  int port() const { return port_; }

  FakeIngest ingest;
  FakeRegistry registry;
  FakeInbox inbox;
  FakeAudit audit;
  FakeReview review;
  FakePolicy policy;

 private:
  std::unique_ptr<grpc::Server> server_;
  int port_ = 0;
};

}  // namespace liaison::ctl::testing

#endif  // LIAISON_BROKER_CTL_FAKE_BROKER_H_
