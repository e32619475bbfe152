// Acceptance: the matcher's accuracy on labelled data, end to end through
// the evaluation runner (liaison-match-eval's library). Each test prints the
// figures (ctest -V shows them) and checks the targets set for the matcher.
// Slow next to the unit tests: labelled "accuracy" in CMake.

#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "broker/matching/eval/dataset.h"
#include "broker/matching/eval/runner.h"
#include "broker/synth/population.h"
#include "broker/synth/query_generator.h"
#include "broker/synth/synth_csv.h"
#include "gtest/gtest.h"

namespace liaison::matching::eval {
namespace {

std::string Febrl(const std::string& file) { return absl::StrCat(LIAISON_FEBRL_DIR, "/", file); }

ColumnMap Columns(const std::string& preset) {
  absl::StatusOr<ColumnMap> map = ParseColumnMap(preset);
  EXPECT_TRUE(map.ok()) << map.status();
  return map.ok() ? *map : ColumnMap{};
}

std::vector<Row> Read(const std::string& path, const ColumnMap& map) {
  absl::StatusOr<std::vector<Row>> rows = ReadRows(path, map);
  EXPECT_TRUE(rows.ok()) << rows.status();
  return rows.ok() ? *std::move(rows) : std::vector<Row>{};
}

// A model fitted to the data by EM (u from random pairs), thresholds from
// the index size: the settings the FEBRL targets were set for.
EvalOptions FittedByEm() {
  EvalOptions options;
  options.trainer.method = TrainerOptions::Method::kEm;
  return options;
}

void Print(const std::string& title, const EvalResult& result) {
  std::cout << "== " << title << "\n";
  PrintReport(result, std::cout);
  std::cout << std::flush;
}

TEST(MatchingAccuracyTest, Febrl4LinkMeetsTargets) {
  const ColumnMap map = Columns("febrl");
  const std::vector<Row> index = Read(Febrl("febrl_dataset4a.csv"), map);
  const std::vector<Row> queries = Read(Febrl("febrl_dataset4b.csv"), map);
  ASSERT_EQ(index.size(), 5000u);
  ASSERT_EQ(queries.size(), 5000u);
  absl::StatusOr<EvalResult> result = RunLink(index, queries, map.ComparisonNames(/*joint_place=*/false), FittedByEm());
  ASSERT_TRUE(result.ok()) << result.status();
  Print("febrl4 link (4a index, 4b queries)", *result);
  const Report& r = result->report;
  EXPECT_EQ(r.true_pairs, 5000u);
  EXPECT_EQ(r.auto_link.false_positives, 0u);
  EXPECT_GE(r.auto_link.Recall(), 0.995);
  EXPECT_GE(r.with_review.F1(), 0.999);
}

TEST(MatchingAccuracyTest, Febrl3DedupeMeetsTargets) {
  const ColumnMap map = Columns("febrl");
  const std::vector<Row> rows = Read(Febrl("febrl_dataset3.csv"), map);
  ASSERT_EQ(rows.size(), 5000u);
  absl::StatusOr<EvalResult> result = RunDedupe(rows, map.ComparisonNames(/*joint_place=*/false), FittedByEm());
  ASSERT_TRUE(result.ok()) << result.status();
  Print("febrl3 dedupe", *result);
  EXPECT_EQ(result->report.true_pairs, 6538u);
  EXPECT_GE(result->report.auto_link.F1(), 0.993);
}

TEST(MatchingAccuracyTest, Fake1000Figures) {
  // Reported, not targeted: only sanity is checked. As docs/matching.md runs
  // it: EM, the town as the one "place" comparison.
  const ColumnMap map = Columns("fake1000");
  const std::vector<Row> rows = Read(Febrl("fake_1000.csv"), map);
  ASSERT_EQ(rows.size(), 1000u);
  absl::StatusOr<EvalResult> result = RunDedupe(rows, map.ComparisonNames(/*joint_place=*/true), FittedByEm());
  ASSERT_TRUE(result.ok()) << result.status();
  Print("fake_1000 dedupe", *result);
  EXPECT_GT(result->report.auto_link.true_positives, 0u);
  EXPECT_GE(result->report.auto_link.Precision(), 0.95);
}

// Writes the generator's CSV files, as liaison-synth does, for the presets
// to read back.
void WriteSynthetic(uint64_t seed, int64_t index_people, int64_t queries, double match_rate,
                    const std::string& index_path, const std::string& query_path) {
  synth::PopulationOptions population_options;
  population_options.seed = seed;
  absl::StatusOr<synth::Population> population = synth::Population::Create(population_options);
  ASSERT_TRUE(population.ok()) << population.status();
  synth::QueryOptions query_options;
  query_options.index_count = index_people;
  query_options.match_rate = match_rate;
  absl::StatusOr<synth::QueryGenerator> generator = synth::QueryGenerator::Create(*population, query_options);
  ASSERT_TRUE(generator.ok()) << generator.status();
  synth::StreamOptions stream;
  stream.threads = 2;
  std::ofstream index_out(index_path), query_out(query_path);
  ASSERT_TRUE(synth::WriteIndexCsv(*population, index_people, index_out, stream).ok());
  ASSERT_TRUE(synth::WriteQueryCsv(*generator, queries, query_out, nullptr, stream).ok());
}

TEST(MatchingAccuracyTest, SyntheticUkMeetsTargets) {
  const std::string dir = ::testing::TempDir();
  const std::string index_path = absl::StrCat(dir, "/synth_index_seed11.csv");
  const std::string query_path = absl::StrCat(dir, "/synth_queries_seed11.csv");
  ASSERT_NO_FATAL_FAILURE(WriteSynthetic(/*seed=*/11, /*index_people=*/100000, /*queries=*/20000,
                                         /*match_rate=*/0.7, index_path, query_path));
  const std::vector<Row> index = Read(index_path, Columns("synth-index"));
  const std::vector<Row> queries = Read(query_path, Columns("synth-queries"));
  ASSERT_EQ(index.size(), 100000u);
  ASSERT_EQ(queries.size(), 20000u);

  // The shipped model as it is, not refitted to this data (it was fitted on
  // seed 7).
  EvalOptions options;
  options.model_file = LIAISON_BUILTIN_MODEL_FILE;
  absl::StatusOr<EvalResult> result = RunLink(index, queries, Columns("synth-index").ComparisonNames(), options);
  ASSERT_TRUE(result.ok()) << result.status();
  Print("synthetic UK link (seed 11, 100000 index people, 20000 queries, match rate 0.7)", *result);
  const Report& r = result->report;
  const double review_share = static_cast<double>(r.reviewed) / static_cast<double>(r.queries);
  std::cout << absl::StrFormat("share of queries sent to review: %.2f%%\n", 100 * review_share);
  EXPECT_EQ(result->model.version(), "uk-synthetic-2026-11-23.1");
  EXPECT_GE(r.auto_link.Precision(), 0.999);
  EXPECT_GE(r.with_review.Recall(), 0.99);
  std::remove(index_path.c_str());
  std::remove(query_path.c_str());
}

}  // namespace
}  // namespace liaison::matching::eval
