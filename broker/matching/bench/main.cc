// liaison-match-bench: how the matcher's cost grows with the offender index.
// For each size it loads a synthetic index into a fresh RocksDB store
// through the registry, times single-threaded matches of synthetic queries
// and reports latency percentiles, candidates scored, decisions, resident
// memory and disk use, then a Markdown summary with the p99 growth ratio.
//
//   liaison-match-bench [--sizes=100000,1000000,10000000] [--dir=DIR] [--keep] [--reuse]
//       [--cache-mb=256] [--write-buffer-mb=64] [--seed=1] [--queries=5000]
//       [--warmup=500] [--repeats=3] [--out=FILE]

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/status/statusor.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "broker/common/flag_names.h"
#include "broker/matching/bench/report.h"
#include "broker/matching/bench/size_run.h"
#include "broker/synth/population.h"

ABSL_FLAG(std::vector<std::string>, sizes, std::vector<std::string>({"100000", "1000000", "10000000"}),
          "Index sizes to measure, comma-separated (each at most 10,000,000).");
ABSL_FLAG(std::string, dir, "", "Where the data directories go (default: a new temporary directory).");
ABSL_FLAG(bool, keep, false, "Keep the data directories afterwards.");
ABSL_FLAG(bool, reuse, false,
          "Time matches on the data directories an earlier --keep run left under --dir (same seed), without "
          "loading; they are kept.");
ABSL_FLAG(uint64_t, cache_mb, 256, "RocksDB block cache (MiB): bounds RocksDB's memory.");
ABSL_FLAG(uint64_t, write_buffer_mb, 64, "Memtable budget (MiB), charged to the block cache.");
ABSL_FLAG(uint64_t, seed, 1, "Seed of the synthetic population and queries.");
ABSL_FLAG(int64_t, queries, 5000, "Timed queries per run.");
ABSL_FLAG(int64_t, warmup, 500, "Untimed matches before the timed runs.");
ABSL_FLAG(int32_t, repeats, 3, "Timed runs per size; the report gives the median of their percentiles.");
ABSL_FLAG(bool, encrypt, true, "Store through encryption at rest, as the broker does (--noencrypt: plain RocksDB).");
ABSL_FLAG(bool, settle, true,
          "Wait after each load until RocksDB's compactions finish before timing matches (--nosettle: time "
          "them at once).");
ABSL_FLAG(bool, compact, false,
          "After the load (and settle), compact the match tables into one sorted run each, as an operator does "
          "after a bulk load (docs/matching.md), and report how long it took.");
ABSL_FLAG(std::string, out, "", "Also write the Markdown summary to this file.");

