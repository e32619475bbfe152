#ifndef LIAISON_BROKER_CTL_STREAM_CANCELLER_H_
#define LIAISON_BROKER_CTL_STREAM_CANCELLER_H_

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "grpcpp/client_context.h"

namespace liaison::ctl {

// Lets another thread (e.g. a Ctrl-C handler thread) stop a long-running
// streaming command. A command attaches its call's context while the call is
// open; Cancel() cancels the attached call, and a call attached after
// Cancel() is cancelled at once. Thread-safe.
class StreamCanceller {
 public:
  StreamCanceller() = default;
  StreamCanceller(const StreamCanceller&) = delete;
  StreamCanceller& operator=(const StreamCanceller&) = delete;

  // Cancels the attached call, if any, and every later one. Idempotent.
  void Cancel();
  // True once Cancel() has been called.
  bool cancelled() const;

  // Attaches `context` (which must outlive the matching Detach()); cancels it
  // immediately when Cancel() was already called.
  void Attach(grpc::ClientContext* context);
  void Detach();

 private:
  mutable absl::Mutex mu_;
  grpc::ClientContext* context_ ABSL_GUARDED_BY(mu_) = nullptr;
  bool cancelled_ ABSL_GUARDED_BY(mu_) = false;
};

}  // namespace liaison::ctl

#endif  // LIAISON_BROKER_CTL_STREAM_CANCELLER_H_
