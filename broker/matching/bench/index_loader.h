#ifndef LIAISON_BROKER_MATCHING_BENCH_INDEX_LOADER_H_
#define LIAISON_BROKER_MATCHING_BENCH_INDEX_LOADER_H_

// Fills an offender index with synthetic people through the registry's bulk
// load, in the chunks the Registry.BulkLoad RPC uses, as a probation
// registry would. Not thread-safe (one load at a time per registry).

#include <cstdint>
#include <ostream>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "broker/registry/registry.h"
#include "broker/synth/population.h"

namespace liaison::matching::bench {

struct LoadStats {
  int64_t records = 0;
  // Records the registry refused (validation, duplicate identifiers).
  int64_t rejected = 0;
  // Monotonic wall time for the whole load, and the part spent inside
  // Registry::BulkLoad (the rest is generating the synthetic people).
  absl::Duration elapsed;
  absl::Duration in_registry;

  double RecordsPerSecond() const;
};

struct LoadOptions {
  int64_t count = 0;
  // Records per BulkLoad call (the RPC's largest chunk).
  int64_t chunk = 1000;
  // Where progress goes (not owned; null: none), and whether it is a
  // terminal (LoadProgress).
  std::ostream* progress = nullptr;
  bool progress_is_terminal = false;
};

// Loads index people 0..count-1 of `population`. An error status when the
// registry could not commit (UNAVAILABLE, DATA_LOSS); rejected records are
// counted, not errors. REQUIRES: count <= Population::kMaxIndexPeople.
absl::StatusOr<LoadStats> LoadIndex(const synth::Population& population, registry::Registry& registry,
                                    const LoadOptions& options);

}  // namespace liaison::matching::bench

#endif  // LIAISON_BROKER_MATCHING_BENCH_INDEX_LOADER_H_
