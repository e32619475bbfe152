#include "broker/csv/csv_writer.h"

#include <sstream>
#include <string>
#include <vector>

#include "broker/csv/csv_reader.h"
#include "gtest/gtest.h"

namespace liaison::csv {
namespace {

TEST(CsvWriterTest, QuotesOnlyWhenNeeded) {
  struct Case {
    std::string field;
    std::string written;
  };
  const std::vector<Case> cases = {
      {"", ""},
      {"plain", "plain"},
      {"a,b", "\"a,b\""},
      {"say \"hi\"", "\"say \"\"hi\"\"\""},
      {"two\nlines", "\"two\nlines\""},
      {"cr\r", "\"cr\r\""},
      {"a|b|c", "a|b|c"},
  };
  for (const Case& c : cases) EXPECT_EQ(CsvField(c.field), c.written) << c.field;
}

TEST(CsvWriterTest, WhatIsWrittenReadsBackTheSame) {
  const std::vector<std::vector<std::string>> records = {
      {"crn", "name", "note"},
      {"X1", "O'Neil, Pat", "said \"no\""},
      {"", "", ""},
      {"multi\nline", "x", ""},
      {"only"},
  };
  std::string text;
  for (const auto& record : records) text += CsvRow(record);
  std::istringstream in(text);
  CsvReader reader(in);
  std::vector<std::vector<std::string>> read;
  while (true) {
    auto next = reader.Next();
    ASSERT_TRUE(next.ok()) << next.status();
    if (!next->has_value()) break;
    read.push_back((*next)->fields);
  }
  EXPECT_EQ(read, records);
}

}  // namespace
}  // namespace liaison::csv
