#ifndef LIAISON_TESTS_LOAD_RABBITMQ_BENCH_MESSAGE_H_
#define LIAISON_TESTS_LOAD_RABBITMQ_BENCH_MESSAGE_H_

#include <cstddef>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace liaison::load::rabbitmq {

// The body of a benchmark message: a 4-byte magic, the intended send time
// (Unix nanoseconds, little-endian int64) and filler up to the message size,
// so a consumer measures end-to-end latency from the same intended time the
// publisher's confirm latency uses.
inline constexpr size_t kBenchHeaderBytes = 12;

// A body of `size` bytes (at least kBenchHeaderBytes) with the time unset.
std::string MakeBenchBody(size_t size);
// Writes `intended` into `body`. REQUIRES: body came from MakeBenchBody.
void StampIntendedTime(std::string& body, absl::Time intended);
// The intended time in `body`; INVALID_ARGUMENT if it is too short or lacks
// the magic (not a benchmark message).
absl::StatusOr<absl::Time> ReadIntendedTime(absl::string_view body);

}  // namespace liaison::load::rabbitmq

#endif  // LIAISON_TESTS_LOAD_RABBITMQ_BENCH_MESSAGE_H_
