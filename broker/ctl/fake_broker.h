#ifndef LIAISON_BROKER_CTL_FAKE_BROKER_H_
#define LIAISON_BROKER_CTL_FAKE_BROKER_H_

// Test-only: an in-process fake of the broker's four services on a real
// gRPC server (127.0.0.1, port 0, plaintext), recording what liaisonctl's
// commands send. Each fake is thread-safe.

#include <cstdint>
#include <map>
#include <memory>
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
#include "liaison/v1/registry_service.grpc.pb.h"

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
class FakeRegistry final : public v1::Registry::Service {
 public:
  grpc::Status GetOffender(grpc::ServerContext* context, const v1::GetOffenderRequest* request,
                           v1::OffenderRecord* response) override;
  grpc::Status AllocateManager(grpc::ServerContext* context,
                               const v1::AllocateManagerRequest* request,
                               v1::OffenderRecord* response) override;
  grpc::Status BulkLoad(grpc::ServerContext* context,
                        grpc::ServerReader<v1::BulkLoadRequest>* reader,
                        v1::BulkLoadResponse* response) override;

  std::vector<size_t> chunk_sizes() const;
  std::vector<v1::AllocateManagerRequest> allocations() const;
  std::vector<std::string> principals() const;

 private:
  mutable absl::Mutex mu_;
  std::map<std::string, v1::OffenderRecord> offenders_ ABSL_GUARDED_BY(mu_);
  std::vector<size_t> chunk_sizes_ ABSL_GUARDED_BY(mu_);
  std::vector<v1::AllocateManagerRequest> allocations_ ABSL_GUARDED_BY(mu_);
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

// The four fakes on one server. Starts in the constructor; CHECK-fails
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

 private:
  std::unique_ptr<grpc::Server> server_;
  int port_ = 0;
};

}  // namespace liaison::ctl::testing

#endif  // LIAISON_BROKER_CTL_FAKE_BROKER_H_
