#include "broker/demo/csv.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace liaison::demo {
namespace {

TEST(CsvTest, QuotesOnlyWhenNeeded) {
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

TEST(CsvTest, RowsRoundTrip) {
  const std::vector<std::vector<std::string>> records = {
      {"crn", "name", "note"},
      {"X1", "O'Neil, Pat", "said \"no\""},
      {"", "", ""},
      {"multi\nline", "x", ""},
      {"only"},
  };
  std::string text;
  for (const auto& record : records) text += CsvRow(record);
  auto parsed = ParseCsv(text);
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ(*parsed, records);
}

TEST(CsvTest, AcceptsCrLfAndAMissingFinalTerminator) {
  auto parsed = ParseCsv("a,b\r\n\"c\r\nd\",e");
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  const std::vector<std::vector<std::string>> expected = {{"a", "b"}, {"c\r\nd", "e"}};
  EXPECT_EQ(*parsed, expected);
}

TEST(CsvTest, RejectsMalformedQuoting) {
  for (const char* text : {"a,\"unterminated\n", "a,b\"c\n", "\"x\"y,z\n"}) {
    EXPECT_EQ(ParseCsv(text).status().code(), absl::StatusCode::kInvalidArgument) << text;
  }
}

}  // namespace
}  // namespace liaison::demo
