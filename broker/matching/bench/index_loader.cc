#include "broker/matching/bench/index_loader.h"

#include <algorithm>
#include <chrono>
#include <optional>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "broker/common/status_macros.h"
#include "broker/matching/bench/bench_format.h"
#include "broker/matching/bench/load_progress.h"

namespace liaison::matching::bench {
namespace {

constexpr char kActor[] = "liaison-match-bench";

absl::Duration Since(std::chrono::steady_clock::time_point start) {
  return absl::FromChrono(std::chrono::steady_clock::now() - start);
}

std::vector<liaison::v1::OffenderRecord> Chunk(const synth::Population& population, int64_t first, int64_t end) {
  std::vector<liaison::v1::OffenderRecord> records;
  records.reserve(static_cast<size_t>(end - first));
  for (int64_t i = first; i < end; ++i) records.push_back(std::move(population.IndexPerson(i).record));
  return records;
}

}  // namespace

double LoadStats::RecordsPerSecond() const {
  const double seconds = absl::ToDoubleSeconds(elapsed);
  return seconds > 0 ? static_cast<double>(records) / seconds : 0;
}

absl::StatusOr<LoadStats> LoadIndex(const synth::Population& population, registry::Registry& registry,
                                    const LoadOptions& options) {
  LoadStats stats;
  std::optional<LoadProgress> progress;
  if (options.progress != nullptr) {
    progress.emplace(absl::StrCat("loading ", FormatSize(options.count)), options.count, options.progress,
                     options.progress_is_terminal);
  }
  const auto start = std::chrono::steady_clock::now();
  for (int64_t first = 0; first < options.count; first += options.chunk) {
    const int64_t end = std::min(options.count, first + options.chunk);
    std::vector<liaison::v1::OffenderRecord> records = Chunk(population, first, end);
    const auto registry_start = std::chrono::steady_clock::now();
    ASSIGN_OR_RETURN(registry::Registry::BulkResult result,
                     registry.BulkLoad(std::move(records), static_cast<uint64_t>(first), kActor));
    stats.in_registry += Since(registry_start);
    stats.records += static_cast<int64_t>(result.loaded);
    stats.rejected += static_cast<int64_t>(result.errors.size());
    if (progress) progress->Update(end);
  }
  stats.elapsed = Since(start);
  if (progress) progress->Finish();
  return stats;
}

}  // namespace liaison::matching::bench
