#ifndef LIAISON_TESTS_LOAD_RABBITMQ_OPEN_LOOP_SCHEDULE_H_
#define LIAISON_TESTS_LOAD_RABBITMQ_OPEN_LOOP_SCHEDULE_H_

#include <cstdint>

#include "absl/time/time.h"

namespace liaison::load::rabbitmq {

// The intended send times of an open-loop load at a fixed rate: send i
// (0-based) is due at start + i / rate, whatever happened to earlier sends,
// so a slow broker makes later sends late (and their latency, measured from
// the intended time, shows it) instead of making the generator slow down
// (coordinated omission). Immutable; thread-compatible.
class OpenLoopSchedule {
 public:
  // REQUIRES: rate_per_s > 0, total >= 0.
  OpenLoopSchedule(absl::Time start, double rate_per_s, int64_t total);

  // When send `index` is due. REQUIRES: 0 <= index < total().
  absl::Time IntendedTime(int64_t index) const;
  // How many sends are due at `now`: the indices 0..n-1 whose intended time
  // is <= now, capped at total().
  int64_t DueBy(absl::Time now) const;

  int64_t total() const { return total_; }

 private:
  absl::Time start_;
  double interval_nanos_;
  int64_t total_;
};

}  // namespace liaison::load::rabbitmq

#endif  // LIAISON_TESTS_LOAD_RABBITMQ_OPEN_LOOP_SCHEDULE_H_
