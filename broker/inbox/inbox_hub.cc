#include "broker/inbox/inbox_hub.h"

#include <algorithm>

namespace liaison::inbox {

InboxHub::InboxHub(Clock* clock) : clock_(clock) {
  jump_listener_ = clock_->AddJumpListener([this] { WakeAll(); });
}

InboxHub::~InboxHub() { clock_->RemoveJumpListener(jump_listener_); }

InboxHub::Slot& InboxHub::SlotFor(const std::string& recipient_id) { return slots_[recipient_id]; }

void InboxHub::Notify(const std::string& recipient_id) {
  absl::MutexLock lock(&mu_);
  Slot& slot = SlotFor(recipient_id);
  ++slot.version;
  slot.cv.SignalAll();
}

void InboxHub::Notify(const std::vector<std::string>& recipient_ids) {
  for (const std::string& id : recipient_ids) Notify(id);
}

uint64_t InboxHub::Version(const std::string& recipient_id) {
  absl::MutexLock lock(&mu_);
  return SlotFor(recipient_id).version;
}

void InboxHub::Wait(const std::string& recipient_id, uint64_t seen, absl::Time deadline, absl::Duration max_wait) {
  absl::MutexLock lock(&mu_);
  Slot& slot = SlotFor(recipient_id);
  if (shutdown_ || slot.version != seen) return;
  const absl::Duration until_deadline = deadline - clock_->Now();
  if (until_deadline <= absl::ZeroDuration()) return;
  // The clock is read under mu_ and a jump's WakeAll needs mu_, so a jump
  // cannot slip in between this check and the wait.
  slot.cv.WaitWithTimeout(&mu_, std::min(until_deadline, max_wait));
}

void InboxHub::WakeAll() {
  absl::MutexLock lock(&mu_);
  for (auto& [id, slot] : slots_) slot.cv.SignalAll();
}

void InboxHub::Shutdown() {
  {
    absl::MutexLock lock(&mu_);
    shutdown_ = true;
  }
  WakeAll();
}

bool InboxHub::ShutDown() {
  absl::MutexLock lock(&mu_);
  return shutdown_;
}

}  // namespace liaison::inbox
