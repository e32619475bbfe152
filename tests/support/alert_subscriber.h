#ifndef LIAISON_TESTS_SUPPORT_ALERT_SUBSCRIBER_H_
#define LIAISON_TESTS_SUPPORT_ALERT_SUBSCRIBER_H_

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "grpcpp/channel.h"
#include "grpcpp/client_context.h"

namespace liaison::testing {

// Follows one recipient's inbox through broker restarts, as an inbox client
// would: subscribes, acknowledges each alert as it arrives, and when the
// stream ends resubscribes after the last sequence it received. Counts
// alerts received more than once (redeliveries). Thread-safe.
class AlertSubscriber {
 public:
  // The channel to the broker now, authenticated as an inbox principal;
  // null while there is none (the subscriber waits and asks again).
  using ChannelSource = std::function<std::shared_ptr<grpc::Channel>()>;

  // Starts after `after_sequence` (0: from the first alert). With
  // `pipelined_acks` each acknowledgement is sent without waiting for the
  // previous one to be answered (as a busy inbox client would), so a
  // subscriber keeps up with more than one durable commit per round trip;
  // without, it waits for each answer before reading on.
  AlertSubscriber(ChannelSource source, std::string recipient_id, uint64_t after_sequence = 0,
                  bool pipelined_acks = false);
  ~AlertSubscriber() { Stop(); }

  const std::string& recipient_id() const { return recipient_id_; }

  // Ends the current stream and the subscriber; idempotent.
  void Stop();

  // Blocks until every id in `alert_ids` has been received or `timeout`
  // passes; returns the ids still missing. Cheap for large sets: the
  // subscriber's thread never evaluates more than a size comparison.
  std::vector<std::string> AwaitAll(const std::set<std::string>& alert_ids, absl::Duration timeout);

  // Ids received at least once, with their sequence.
  std::map<std::string, uint64_t> received() const;
  // Alerts received again after their first receipt.
  uint64_t duplicates() const;
  // Streams opened (the first and each resubscription).
  int streams() const;
  // Times from alerts' creation to their first receipt, in order.
  std::vector<absl::Duration> delivery_latencies() const;

 private:
  void Run();
  void Follow(const std::shared_ptr<grpc::Channel>& channel);
  void Receive(const std::string& alert_id, uint64_t sequence, absl::Time created_at);

  const ChannelSource source_;
  const std::string recipient_id_;
  const bool pipelined_acks_;
  mutable absl::Mutex mu_;
  bool stop_ ABSL_GUARDED_BY(mu_) = false;
  grpc::ClientContext* stream_ ABSL_GUARDED_BY(mu_) = nullptr;
  uint64_t cursor_ ABSL_GUARDED_BY(mu_) = 0;
  std::map<std::string, uint64_t> received_ ABSL_GUARDED_BY(mu_);
  uint64_t duplicates_ ABSL_GUARDED_BY(mu_) = 0;
  int streams_ ABSL_GUARDED_BY(mu_) = 0;
  std::vector<absl::Duration> latencies_ ABSL_GUARDED_BY(mu_);
  int acks_in_flight_ ABSL_GUARDED_BY(mu_) = 0;
  std::thread thread_;
};

}  // namespace liaison::testing

#endif  // LIAISON_TESTS_SUPPORT_ALERT_SUBSCRIBER_H_
