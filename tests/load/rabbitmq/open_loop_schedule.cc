#include "tests/load/rabbitmq/open_loop_schedule.h"

#include <algorithm>
#include <cmath>

namespace liaison::load::rabbitmq {

OpenLoopSchedule::OpenLoopSchedule(absl::Time start, double rate_per_s, int64_t total)
    : start_(start), interval_nanos_(1e9 / rate_per_s), total_(total) {}

absl::Time OpenLoopSchedule::IntendedTime(int64_t index) const {
  // Computed from the index, not accumulated, so rounding never drifts.
  return start_ + absl::Nanoseconds(static_cast<int64_t>(std::floor(index * interval_nanos_)));
}

int64_t OpenLoopSchedule::DueBy(absl::Time now) const {
  if (now < start_) return 0;
  const double elapsed = absl::ToDoubleNanoseconds(now - start_);
  int64_t due = std::clamp<int64_t>(static_cast<int64_t>(std::floor(elapsed / interval_nanos_)) + 1, 0, total_);
  // Floating point may be one off at the boundary: settle it exactly.
  while (due > 0 && IntendedTime(due - 1) > now) --due;
  while (due < total_ && IntendedTime(due) <= now) ++due;
  return due;
}

}  // namespace liaison::load::rabbitmq
