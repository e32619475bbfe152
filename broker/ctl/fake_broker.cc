#include "broker/ctl/fake_broker.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "grpcpp/security/server_credentials.h"
#include "grpcpp/server_builder.h"
#include "gtest/gtest.h"

namespace liaison::ctl::testing {

std::string PrincipalOf(const grpc::ServerContext* context) {
  const auto& metadata = context->client_metadata();
  const auto it = metadata.find(kPrincipalHeader);
  if (it == metadata.end()) return "";
  return std::string(it->second.data(), it->second.size());
}

namespace {

// The directories WriteTestFile made, removed when the test process exits
// (the test temporary directory is /tmp itself unless TEST_TMPDIR is set).
class TestFileDirs {
 public:
  ~TestFileDirs() {
    for (const std::filesystem::path& dir : dirs_) {
      std::error_code ignored;
      std::filesystem::remove_all(dir, ignored);
    }
  }
  std::filesystem::path Next() {
    absl::MutexLock lock(&mu_);
    dirs_.push_back(std::filesystem::path(::testing::TempDir()) /
                    absl::StrCat("liaisonctl_", getpid(), "_", dirs_.size() + 1));
    return dirs_.back();
  }

 private:
  absl::Mutex mu_;
  std::vector<std::filesystem::path> dirs_;
};

}  // namespace

std::string WriteTestFile(absl::string_view name, absl::string_view content) {
  static TestFileDirs dirs;
  const std::filesystem::path dir = dirs.Next();
  std::filesystem::create_directories(dir);
  const std::filesystem::path path = dir / std::string(name);
  std::ofstream(path, std::ios::binary) << content;
  return path.string();
}

// ---------------------------------------------------------------- Ingest --

v1::SubmitBatchResult FakeIngest::Accept(const v1::Notification& notification) {
  v1::SubmitBatchResult result;
  if (absl::StartsWith(notification.source_ref(), "reject")) {
    result.set_code(grpc::StatusCode::INVALID_ARGUMENT);
    result.set_message("subject: an identifier or a name is required");
    return result;
  }
  received_.push_back(notification);
  const auto [it, inserted] = ids_by_ref_.try_emplace(notification.source_ref(),
                                                      absl::StrCat("N-", ids_by_ref_.size() + 1));
  result.set_notification_id(it->second);
  result.set_duplicate(!inserted);
  return result;
}

grpc::Status FakeIngest::Submit(grpc::ServerContext* context, const v1::SubmitRequest* request,
                                v1::SubmitResponse* response) {
  absl::MutexLock lock(&mu_);
  ++submit_calls_;
  principals_.push_back(PrincipalOf(context));
  const v1::SubmitBatchResult result = Accept(request->notification());
  if (result.code() != 0) {
    return grpc::Status(static_cast<grpc::StatusCode>(result.code()), result.message());
  }
  response->set_notification_id(result.notification_id());
  response->set_duplicate(result.duplicate());
  return grpc::Status::OK;
}

grpc::Status FakeIngest::SubmitBatch(grpc::ServerContext* context,
                                     const v1::SubmitBatchRequest* request,
                                     v1::SubmitBatchResponse* response) {
  absl::MutexLock lock(&mu_);
  ++batch_calls_;
  principals_.push_back(PrincipalOf(context));
  for (const v1::Notification& notification : request->notifications()) {
    *response->add_results() = Accept(notification);
  }
  return grpc::Status::OK;
}

std::vector<v1::Notification> FakeIngest::received() const {
  absl::MutexLock lock(&mu_);
  return received_;
}

int FakeIngest::submit_calls() const {
  absl::MutexLock lock(&mu_);
  return submit_calls_;
}

int FakeIngest::batch_calls() const {
  absl::MutexLock lock(&mu_);
  return batch_calls_;
}

std::vector<std::string> FakeIngest::principals() const {
  absl::MutexLock lock(&mu_);
  return principals_;
}

// -------------------------------------------------------------- Registry --

void FakeRegistry::AddOffender(v1::OffenderRecord offender) {
  absl::MutexLock lock(&mu_);
  offenders_[offender.crn()] = std::move(offender);
}

grpc::Status FakeRegistry::GetOffender(grpc::ServerContext* context,
                                       const v1::GetOffenderRequest* request,
                                       v1::OffenderRecord* response) {
  absl::MutexLock lock(&mu_);
  principals_.push_back(PrincipalOf(context));
  const auto it = offenders_.find(request->crn());
  if (it == offenders_.end()) return grpc::Status(grpc::StatusCode::NOT_FOUND, "no such offender");
  *response = it->second;
  return grpc::Status::OK;
}

grpc::Status FakeRegistry::AllocateManager(grpc::ServerContext* context,
                                           const v1::AllocateManagerRequest* request,
                                           v1::OffenderRecord* response) {
  absl::MutexLock lock(&mu_);
  principals_.push_back(PrincipalOf(context));
  allocations_.push_back(*request);
  const auto it = offenders_.find(request->crn());
  if (it == offenders_.end()) return grpc::Status(grpc::StatusCode::NOT_FOUND, "no such offender");
  *it->second.mutable_offender_manager() = request->offender_manager();
  if (!request->team_code().empty()) it->second.set_team_code(request->team_code());
  *response = it->second;
  return grpc::Status::OK;
}

grpc::Status FakeRegistry::BulkLoad(grpc::ServerContext* context,
                                    grpc::ServerReader<v1::BulkLoadRequest>* reader,
                                    v1::BulkLoadResponse* response) {
  {
    absl::MutexLock lock(&mu_);
    principals_.push_back(PrincipalOf(context));
  }
  uint64_t position = 0;
  v1::BulkLoadRequest chunk;
  while (reader->Read(&chunk)) {
    absl::MutexLock lock(&mu_);
    chunk_sizes_.push_back(static_cast<size_t>(chunk.offenders_size()));
    for (const v1::OffenderRecord& offender : chunk.offenders()) {
      if (absl::StartsWith(offender.crn(), "BAD")) {
        v1::BulkLoadError* error = response->add_errors();
        error->set_index(position);
        error->set_code(grpc::StatusCode::INVALID_ARGUMENT);
        error->set_message("crn: not a valid CRN");
        response->set_rejected(response->rejected() + 1);
      } else {
        offenders_[offender.crn()] = offender;
        response->set_loaded(response->loaded() + 1);
      }
      ++position;
    }
  }
  return grpc::Status::OK;
}

grpc::Status FakeRegistry::MergeOffenders(grpc::ServerContext* context,
                                          const v1::MergeOffendersRequest* request,
                                          v1::MergeOffendersResponse* response) {
  absl::MutexLock lock(&mu_);
  principals_.push_back(PrincipalOf(context));
  merges_.push_back(*request);
  const auto merged = offenders_.find(request->merged_crn());
  const auto surviving = offenders_.find(request->surviving_crn());
  if (merged == offenders_.end() || surviving == offenders_.end()) {
    return grpc::Status(grpc::StatusCode::NOT_FOUND, "no such offender");
  }
  if (merged == surviving) {
    return grpc::Status(grpc::StatusCode::FAILED_PRECONDITION, "cannot merge a record into itself");
  }
  if (!merged->second.merged_into().empty() || !surviving->second.merged_into().empty()) {
    return grpc::Status(grpc::StatusCode::FAILED_PRECONDITION, "already merged");
  }
  merged->second.set_merged_into(request->surviving_crn());
  *response->mutable_merged() = merged->second;
  *response->mutable_surviving() = surviving->second;
  return grpc::Status::OK;
}

grpc::Status FakeRegistry::UnmergeOffender(grpc::ServerContext* context,
                                           const v1::UnmergeOffenderRequest* request,
                                           v1::OffenderRecord* response) {
  absl::MutexLock lock(&mu_);
  principals_.push_back(PrincipalOf(context));
  unmerges_.push_back(*request);
  const auto it = offenders_.find(request->merged_crn());
  if (it == offenders_.end()) return grpc::Status(grpc::StatusCode::NOT_FOUND, "no such offender");
  if (it->second.merged_into().empty()) {
    return grpc::Status(grpc::StatusCode::FAILED_PRECONDITION, "the record is not merged");
  }
  it->second.clear_merged_into();
  *response = it->second;
  return grpc::Status::OK;
}

std::vector<size_t> FakeRegistry::chunk_sizes() const {
  absl::MutexLock lock(&mu_);
  return chunk_sizes_;
}

std::vector<v1::AllocateManagerRequest> FakeRegistry::allocations() const {
  absl::MutexLock lock(&mu_);
  return allocations_;
}

std::vector<v1::MergeOffendersRequest> FakeRegistry::merges() const {
  absl::MutexLock lock(&mu_);
  return merges_;
}

std::vector<v1::UnmergeOffenderRequest> FakeRegistry::unmerges() const {
  absl::MutexLock lock(&mu_);
  return unmerges_;
}

std::vector<std::string> FakeRegistry::principals() const {
  absl::MutexLock lock(&mu_);
  return principals_;
}

// ----------------------------------------------------------------- Audit --

void FakeAudit::AddEntry(v1::AuditEntry entry) {
  absl::MutexLock lock(&mu_);
  entries_.push_back(std::move(entry));
}

void FakeAudit::set_verify_response(v1::VerifyChainResponse response) {
  absl::MutexLock lock(&mu_);
  verify_ = std::move(response);
}

grpc::Status FakeAudit::Query(grpc::ServerContext* context, const v1::AuditQueryRequest* request,
                              v1::AuditQueryResponse* response) {
  absl::MutexLock lock(&mu_);
  principals_.push_back(PrincipalOf(context));
  queries_.push_back(*request);
  std::vector<const v1::AuditEntry*> matching;
  for (const v1::AuditEntry& entry : entries_) {
    if (request->crn().empty() || entry.crn() == request->crn()) matching.push_back(&entry);
  }
  size_t offset = 0;
  absl::string_view token = request->page_token();
  if (!token.empty() &&
      !(absl::ConsumePrefix(&token, "page-") && absl::SimpleAtoi(token, &offset))) {
    return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "bad page token");
  }
  const size_t size = request->page_size() == 0 ? 2 : request->page_size();
  for (size_t i = offset; i < std::min(matching.size(), offset + size); ++i) {
    *response->add_entries() = *matching[i];
  }
  if (offset + size < matching.size()) {
    response->set_next_page_token(absl::StrCat("page-", offset + size));
  }
  return grpc::Status::OK;
}

