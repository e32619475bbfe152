#ifndef LIAISON_BROKER_MATCHING_BENCH_BENCH_FORMAT_H_
#define LIAISON_BROKER_MATCHING_BENCH_BENCH_FORMAT_H_

// How the match benchmark writes numbers for people. Pure functions.

#include <cstdint>
#include <string>

#include "absl/time/time.h"

namespace liaison::matching::bench {

// 1234567 -> "1,234,567".
std::string FormatCount(int64_t n);

// 100000 -> "100k", 1000000 -> "1M", 2500000 -> "2.5M", 1234 -> "1234".
std::string FormatSize(int64_t n);

// Bytes in MiB with one decimal: "256.0 MiB".
std::string FormatMib(uint64_t bytes);

// A latency in milliseconds with three decimals: "1.234 ms".
std::string FormatMillis(absl::Duration d);

// A remaining time for a progress line: "45s", "12m05s", "2h03m".
std::string FormatEta(absl::Duration d);

}  // namespace liaison::matching::bench

#endif  // LIAISON_BROKER_MATCHING_BENCH_BENCH_FORMAT_H_
