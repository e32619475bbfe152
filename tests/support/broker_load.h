#ifndef LIAISON_TESTS_SUPPORT_BROKER_LOAD_H_
#define LIAISON_TESTS_SUPPORT_BROKER_LOAD_H_

// Load for tests that drive the real broker: callouts about offenders the
// demo policy shares, concurrent submitters that record what the broker
// acknowledged, and a process's resident memory.

#include <sys/types.h>

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "grpcpp/channel.h"
#include "liaison/v1/ingest_service.grpc.pb.h"

namespace liaison::testing {

// An offender the demo policy shares domestic abuse callouts about with
// `manager` and `co_worker` (area N07, ADVP registration).
struct TestOffender {
  std::string crn;
  std::string pnc;
  std::string manager;
  std::string co_worker;
};

// The n-th of a family of distinct offenders with valid PNCs.
TestOffender NumberedOffender(int n, const std::string& manager, const std::string& co_worker);

// Upserts `offender` as the probation registry (a channel authenticated as
// probation-registry).
absl::Status UpsertOffender(const std::shared_ptr<grpc::Channel>& registry, const TestOffender& offender);

// A police domestic abuse callout about the person with `pnc` (about 1 KB);
// the same for the same arguments within one process.
v1::SubmitRequest Callout(const std::string& source_ref, const std::string& pnc);

// Ingest.Submit with a deadline.
grpc::Status SubmitWithDeadline(v1::Ingest::Stub& stub, const v1::SubmitRequest& request,
                                v1::SubmitResponse* response, absl::Duration deadline = absl::Seconds(20));

// VmRSS of `pid` in KiB from /proc; -1 when it cannot be read.
int64_t ResidentKib(pid_t pid);

// Concurrent submitters of callouts, each with its own source refs. A
// submitter stops at its first failed call (the broker is gone, full or
// shutting down); the ref it was sending is kept as unresolved, to be
// resubmitted. Thread-safe.
class SubmitLoad {
 public:
  struct Options {
    int submitters = 4;
    std::string ref_prefix = "LOAD";
    // Callouts name these PNCs in turn; every third names nobody known.
    std::vector<std::string> pncs;
    std::string unknown_pnc = "2012/0052494Q";
    // Per submitter; 0: as fast as the broker answers.
    double rate_per_second = 0;
    absl::Duration call_deadline = absl::Seconds(20);
    // Keep going after a failed call (the ref is still kept unresolved).
    bool continue_after_failure = false;
  };

  explicit SubmitLoad(Options options) : options_(std::move(options)) {}
  ~SubmitLoad() { Stop(); }

  // Starts the submitters on `channel` (authenticated as an adapter).
  void Start(const std::shared_ptr<grpc::Channel>& channel);
  // Stops the submitters and waits for them.
  void Stop();
  // Blocks until at least `n` submits in all have been acknowledged, every
  // submitter has stopped, or `timeout` passes; returns the count
  // acknowledged.
  size_t AwaitAcknowledged(size_t n, absl::Duration timeout = absl::InfiniteDuration());

  // Resubmits every unresolved ref on `channel` until the broker answers OK
  // (retrying a failed call at most `attempts` times); returns the first
  // error when one does not resolve.
  absl::Status ResolveUnresolved(const std::shared_ptr<grpc::Channel>& channel, int attempts = 50);

  // source ref -> notification id, for every acknowledged submit.
  std::map<std::string, std::string> acknowledged() const;
  size_t acknowledged_count() const;
  size_t unresolved_count() const;
  // Failed calls by status code name.
  std::map<std::string, int> failures() const;
  // The message of the last failed call.
  std::string last_failure() const;

 private:
  void Run(int index, std::shared_ptr<grpc::Channel> channel);
  std::string NextRef() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  v1::SubmitRequest RequestFor(const std::string& ref) const;
  void Record(const std::string& ref, const grpc::Status& status, const v1::SubmitResponse& response);

  const Options options_;
  std::atomic<bool> stop_{false};
  std::vector<std::thread> threads_;
  mutable absl::Mutex mu_;
  int next_ref_ ABSL_GUARDED_BY(mu_) = 0;
  int running_ ABSL_GUARDED_BY(mu_) = 0;
  std::map<std::string, std::string> acknowledged_ ABSL_GUARDED_BY(mu_);
  std::vector<std::string> unresolved_ ABSL_GUARDED_BY(mu_);
  std::map<std::string, int> failures_ ABSL_GUARDED_BY(mu_);
  std::string last_failure_ ABSL_GUARDED_BY(mu_);
};

}  // namespace liaison::testing

#endif  // LIAISON_TESTS_SUPPORT_BROKER_LOAD_H_
