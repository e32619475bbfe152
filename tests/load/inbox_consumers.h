#ifndef LIAISON_TESTS_LOAD_INBOX_CONSUMERS_H_
#define LIAISON_TESTS_LOAD_INBOX_CONSUMERS_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "liaison/v1/inbox_service.grpc.pb.h"
#include "tests/load/latency_histogram.h"
#include "tests/load/transport.h"

namespace liaison::load {

// Subscribed inboxes: one Inbox.Subscribe stream per recipient (gRPC
// callback API), acknowledging every alert as it arrives and recording the
// end-to-end latency from the intended send time carried in the alert's
// source_ref (EncodeSourceRef). Alerts of other runs are acknowledged but
// not counted. Thread-safe.
class InboxConsumers {
 public:
  struct Inbox {
    std::string principal;  // certificate / principal name, e.g. "om-inbox"
    std::string recipient_id;
  };
  InboxConsumers(Transport transport, std::string run_id, const std::vector<Inbox>& inboxes);
  // Cancels the streams and waits for them to end.
  ~InboxConsumers();

  // Alerts of this run received (first delivery of each alert id).
  uint64_t delivered() const;
  // Alerts of other runs (e.g. the warm-up's) received, acknowledged, not timed.
  uint64_t other_runs() const;
  // Redeliveries of an alert already received, and failed acknowledgements.
  uint64_t duplicates() const;
  uint64_t ack_errors() const;
  // Streams that ended with an error before the destructor cancelled them.
  uint64_t stream_errors() const;
  LatencyHistogram e2e_latency() const;

  // Waits until delivered() >= count; false on timeout.
  bool WaitForDelivered(uint64_t count, absl::Duration timeout) const;
  // Clears the counters and histogram (after a warm-up).
  void Reset();

 private:
  class Reader;
  // Counts `alert`; called before its acknowledgement is sent.
  void OnAlert(const v1::Alert& alert);
  void OnAckDone(bool ok);
  void OnStreamDone(bool cancelled, bool ok);

  const Transport transport_;
  const std::string run_id_;
  std::vector<std::shared_ptr<grpc::Channel>> channels_;
  std::vector<std::unique_ptr<v1::Inbox::Stub>> stubs_;
  std::vector<std::unique_ptr<Reader>> readers_;
  mutable absl::Mutex mu_;
  absl::flat_hash_set<std::string> seen_ ABSL_GUARDED_BY(mu_);
  uint64_t delivered_ ABSL_GUARDED_BY(mu_) = 0;
  uint64_t duplicates_ ABSL_GUARDED_BY(mu_) = 0;
  uint64_t other_runs_ ABSL_GUARDED_BY(mu_) = 0;
  uint64_t ack_errors_ ABSL_GUARDED_BY(mu_) = 0;
  uint64_t stream_errors_ ABSL_GUARDED_BY(mu_) = 0;
  int open_streams_ ABSL_GUARDED_BY(mu_) = 0;
  int pending_acks_ ABSL_GUARDED_BY(mu_) = 0;
  LatencyHistogram e2e_ ABSL_GUARDED_BY(mu_);
};

}  // namespace liaison::load

#endif  // LIAISON_TESTS_LOAD_INBOX_CONSUMERS_H_
