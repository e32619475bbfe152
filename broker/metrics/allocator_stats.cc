#include "broker/metrics/allocator_stats.h"

#include <dlfcn.h>
#include <sys/types.h>

#include <cstddef>

namespace liaison::metrics {
namespace {

// jemalloc's control interface (man 3 jemalloc).
using MallctlFn = int (*)(const char* name, void* oldp, size_t* oldlenp, void* newp, size_t newlen);

MallctlFn Mallctl() {
  static const MallctlFn fn = reinterpret_cast<MallctlFn>(dlsym(RTLD_DEFAULT, "mallctl"));
  return fn;
}

bool ReadSize(MallctlFn mallctl, const char* name, uint64_t* out) {
  size_t value = 0;
  size_t length = sizeof(value);
  if (mallctl(name, &value, &length, nullptr, 0) != 0) return false;
  *out = value;
  return true;
}

}  // namespace

std::optional<AllocatorStats> ReadAllocatorStats() {
  const MallctlFn mallctl = Mallctl();
  if (mallctl == nullptr) return std::nullopt;
  // The totals are a snapshot taken when the epoch advances.
  uint64_t epoch = 1;
  size_t length = sizeof(epoch);
  if (mallctl("epoch", &epoch, &length, &epoch, sizeof(epoch)) != 0) return std::nullopt;
  AllocatorStats stats;
  // stats.arenas.4096: all arenas together (MALLCTL_ARENAS_ALL).
  if (!ReadSize(mallctl, "stats.allocated", &stats.allocated) ||
      !ReadSize(mallctl, "stats.arenas.4096.tcache_bytes", &stats.thread_cached) ||
      !ReadSize(mallctl, "stats.active", &stats.active) || !ReadSize(mallctl, "stats.resident", &stats.resident) ||
      !ReadSize(mallctl, "stats.retained", &stats.retained)) {
    return std::nullopt;
  }
  return stats;
}

std::optional<AllocatorSettings> ReadAllocatorSettings() {
  const MallctlFn mallctl = Mallctl();
  if (mallctl == nullptr) return std::nullopt;
  AllocatorSettings settings;
  ssize_t decay_ms = 0;
  size_t decay_length = sizeof(decay_ms);
  if (mallctl("opt.dirty_decay_ms", &decay_ms, &decay_length, nullptr, 0) != 0 ||
      !ReadSize(mallctl, "opt.tcache_max", &settings.thread_cache_max)) {
    return std::nullopt;
  }
  settings.dirty_decay_ms = decay_ms;
  return settings;
}

void AddAllocatorGauges(Registry* registry) {
  const std::optional<AllocatorSettings> settings = ReadAllocatorSettings();
  if (!settings.has_value() || !ReadAllocatorStats().has_value()) return;
  constexpr absl::string_view kName = "liaison_heap_bytes";
  constexpr absl::string_view kHelp =
      "The allocator's (jemalloc's) account of the heap: bytes in live allocations (allocated), of which freed "
      "objects held in threads' caches (thread_cached), in pages holding them (active), resident (resident) and "
      "kept unmapped for reuse (retained).";
  Gauge* allocated = registry->AddGauge(kName, kHelp, {{"state", "allocated"}});
  Gauge* thread_cached = registry->AddGauge(kName, kHelp, {{"state", "thread_cached"}});
  Gauge* active = registry->AddGauge(kName, kHelp, {{"state", "active"}});
  Gauge* resident = registry->AddGauge(kName, kHelp, {{"state", "resident"}});
  Gauge* retained = registry->AddGauge(kName, kHelp, {{"state", "retained"}});
  // Settings, but ones that move resident memory (broker/allocator_conf.cc).
  registry->AddGauge("liaison_heap_dirty_decay_seconds",
                     "How long the allocator keeps freed pages before returning them to the kernel (jemalloc "
                     "opt.dirty_decay_ms; -1: never).",
                     {})
      ->Set(static_cast<double>(settings->dirty_decay_ms) / 1000.0);
  registry->AddGauge("liaison_heap_thread_cache_max_bytes",
                     "The largest freed object a thread keeps in its own cache for reuse (jemalloc opt.tcache_max).", {})
      ->Set(static_cast<double>(settings->thread_cache_max));
  registry->AddCollector([allocated, thread_cached, active, resident, retained] {
    const std::optional<AllocatorStats> stats = ReadAllocatorStats();
    if (!stats.has_value()) return;
    allocated->Set(static_cast<double>(stats->allocated));
    thread_cached->Set(static_cast<double>(stats->thread_cached));
    active->Set(static_cast<double>(stats->active));
    resident->Set(static_cast<double>(stats->resident));
    retained->Set(static_cast<double>(stats->retained));
  });
}

}  // namespace liaison::metrics
