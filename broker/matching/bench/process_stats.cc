#include "broker/matching/bench/process_stats.h"

#include <malloc.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <optional>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"

namespace liaison::matching::bench {
namespace {

// The value of a "Name:   123 kB" line, in bytes.
std::optional<uint64_t> KilobyteField(absl::string_view line, absl::string_view name) {
  if (!absl::ConsumePrefix(&line, name) || !absl::ConsumePrefix(&line, ":")) return std::nullopt;
  line = absl::StripAsciiWhitespace(line);
  if (!absl::ConsumeSuffix(&line, "kB")) return std::nullopt;
  uint64_t kilobytes = 0;
  if (!absl::SimpleAtoi(absl::StripAsciiWhitespace(line), &kilobytes)) return std::nullopt;
  return kilobytes * 1024;
}

}  // namespace

absl::StatusOr<MemorySnapshot> ReadMemory() {
  std::ifstream status("/proc/self/status");
  if (!status) return absl::UnavailableError("cannot read /proc/self/status");
  std::optional<uint64_t> rss, peak;
  std::string line;
  while (std::getline(status, line)) {
    if (!rss) rss = KilobyteField(line, "VmRSS");
    if (!peak) peak = KilobyteField(line, "VmHWM");
  }
  if (!rss || !peak) return absl::UnavailableError("/proc/self/status has no VmRSS or VmHWM");
  return MemorySnapshot{*rss, *peak};
}

void TrimHeap() { malloc_trim(0); }

absl::Status ResetPeakResident() {
  TrimHeap();
  std::ofstream clear_refs("/proc/self/clear_refs");
  clear_refs << "5";
  clear_refs.flush();
  if (!clear_refs) return absl::UnavailableError("cannot reset VmHWM through /proc/self/clear_refs");
  return absl::OkStatus();
}

absl::StatusOr<uint64_t> DiskUsage(const std::string& path) {
  std::error_code error;
  uint64_t bytes = 0;
  for (auto it = std::filesystem::recursive_directory_iterator(path, error);
       !error && it != std::filesystem::recursive_directory_iterator(); it.increment(error)) {
    struct stat st;
    if (it->is_regular_file(error) && ::lstat(it->path().c_str(), &st) == 0) {
      bytes += static_cast<uint64_t>(st.st_blocks) * 512;
    }
  }
  if (error) return absl::UnavailableError(absl::StrCat("cannot measure ", path, ": ", error.message()));
  return bytes;
}

}  // namespace liaison::matching::bench
