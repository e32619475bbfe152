#ifndef LIAISON_BROKER_METRICS_ALLOCATOR_STATS_H_
#define LIAISON_BROKER_METRICS_ALLOCATOR_STATS_H_

// The memory allocator's own account of the heap, for telling live data
// from memory the allocator holds for reuse when resident memory moves.
// The broker links jemalloc (broker/CMakeLists.txt); its counters are read
// through mallctl, found at run time, so a build without jemalloc
// (sanitizers, or libjemalloc-dev missing) simply has none.

#include <cstdint>
#include <optional>

#include "broker/metrics/registry.h"

namespace liaison::metrics {

struct AllocatorStats {
  uint64_t allocated = 0;  // bytes in live allocations
  // Of `allocated`, bytes the program has freed that sit in threads' caches
  // for the same thread's next allocation of that size: jemalloc counts them
  // as allocated until the cache gives them back to its arena.
  uint64_t thread_cached = 0;
  uint64_t active = 0;    // bytes in pages holding live allocations
  uint64_t resident = 0;  // bytes of the allocator's pages that are resident
  uint64_t retained = 0;  // bytes of virtual memory kept unmapped for reuse
};

// jemalloc's current totals (refreshed on each call); nullopt when the
// process does not run on jemalloc.
std::optional<AllocatorStats> ReadAllocatorStats();

// The options that move resident memory (broker/allocator_conf.cc), as
// jemalloc took them; fixed for the process's life.
struct AllocatorSettings {
  // How long freed pages are kept before they go back to the kernel
  // (opt.dirty_decay_ms; -1: never).
  int64_t dirty_decay_ms = 0;
  // The largest freed object a thread keeps in its own cache (opt.tcache_max).
  uint64_t thread_cache_max = 0;
};
std::optional<AllocatorSettings> ReadAllocatorSettings();

// liaison_heap_bytes{state=allocated|thread_cached|active|resident|retained},
// read at each scrape, and the settings as liaison_heap_dirty_decay_seconds
// and liaison_heap_thread_cache_max_bytes; registers nothing without
// jemalloc.
void AddAllocatorGauges(Registry* registry);

}  // namespace liaison::metrics

#endif  // LIAISON_BROKER_METRICS_ALLOCATOR_STATS_H_
