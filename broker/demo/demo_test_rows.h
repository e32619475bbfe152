#ifndef LIAISON_BROKER_DEMO_DEMO_TEST_ROWS_H_
#define LIAISON_BROKER_DEMO_DEMO_TEST_ROWS_H_

// Test helper: offenders.csv read back as rows keyed by column name.

#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_join.h"
#include "broker/csv/csv_reader.h"
#include "broker/demo/offenders_csv.h"
#include "gtest/gtest.h"

namespace liaison::demo {

using CsvRecord = std::map<std::string, std::string>;

// Parses `csv`, checking (with gtest assertions) the header and that every
// row has one field per column.
inline std::vector<CsvRecord> ReadOffendersCsv(const std::string& csv) {
  std::vector<CsvRecord> rows;
  std::istringstream in(csv);
  liaison::csv::CsvReader reader(in);
  std::vector<std::vector<std::string>> records;
  while (true) {
    auto next = reader.Next();
    EXPECT_TRUE(next.ok()) << next.status();
    if (!next.ok() || !next->has_value()) break;
    records.push_back((*next)->fields);
  }
  if (records.empty()) return rows;
  const std::vector<std::string>& header = records.front();
  EXPECT_EQ(absl::StrJoin(header, ","), kOffendersCsvHeader);
  for (size_t i = 1; i < records.size(); ++i) {
    const std::vector<std::string>& fields = records[i];
    EXPECT_EQ(fields.size(), header.size()) << "row " << i;
    CsvRecord row;
    for (size_t c = 0; c < header.size() && c < fields.size(); ++c) row[header[c]] = fields[c];
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace liaison::demo

#endif  // LIAISON_BROKER_DEMO_DEMO_TEST_ROWS_H_
