#include "tests/load/submit_driver.h"

#include <memory>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "liaison/v1/ingest_service.grpc.pb.h"

namespace liaison::load {
namespace {

// One run's shared state; calls complete on gRPC's callback threads.
class SubmitRun {
 public:
  explicit SubmitRun(const SubmitOptions& options) : options_(options) {
    for (int i = 0; i < std::max(1, options.channels); ++i) {
      stubs_.push_back(v1::Ingest::NewStub(MakeChannel(options.transport, options.principal, i)));
    }
  }

  SubmitStats Run() {
    start_ = absl::Now();
    end_ = start_ + options_.duration;
    if (options_.rate > 0) {
      RunFixedRate();
    } else {
      RunClosedLoop();
    }
    absl::MutexLock lock(&mu_);
    mu_.Await(absl::Condition(
        +[](SubmitRun* self) ABSL_EXCLUSIVE_LOCKS_REQUIRED(self->mu_) { return self->in_flight_ == 0; }, this));
    stats_.elapsed = last_done_ - start_;
    return stats_;
  }

 private:
  struct Call {
    grpc::ClientContext context;
    v1::SubmitRequest request;
    v1::SubmitResponse response;
    absl::Time intended;
  };

  void RunFixedRate() {
    const absl::Duration interval = absl::Seconds(1) / options_.rate;
    for (uint64_t i = 0;; ++i) {
      const absl::Time intended = start_ + interval * static_cast<double>(i);
      if (intended >= end_) break;
      for (absl::Duration wait = intended - absl::Now(); wait > absl::ZeroDuration(); wait = intended - absl::Now()) {
        if (wait > absl::Microseconds(200)) absl::SleepFor(wait - absl::Microseconds(100));
      }
      {
        absl::MutexLock lock(&mu_);
        if (in_flight_ >= options_.concurrency) {
          ++stats_.dropped;
          continue;
        }
      }
      Issue(intended);
    }
  }

  // Keeps `concurrency` calls outstanding (and may_send satisfied) until the end.
  void RunClosedLoop() ABSL_NO_THREAD_SAFETY_ANALYSIS {
    mu_.Lock();
    while (absl::Now() < end_) {
      if (in_flight_ < options_.concurrency && (!options_.may_send || options_.may_send(stats_.acked))) {
        mu_.Unlock();
        Issue(absl::Now());
        mu_.Lock();
        continue;
      }
      done_.WaitWithTimeout(&mu_, absl::Milliseconds(1));
    }
    mu_.Unlock();
  }

  // Sends one call whose latency counts from `intended`.
  void Issue(absl::Time intended) {
    auto* call = new Call;
    uint64_t sequence;
    {
      absl::MutexLock lock(&mu_);
      sequence = next_sequence_++;
      ++in_flight_;
      ++stats_.sent;
    }
    *call->request.mutable_notification() = options_.factory->Template(sequence);
    call->request.mutable_notification()->set_source_ref(EncodeSourceRef(options_.run_id, sequence, intended));
    if (sequence == 0) {
      const auto bytes = static_cast<int64_t>(call->request.ByteSizeLong());
      absl::MutexLock lock(&mu_);
      stats_.message_bytes = bytes;
    }
    call->intended = intended;
    SetPrincipal(options_.transport, options_.principal, &call->context);
    call->context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(30)));
    stubs_[sequence % stubs_.size()]->async()->Submit(&call->context, &call->request, &call->response,
                                                      [this, call](grpc::Status status) { Done(call, status); });
  }

  // The call is freed before the run learns of its end: once in_flight_
  // reaches zero the run (its stubs, mutex and condition) may be destroyed.
  void Done(Call* call, const grpc::Status& status) {
    const absl::Time now = absl::Now();
    const absl::Time intended = call->intended;
    delete call;
    absl::MutexLock lock(&mu_);
    if (status.ok()) {
      ++stats_.acked;
      stats_.ack_latency.Record(now - intended);
    } else {
      ++stats_.errors;
      if (stats_.first_error.empty()) {
        stats_.first_error = absl::StrCat(static_cast<int>(status.error_code()), ": ", status.error_message());
      }
    }
    last_done_ = std::max(last_done_, now);
    --in_flight_;
    done_.Signal();
  }

  const SubmitOptions& options_;
  std::vector<std::unique_ptr<v1::Ingest::Stub>> stubs_;
  absl::Time start_;
  absl::Time end_;
  absl::Mutex mu_;
  absl::CondVar done_;
  uint64_t next_sequence_ ABSL_GUARDED_BY(mu_) = 0;
  int in_flight_ ABSL_GUARDED_BY(mu_) = 0;
  absl::Time last_done_ ABSL_GUARDED_BY(mu_);
  SubmitStats stats_ ABSL_GUARDED_BY(mu_);
};

}  // namespace

SubmitStats RunSubmits(const SubmitOptions& options) {
  SubmitRun run(options);
  return run.Run();
}

}  // namespace liaison::load
