#ifndef LIAISON_TESTS_LOAD_RABBITMQ_PROC_STATS_H_
#define LIAISON_TESTS_LOAD_RABBITMQ_PROC_STATS_H_

#include <cstdint>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace liaison::load::rabbitmq {

// A server process's resource use, read from /proc.
struct ProcStats {
  absl::Duration cpu;        // user + system time so far
  int64_t peak_rss_bytes;    // VmHWM
};

// Reads /proc/PID/stat and /proc/PID/status. NOT_FOUND if the process does
// not exist; INVALID_ARGUMENT if a file does not parse.
absl::StatusOr<ProcStats> ReadProcStats(int64_t pid);

// utime + stime in clock ticks from the text of /proc/PID/stat (fields 14
// and 15, counted after the parenthesised command, which may hold spaces).
absl::StatusOr<int64_t> ParseCpuTicks(absl::string_view stat);
// VmHWM in bytes from the text of /proc/PID/status.
absl::StatusOr<int64_t> ParsePeakRssBytes(absl::string_view status);

}  // namespace liaison::load::rabbitmq

#endif  // LIAISON_TESTS_LOAD_RABBITMQ_PROC_STATS_H_
