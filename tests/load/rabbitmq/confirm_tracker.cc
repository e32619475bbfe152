#include "tests/load/rabbitmq/confirm_tracker.h"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace liaison::load::rabbitmq {

uint64_t ConfirmTracker::Published(absl::Time intended) {
  const uint64_t tag = next_tag_++;
  pending_.emplace_hint(pending_.end(), tag, intended);
  return tag;
}

absl::StatusOr<int64_t> ConfirmTracker::Settle(uint64_t delivery_tag, bool multiple,
                                               absl::FunctionRef<void(absl::Time)> settled) {
  if (delivery_tag == 0 || delivery_tag >= next_tag_) {
    return absl::InvalidArgumentError(
        absl::StrCat("confirm for delivery tag ", delivery_tag, " but the last publish was ", last_tag()));
  }
  if (!multiple) {
    auto it = pending_.find(delivery_tag);
    if (it == pending_.end()) {
      return absl::InvalidArgumentError(
          absl::StrCat("confirm for delivery tag ", delivery_tag, " which is not outstanding (settled twice?)"));
    }
    settled(it->second);
    pending_.erase(it);
    return 1;
  }
  // multiple=true may legitimately settle nothing new: an earlier single
  // confirm can already have covered every tag up to this one.
  const auto end = pending_.upper_bound(delivery_tag);
  int64_t count = 0;
  for (auto it = pending_.begin(); it != end; ++it, ++count) settled(it->second);
  pending_.erase(pending_.begin(), end);
  return count;
}

}  // namespace liaison::load::rabbitmq
