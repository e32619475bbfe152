// liaison-synth: writes a synthetic offender index and agency queries with
// ground truth, for testing and benchmarking record linkage
// (broker/synth/README.md). Rows are streamed: memory does not grow with
// the counts. Prints records/second to stderr.
//
//   liaison-synth --seed 1 --index-count 100000 --index-out index.csv
//       --query-count 20000 --match-rate 0.7 --query-out queries.csv
//       [--truth-out truth.csv] [--threads 2]

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <iostream>
#include <string>
#include <thread>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "broker/common/flag_names.h"
#include "broker/synth/population.h"
#include "broker/synth/query_generator.h"
#include "broker/synth/synth_csv.h"

ABSL_FLAG(uint64_t, seed, 1, "Seed: the same seed gives the same files.");
ABSL_FLAG(int64_t, index_count, 100000, "Index people to write (at most 10,000,000).");
ABSL_FLAG(std::string, index_out, "", "Index CSV path; no index file when empty.");
ABSL_FLAG(int64_t, query_count, 0, "Queries to write.");
ABSL_FLAG(double, match_rate, 0.7, "Share of queries about index people.");
ABSL_FLAG(double, hard_negative_rate, 0.3, "Share of non-member queries that resemble an index person.");
ABSL_FLAG(std::string, query_out, "", "Query CSV path; required when --query-count > 0.");
ABSL_FLAG(std::string, truth_out, "", "Optional CSV of each query's kind, related CRN and applied corruptions.");
ABSL_FLAG(int, threads, static_cast<int>(std::max(1u, std::thread::hardware_concurrency())),
          "Threads generating rows; the output does not depend on it.");

namespace {

using WriteFn = absl::FunctionRef<absl::Status(std::ostream&, const liaison::synth::StreamOptions&)>;

// Writes one file, reporting progress and the rate to stderr. Returns the
// process exit code.
int WriteFile(const std::string& what, const std::string& path, int64_t count, WriteFn write) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) {
    std::cerr << "liaison-synth: cannot open " << path << "\n";
    return 1;
  }
  liaison::synth::StreamOptions options;
  options.threads = absl::GetFlag(FLAGS_threads);
  options.progress = [&](int64_t rows) {
    std::cerr << absl::StrFormat("\r%s: %d / %d", what, rows, count) << std::flush;
  };
  const absl::Time start = absl::Now();
  const absl::Status status = write(out, options);
  const double seconds = absl::ToDoubleSeconds(absl::Now() - start);
  if (!status.ok()) {
    std::cerr << "\nliaison-synth: " << path << ": " << status << "\n";
    return 1;
  }
  std::cerr << absl::StrFormat("\r%s: wrote %d records to %s in %.2f s (%.0f records/s, %d threads)\n", what, count,
                               path, seconds, seconds > 0 ? count / seconds : 0.0, options.threads);
  return 0;
}

int WriteQueries(const liaison::synth::Population& population, int64_t index_count) {
  const int64_t query_count = absl::GetFlag(FLAGS_query_count);
  const std::string query_out = absl::GetFlag(FLAGS_query_out);
  if (query_count <= 0) return 0;
  if (query_count > liaison::synth::Population::kMaxNonMembers) {
    std::cerr << "liaison-synth: --query-count must be at most " << liaison::synth::Population::kMaxNonMembers << "\n";
    return 2;
  }
  if (query_out.empty()) {
    std::cerr << "liaison-synth: --query-out=FILE is required with --query-count\n";
    return 2;
  }
  liaison::synth::QueryOptions options;
  options.index_count = index_count;
  options.match_rate = absl::GetFlag(FLAGS_match_rate);
  options.hard_negative_rate = absl::GetFlag(FLAGS_hard_negative_rate);
  const auto generator = liaison::synth::QueryGenerator::Create(population, options);
  if (!generator.ok()) {
    std::cerr << "liaison-synth: " << generator.status() << "\n";
    return 2;
  }
  const std::string truth_out = absl::GetFlag(FLAGS_truth_out);
  std::ofstream truth;
  if (!truth_out.empty()) {
    truth.open(truth_out, std::ios::binary | std::ios::trunc);
    if (!truth) {
      std::cerr << "liaison-synth: cannot open " << truth_out << "\n";
      return 1;
    }
  }
  return WriteFile("queries", query_out, query_count, [&](auto& out, const auto& options) {
    return liaison::synth::WriteQueryCsv(*generator, query_count, out, truth_out.empty() ? nullptr : &truth, options);
  });
}

}  // namespace

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage("Writes a synthetic offender index CSV and agency query CSV with ground truth.");
  liaison::NormalizeFlagNames(argc, argv);
  absl::ParseCommandLine(argc, argv);
  liaison::synth::PopulationOptions options;
  options.seed = absl::GetFlag(FLAGS_seed);
  const auto population = liaison::synth::Population::Create(options);
  if (!population.ok()) {
    std::cerr << "liaison-synth: " << population.status() << "\n";
    return 2;
  }
  const int64_t index_count = absl::GetFlag(FLAGS_index_count);
  const std::string index_out = absl::GetFlag(FLAGS_index_out);
  if (index_count < 0 || index_count > liaison::synth::Population::kMaxIndexPeople) {
    std::cerr << "liaison-synth: --index-count must be in [0, " << liaison::synth::Population::kMaxIndexPeople << "]\n";
    return 2;
  }
  if (!index_out.empty()) {
    const int code = WriteFile("index", index_out, index_count, [&](auto& out, const auto& options) {
      return liaison::synth::WriteIndexCsv(*population, index_count, out, options);
    });
    if (code != 0) return code;
  }
  return WriteQueries(*population, index_count);
}