grpc::Status FakeAudit::VerifyChain(grpc::ServerContext* context,
                                    const v1::VerifyChainRequest* request,
                                    v1::VerifyChainResponse* response) {
  absl::MutexLock lock(&mu_);
  principals_.push_back(PrincipalOf(context));
  *response = verify_;
  return grpc::Status::OK;
}

std::vector<v1::AuditQueryRequest> FakeAudit::queries() const {
  absl::MutexLock lock(&mu_);
  return queries_;
}

std::vector<std::string> FakeAudit::principals() const {
  absl::MutexLock lock(&mu_);
  return principals_;
}

// ---------------------------------------------------------------- Broker --

FakeBroker::FakeBroker() {
  grpc::ServerBuilder builder;
  builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port_);
  builder.RegisterService(&ingest);
  builder.RegisterService(&registry);
  builder.RegisterService(&inbox);
  builder.RegisterService(&audit);
  builder.RegisterService(&review);
  builder.RegisterService(&policy);
  server_ = builder.BuildAndStart();
  if (server_ == nullptr || port_ == 0) {
    std::cerr << "FakeBroker: cannot start the gRPC server\n";
    std::abort();
  }
}

FakeBroker::~FakeBroker() {
  server_->Shutdown(std::chrono::system_clock::now() + std::chrono::seconds(1));
}

Connection FakeBroker::Connect(const std::string& principal) const {
  ConnectionOptions options;
  options.target = absl::StrCat("127.0.0.1:", port_);
  options.insecure_dev = true;
  options.principal = principal;
  options.timeout = absl::Seconds(10);
  absl::StatusOr<Connection> connection = Connection::Dial(options);
  if (!connection.ok()) {
    std::cerr << "FakeBroker: " << connection.status() << "\n";
    std::abort();
  }
  return *connection;
}

}  // namespace liaison::ctl::testing
