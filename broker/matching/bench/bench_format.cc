#include "broker/matching/bench/bench_format.h"

#include <cstdlib>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace liaison::matching::bench {

std::string FormatCount(int64_t n) {
  std::string digits = absl::StrCat(std::llabs(n));
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return n < 0 ? absl::StrCat("-", out) : out;
}

std::string FormatSize(int64_t n) {
  if (n >= 1000000 && n % 100000 == 0) {
    return n % 1000000 == 0 ? absl::StrCat(n / 1000000, "M") : absl::StrFormat("%.1fM", n / 1e6);
  }
  if (n >= 1000 && n % 1000 == 0) return absl::StrCat(n / 1000, "k");
  return absl::StrCat(n);
}

std::string FormatMib(uint64_t bytes) {
  return absl::StrFormat("%.1f MiB", static_cast<double>(bytes) / (1024.0 * 1024.0));
}

std::string FormatMillis(absl::Duration d) { return absl::StrFormat("%.3f ms", absl::ToDoubleMilliseconds(d)); }

std::string FormatEta(absl::Duration d) {
  const int64_t seconds = absl::ToInt64Seconds(d);
  if (seconds < 60) return absl::StrFormat("%ds", seconds);
  if (seconds < 3600) return absl::StrFormat("%dm%02ds", seconds / 60, seconds % 60);
  return absl::StrFormat("%dh%02dm", seconds / 3600, seconds % 3600 / 60);
}

}  // namespace liaison::matching::bench
