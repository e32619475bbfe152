// The index and query CSV files: headers, round trips through the
// project's CSV reader, determinism and write errors.

#include "broker/synth/synth_csv.h"

#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "broker/csv/csv_reader.h"
#include "gtest/gtest.h"

namespace liaison::synth {
namespace {

constexpr int64_t kPeople = 3000;

Population MakePopulation(uint64_t seed) {
  PopulationOptions options;
  options.seed = seed;
  return *Population::Create(options);
}

std::string IndexCsv(const Population& population, int64_t count) {
  std::ostringstream out;
  EXPECT_TRUE(WriteIndexCsv(population, count, out).ok());
  return out.str();
}

std::vector<csv::CsvRecord> ReadAll(const std::string& text) {
  std::istringstream in(text);
  csv::CsvReader reader(in);
  std::vector<csv::CsvRecord> records;
  while (true) {
    auto record = reader.Next();
    EXPECT_TRUE(record.ok()) << record.status();
    if (!record.ok() || !record->has_value()) break;
    records.push_back(**record);
  }
  return records;
}

std::vector<std::string> Header(absl::string_view header) { return absl::StrSplit(header, ','); }

// An alias cell item read the way the offender loader reads it: the last
// word is the family name.
liaison::v1::PersonName AliasFromCell(absl::string_view alias) {
  std::vector<std::string> words = absl::StrSplit(alias, ' ', absl::SkipEmpty());
  liaison::v1::PersonName name;
  name.set_family_name(words.back());
  words.pop_back();
  name.set_given_names(absl::StrJoin(words, " "));
  return name;
}

TEST(SynthCsvTest, IndexCsvRoundTripsThroughTheCsvReader) {
  const Population population = MakePopulation(31);
  const std::vector<csv::CsvRecord> rows = ReadAll(IndexCsv(population, kPeople));
  ASSERT_EQ(rows.size(), kPeople + 1);
  EXPECT_EQ(rows[0].fields, Header(kIndexCsvHeader));
  EXPECT_EQ(rows[0].fields.size(), 16u);
  int aliases = 0;
  for (int64_t i = 0; i < kPeople; ++i) {
    const liaison::v1::OffenderRecord record = population.IndexPerson(i).record;
    const std::vector<std::string>& fields = rows[i + 1].fields;
    ASSERT_EQ(fields, IndexCsvFields(record)) << "row " << i;
    EXPECT_EQ(fields[0], record.crn());
    const std::vector<std::string> lines = absl::StrSplit(fields[8], '|');
    EXPECT_EQ(lines, std::vector<std::string>(record.addresses(0).lines().begin(), record.addresses(0).lines().end()));
    if (fields[6].empty()) continue;
    const std::vector<std::string> cells = absl::StrSplit(fields[6], '|');
    ASSERT_EQ(static_cast<int>(cells.size()), record.aliases_size());
    for (size_t a = 0; a < cells.size(); ++a, ++aliases) {
      EXPECT_EQ(AliasFromCell(cells[a]).SerializeAsString(), record.aliases(a).SerializeAsString());
    }
  }
  EXPECT_GT(aliases, 100);
}

TEST(SynthCsvTest, QueryCsvRoundTripsThroughTheCsvReader) {
  const Population population = MakePopulation(32);
  QueryOptions options;
  options.index_count = kPeople;
  const QueryGenerator generator = *QueryGenerator::Create(population, options);
  std::ostringstream out, truth;
  ASSERT_TRUE(WriteQueryCsv(generator, 2000, out, &truth).ok());
  const std::vector<csv::CsvRecord> rows = ReadAll(out.str());
  const std::vector<csv::CsvRecord> truth_rows = ReadAll(truth.str());
  ASSERT_EQ(rows.size(), 2001u);
  ASSERT_EQ(truth_rows.size(), 2001u);
  EXPECT_EQ(rows[0].fields, Header(kQueryCsvHeader));
  EXPECT_EQ(truth_rows[0].fields, Header(kQueryTruthCsvHeader));
  for (int64_t q = 0; q < 2000; ++q) {
    const Query query = generator.Generate(q);
    const std::vector<std::string>& fields = rows[q + 1].fields;
    ASSERT_EQ(fields, QueryCsvFields(query)) << "row " << q;
    EXPECT_EQ(fields[0], query.query_id);
    EXPECT_EQ(fields[1], query.true_crn);
    EXPECT_EQ(fields[2], AgencyName(query.agency));
    EXPECT_EQ(fields[7], query.person.name().given_names());
    ASSERT_EQ(truth_rows[q + 1].fields, QueryTruthCsvFields(query));
    EXPECT_EQ(truth_rows[q + 1].fields[1], QueryKindName(query.kind));
    if (query.kind == QueryKind::kMember) {
      EXPECT_EQ(truth_rows[q + 1].fields[2], query.true_crn);
    }
  }
}

TEST(SynthCsvTest, SameSeedSameBytesOtherSeedDiffers) {
  EXPECT_EQ(IndexCsv(MakePopulation(33), 500), IndexCsv(MakePopulation(33), 500));
  EXPECT_NE(IndexCsv(MakePopulation(33), 500), IndexCsv(MakePopulation(34), 500));
}

TEST(SynthCsvTest, ReportsWriteFailuresAndBadCounts) {
  const Population population = MakePopulation(35);
  std::ostringstream broken;
  broken.setstate(std::ios::badbit);
  EXPECT_EQ(WriteIndexCsv(population, 10, broken).code(), absl::StatusCode::kDataLoss);
  std::ostringstream out;
  EXPECT_EQ(WriteIndexCsv(population, -1, out).code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(WriteIndexCsv(population, Population::kMaxIndexPeople + 1, out).code(), absl::StatusCode::kInvalidArgument);
}

TEST(SynthCsvTest, ThreadsDoNotChangeTheOutput) {
  const Population population = MakePopulation(36);
  QueryOptions query_options;
  query_options.index_count = 1000;
  const QueryGenerator generator = *QueryGenerator::Create(population, query_options);
  std::ostringstream index1, index3, queries1, queries3;
  StreamOptions three;
  three.threads = 3;
  ASSERT_TRUE(WriteIndexCsv(population, 20000, index1).ok());
  ASSERT_TRUE(WriteIndexCsv(population, 20000, index3, three).ok());
  ASSERT_TRUE(WriteQueryCsv(generator, 20000, queries1).ok());
  ASSERT_TRUE(WriteQueryCsv(generator, 20000, queries3, nullptr, three).ok());
  EXPECT_EQ(index1.str(), index3.str());
  EXPECT_EQ(queries1.str(), queries3.str());
}

TEST(SynthCsvTest, ReportsProgress) {
  const Population population = MakePopulation(37);
  std::ostringstream out;
  std::vector<int64_t> reports;
  StreamOptions options;
  options.progress_interval = 10000;
  options.progress = [&](int64_t rows) { reports.push_back(rows); };
  ASSERT_TRUE(WriteIndexCsv(population, 35000, out, options).ok());
  // Reports come after whole batches that complete another interval.
  ASSERT_FALSE(reports.empty());
  EXPECT_GE(reports.front(), 10000);
  for (size_t r = 1; r < reports.size(); ++r) EXPECT_GE(reports[r] / 10000, reports[r - 1] / 10000 + 1);
  EXPECT_LE(reports.back(), 35000);
  EXPECT_GE(reports.back(), 30000);
}

}  // namespace
}  // namespace liaison::synth
