#ifndef LIAISON_BROKER_INBOX_INBOX_HUB_H_
#define LIAISON_BROKER_INBOX_INBOX_HUB_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/node_hash_map.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "broker/common/clock.h"

namespace liaison::inbox {

// Wakes subscriptions when something in their inbox changes (a new alert,
// an acknowledgement), when the clock jumps, or at shutdown. Each inbox has
// a version number; a waiter passes the version it saw and returns as soon
// as it differs. Thread-safe.
class InboxHub {
 public:
  // Registers for clock jumps; `clock` must outlive the hub.
  explicit InboxHub(Clock* clock);
  ~InboxHub();

  void Notify(const std::string& recipient_id);
  void Notify(const std::vector<std::string>& recipient_ids);
  uint64_t Version(const std::string& recipient_id);

  // Returns when the inbox's version is no longer `seen`, the clock reaches
  // `deadline`, `max_wait` of real time passes, the clock jumps, or the hub
  // is shut down; possibly earlier. Callers re-check their state and loop.
  void Wait(const std::string& recipient_id, uint64_t seen, absl::Time deadline, absl::Duration max_wait);

  // Wakes every waiter; ShutDown() is true from now on.
  void Shutdown();
  bool ShutDown();

 private:
  struct Slot {
    uint64_t version = 0;
    absl::CondVar cv;
  };
  Slot& SlotFor(const std::string& recipient_id) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void WakeAll();

  Clock* const clock_;
  uint64_t jump_listener_ = 0;
  absl::Mutex mu_;
  absl::node_hash_map<std::string, Slot> slots_ ABSL_GUARDED_BY(mu_);
  bool shutdown_ ABSL_GUARDED_BY(mu_) = false;
};

}  // namespace liaison::inbox

#endif  // LIAISON_BROKER_INBOX_INBOX_HUB_H_
