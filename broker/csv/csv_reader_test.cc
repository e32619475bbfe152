#include "broker/csv/csv_reader.h"

#include <sstream>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace liaison::csv {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

// Every record (or error message) in `input`, in order.
struct ReadResult {
  std::vector<CsvRecord> records;
  std::vector<std::string> errors;
};

ReadResult ReadAll(const std::string& input, CsvReaderOptions options = {}) {
  std::istringstream in(input);
  CsvReader reader(in, options);
  ReadResult result;
  for (int guard = 0; guard < 1000; ++guard) {
    absl::StatusOr<std::optional<CsvRecord>> next = reader.Next();
    if (!next.ok()) {
      EXPECT_EQ(next.status().code(), absl::StatusCode::kInvalidArgument);
      result.errors.emplace_back(next.status().message());
      continue;
    }
    if (!next->has_value()) return result;
    result.records.push_back(**next);
  }
  ADD_FAILURE() << "reader did not reach the end";
  return result;
}

TEST(CsvReaderTest, SplitsPlainFieldsAndRecords) {
  const ReadResult result = ReadAll("a,b,c\n1,,3\n");
  ASSERT_EQ(result.records.size(), 2u);
  EXPECT_THAT(result.records[0].fields, ElementsAre("a", "b", "c"));
  EXPECT_THAT(result.records[1].fields, ElementsAre("1", "", "3"));
  EXPECT_EQ(result.records[0].line, 1);
  EXPECT_EQ(result.records[1].line, 2);
}

TEST(CsvReaderTest, AcceptsCrlfAndAMissingFinalNewline) {
  const ReadResult result = ReadAll("a,b\r\nc,d");
  ASSERT_EQ(result.records.size(), 2u);
  EXPECT_THAT(result.records[0].fields, ElementsAre("a", "b"));
  EXPECT_THAT(result.records[1].fields, ElementsAre("c", "d"));
}

TEST(CsvReaderTest, QuotedFieldsHoldCommasQuotesAndNewlines) {
  const ReadResult result =
      ReadAll("\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\",\"\"\nnext,row,here,end\n");
  ASSERT_EQ(result.records.size(), 2u);
  EXPECT_THAT(result.records[0].fields, ElementsAre("x, y", "say \"hi\"", "two\nlines", ""));
  EXPECT_EQ(result.records[0].line, 1);
  // The quoted newline moved the next record down a line.
  EXPECT_EQ(result.records[1].line, 3);
  EXPECT_TRUE(result.errors.empty());
}

TEST(CsvReaderTest, TrailingCommaMeansAnEmptyLastField) {
  const ReadResult result = ReadAll("a,\n");
  ASSERT_EQ(result.records.size(), 1u);
  EXPECT_THAT(result.records[0].fields, ElementsAre("a", ""));
}

TEST(CsvReaderTest, SkipsBlankLinesButCountsThem) {
  const ReadResult result = ReadAll("a\n\n\r\nb\n\n");
  ASSERT_EQ(result.records.size(), 2u);
  EXPECT_EQ(result.records[1].line, 4);
}

TEST(CsvReaderTest, QuoteInsideUnquotedFieldIsAnErrorWithoutTheValue) {
  const ReadResult result = ReadAll("ok,row\nsecret\"value,x\nnext,row\n");
  ASSERT_EQ(result.errors.size(), 1u);
  EXPECT_THAT(result.errors[0], HasSubstr("line 2, field 1"));
  EXPECT_THAT(result.errors[0], Not(HasSubstr("secret")));
  // The reader resumes at the following line.
  ASSERT_EQ(result.records.size(), 2u);
  EXPECT_THAT(result.records[1].fields, ElementsAre("next", "row"));
  EXPECT_EQ(result.records[1].line, 3);
}

TEST(CsvReaderTest, TextAfterClosingQuoteIsAnError) {
  const ReadResult result = ReadAll("a,\"quoted\"tail\nb,c\n");
  ASSERT_EQ(result.errors.size(), 1u);
  EXPECT_THAT(result.errors[0], HasSubstr("line 1, field 2"));
  EXPECT_THAT(result.errors[0], Not(HasSubstr("tail")));
  ASSERT_EQ(result.records.size(), 1u);
  EXPECT_THAT(result.records[0].fields, ElementsAre("b", "c"));
}

TEST(CsvReaderTest, UnterminatedQuoteIsAnError) {
  const ReadResult result = ReadAll("a,b\nc,\"never closed\nd,e\n");
  ASSERT_EQ(result.records.size(), 1u);
  ASSERT_EQ(result.errors.size(), 1u);
  EXPECT_THAT(result.errors[0], HasSubstr("line 2"));
  EXPECT_THAT(result.errors[0], HasSubstr("unterminated"));
}

TEST(CsvReaderTest, ErrorsUseColumnNamesOnceKnown) {
  std::istringstream in("a,b\"c\n");
  CsvReader reader(in);
  reader.set_column_names({"crn", "pnc"});
  const auto next = reader.Next();
  ASSERT_FALSE(next.ok());
  EXPECT_THAT(next.status().message(), HasSubstr("line 1, column pnc"));
  EXPECT_EQ(reader.last_record_line(), 1);
}

TEST(CsvReaderTest, OverlongRecordIsAnErrorAndReadingResumes) {
  CsvReaderOptions options;
  options.max_record_bytes = 8;
  const ReadResult result = ReadAll("\"0123456789,\n0123\",x\nshort,row\n", options);
  ASSERT_EQ(result.errors.size(), 1u);
  EXPECT_THAT(result.errors[0], HasSubstr("line 1: record longer than 8 bytes"));
  ASSERT_EQ(result.records.size(), 1u);
  EXPECT_THAT(result.records[0].fields, ElementsAre("short", "row"));
  EXPECT_EQ(result.records[0].line, 3);
}

TEST(CsvReaderTest, EmptyInputHasNoRecords) {
  const ReadResult result = ReadAll("");
  EXPECT_TRUE(result.records.empty());
  EXPECT_TRUE(result.errors.empty());
}

}  // namespace
}  // namespace liaison::csv
