#ifndef LIAISON_BROKER_MATCHING_BENCH_PROCESS_STATS_H_
#define LIAISON_BROKER_MATCHING_BENCH_PROCESS_STATS_H_

// What the benchmark reads about its own process and its data directory
// (Linux /proc). Thread-safe.

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"

namespace liaison::matching::bench {

struct MemorySnapshot {
  // VmRSS: resident now.
  uint64_t rss_bytes = 0;
  // VmHWM: the peak resident size since the last ResetPeakResident (or
  // since the process started).
  uint64_t peak_bytes = 0;
};

// Reads VmRSS and VmHWM from /proc/self/status. UNAVAILABLE when the file
// cannot be read or lacks either line.
absl::StatusOr<MemorySnapshot> ReadMemory();

// Returns heap the allocator holds but no longer uses to the system
// (malloc_trim), so VmRSS shows what is live.
void TrimHeap();

// TrimHeap, then resets VmHWM to the current VmRSS (writes "5" to
// /proc/self/clear_refs), so the next peak belongs to what runs next.
// UNAVAILABLE when the kernel refuses the reset.
absl::Status ResetPeakResident();

// Bytes allocated on disk to the regular files under `path` (as du counts
// them). UNAVAILABLE when the tree cannot be walked.
absl::StatusOr<uint64_t> DiskUsage(const std::string& path);

}  // namespace liaison::matching::bench

#endif  // LIAISON_BROKER_MATCHING_BENCH_PROCESS_STATS_H_
