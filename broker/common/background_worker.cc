#include "broker/common/background_worker.h"

#include <algorithm>

namespace liaison {

void BackgroundWorker::Start(absl::Duration poll) {
  absl::MutexLock lock(&mu_);
  if (thread_ != nullptr) return;
  stopping_ = false;
  jump_listener_ = clock_->AddJumpListener([this] { Wake(); });
  thread_ = std::make_unique<std::thread>([this, poll] { Loop(poll); });
}

void BackgroundWorker::Stop() {
  std::unique_ptr<std::thread> thread;
  uint64_t listener = 0;
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
    thread = std::move(thread_);
    listener = jump_listener_;
  }
  if (thread == nullptr) return;
  clock_->RemoveJumpListener(listener);
  thread->join();
}

void BackgroundWorker::Wake() {
  absl::MutexLock lock(&mu_);
  woken_ = true;
}

void BackgroundWorker::Loop(absl::Duration poll) {
  while (true) {
    const absl::Time next = round_();
    const absl::Duration wait =
        next == absl::InfiniteFuture() ? poll : std::clamp(next - clock_->Now(), absl::Milliseconds(10), poll);
    absl::MutexLock lock(&mu_);
    mu_.AwaitWithTimeout(absl::Condition(this, &BackgroundWorker::Woken), wait);
    if (stopping_) return;
    woken_ = false;
  }
}

}  // namespace liaison