namespace {

namespace bench = liaison::matching::bench;
using liaison::synth::Population;

absl::StatusOr<std::vector<int64_t>> ParseSizes() {
  std::vector<int64_t> sizes;
  for (const std::string& text : absl::GetFlag(FLAGS_sizes)) {
    int64_t size = 0;
    if (!absl::SimpleAtoi(text, &size) || size < 1 || size > Population::kMaxIndexPeople) {
      return absl::InvalidArgumentError(
          absl::StrCat("--sizes: '", text, "' is not a whole number from 1 to ", Population::kMaxIndexPeople));
    }
    sizes.push_back(size);
  }
  if (sizes.empty()) return absl::InvalidArgumentError("--sizes: give at least one size");
  return sizes;
}

absl::StatusOr<bench::BenchOptions> ParseOptions() {
  bench::BenchOptions options;
  options.keep = absl::GetFlag(FLAGS_keep);
  options.settle = absl::GetFlag(FLAGS_settle);
  options.compact = absl::GetFlag(FLAGS_compact);
  options.reuse = absl::GetFlag(FLAGS_reuse);
  if (options.reuse && absl::GetFlag(FLAGS_dir).empty()) {
    return absl::InvalidArgumentError("--reuse: needs --dir, the directory of an earlier --keep run");
  }
  options.seed = absl::GetFlag(FLAGS_seed);
  options.block_cache_bytes = absl::GetFlag(FLAGS_cache_mb) << 20;
  options.write_buffer_bytes = absl::GetFlag(FLAGS_write_buffer_mb) << 20;
  options.queries = absl::GetFlag(FLAGS_queries);
  options.warmup = absl::GetFlag(FLAGS_warmup);
  options.repeats = absl::GetFlag(FLAGS_repeats);
  options.encrypt = absl::GetFlag(FLAGS_encrypt);
  if (absl::GetFlag(FLAGS_cache_mb) < 1) return absl::InvalidArgumentError("--cache-mb: at least 1");
  if (options.write_buffer_bytes > options.block_cache_bytes) {
    return absl::InvalidArgumentError("--write-buffer-mb: at most --cache-mb (memtables are charged to the cache)");
  }
  if (options.queries < 1 || options.warmup < 0 || options.queries + options.warmup > Population::kMaxNonMembers) {
    return absl::InvalidArgumentError(absl::StrCat("--queries (at least 1) plus --warmup: at most ",
                                                   Population::kMaxNonMembers));
  }
  if (options.repeats < 1) return absl::InvalidArgumentError("--repeats: at least 1");
  options.progress = &std::cerr;
  options.progress_is_terminal = isatty(STDERR_FILENO) == 1;
  return options;
}

// The parent of the data directories: --dir (created when missing), or a
// new temporary directory whose path is returned in `made`.
absl::StatusOr<std::string> DataRoot(std::string* made) {
  std::string dir = absl::GetFlag(FLAGS_dir);
  if (!dir.empty()) {
    std::error_code error;
    std::filesystem::create_directories(dir, error);
    if (error) return absl::FailedPreconditionError(absl::StrCat("--dir: cannot create ", dir, ": ", error.message()));
    return dir;
  }
  const char* tmp = std::getenv("TMPDIR");
  std::string pattern = absl::StrCat(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp", "/liaison-match-bench.XXXXXX");
  if (mkdtemp(pattern.data()) == nullptr) {
    return absl::FailedPreconditionError(absl::StrCat("cannot create a temporary directory from ", pattern));
  }
  *made = pattern;
  return pattern;
}

int Fail(const absl::Status& status, int code) {
  std::cerr << "liaison-match-bench: " << status.message() << "\n";
  return code;
}

int Run(const std::vector<int64_t>& sizes, const bench::BenchOptions& options) {
  std::vector<bench::SizeResult> results;
  for (int64_t size : sizes) {
    absl::StatusOr<bench::SizeResult> result = bench::RunSize(size, options);
    if (!result.ok()) return Fail(result.status(), 1);
    bench::PrintSizeReport(*result, options, std::cout);
    results.push_back(*std::move(result));
  }
  const std::string markdown = bench::MarkdownReport(results, options);
  std::cout << "\n" << markdown << std::flush;
  const std::string out = absl::GetFlag(FLAGS_out);
  if (!out.empty()) {
    std::ofstream file(out, std::ios::trunc);
    file << markdown;
    if (!file) return Fail(absl::UnavailableError(absl::StrCat("--out: cannot write ", out)), 1);
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(
      "liaison-match-bench [flags]: loads synthetic offender indexes of each --sizes into fresh RocksDB stores and "
      "times single-threaded matches against them (latency percentiles, candidates, memory, disk).");
  liaison::NormalizeFlagNames(argc, argv);
  std::vector<char*> args = absl::ParseCommandLine(argc, argv);
  if (args.size() != 1) {
    std::cerr << "usage: liaison-match-bench [flags]; --help lists the flags\n";
    return 2;
  }
  absl::StatusOr<std::vector<int64_t>> sizes = ParseSizes();
  if (!sizes.ok()) return Fail(sizes.status(), 2);
  absl::StatusOr<bench::BenchOptions> options = ParseOptions();
  if (!options.ok()) return Fail(options.status(), 2);
  std::string made;
  absl::StatusOr<std::string> root = DataRoot(&made);
  if (!root.ok()) return Fail(root.status(), 1);
  options->dir = *root;
  std::cerr << "liaison-match-bench: data under " << *root << (options->keep ? " (kept)" : "") << "\n";
  const int code = Run(*sizes, *options);
  if (!made.empty() && !options->keep) {
    std::error_code error;
    std::filesystem::remove_all(made, error);
  }
  return code;
}
