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
  if (!ReadSize(mallctl, "stats.allocated", &stats.allocated) || !ReadSize(mallctl, "stats.active", &stats.active) ||
      !ReadSize(mallctl, "stats.resident", &stats.resident) || !ReadSize(mallctl, "stats.retained", &stats.retained)) {
    return std::nullopt;
  }
  ssize_t decay_ms = 0;
  size_t decay_length = sizeof(decay_ms);
  if (mallctl("opt.dirty_decay_ms", &decay_ms, &decay_length, nullptr, 0) != 0) return std::nullopt;
  stats.dirty_decay_ms = decay_ms;
  return stats;
}

void AddAllocatorGauges(Registry* registry) {
  if (!ReadAllocatorStats().has_value()) return;
  constexpr absl::string_view kName = "liaison_heap_bytes";
  constexpr absl::string_view kHelp =
      "The allocator's (jemalloc's) account of the heap: bytes in live allocations (allocated), in pages holding "
      "them (active), resident (resident) and kept unmapped for reuse (retained).";
  Gauge* allocated = registry->AddGauge(kName, kHelp, {{"state", "allocated"}});
  Gauge* active = registry->AddGauge(kName, kHelp, {{"state", "active"}});
  Gauge* resident = registry->AddGauge(kName, kHelp, {{"state", "resident"}});
  Gauge* retained = registry->AddGauge(kName, kHelp, {{"state", "retained"}});
  // A setting, but one that moves resident memory (broker/allocator_conf.cc).
  registry->AddGauge("liaison_heap_dirty_decay_seconds",
                     "How long the allocator keeps freed pages before returning them to the kernel (jemalloc "
                     "opt.dirty_decay_ms; -1: never).",
                     {})
      ->Set(static_cast<double>(ReadAllocatorStats()->dirty_decay_ms) / 1000.0);
  registry->AddCollector([allocated, active, resident, retained] {
    const std::optional<AllocatorStats> stats = ReadAllocatorStats();
    if (!stats.has_value()) return;
    allocated->Set(static_cast<double>(stats->allocated));
    active->Set(static_cast<double>(stats->active));
    resident->Set(static_cast<double>(stats->resident));
    retained->Set(static_cast<double>(stats->retained));
  });
}

}  // namespace liaison::metrics
