// Checks every row of the shared identifier vectors
// (../shared/data/identifiers/identifiers.csv) against Canonicalize.

#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "absl/strings/strip.h"
#include "broker/identifiers/identifiers.h"
#include "gtest/gtest.h"

namespace liaison::identifiers {
namespace {

using liaison::v1::IdentifierType;

constexpr absl::string_view kHeader = "kind,input,expected,canonical,note";
// The vectors include two-digit years up to 21 (2021) and from 79 (1979).
const absl::CivilYear kCurrentYear(2026);

std::string ReadFile(const std::string& path, bool* ok) {
  std::ifstream in(path, std::ios::binary);
  *ok = in.good();
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// Lines without their terminators; blank lines dropped.
std::vector<std::string> NonBlankLines(absl::string_view text) {
  std::vector<std::string> lines;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    absl::ConsumeSuffix(&line, "\r");
    if (!line.empty()) lines.emplace_back(line);
  }
  return lines;
}

const std::map<std::string, IdentifierType>& Kinds() {
  static const auto* kinds = new std::map<std::string, IdentifierType>{
      {"pnc", liaison::v1::IDENTIFIER_TYPE_PNC},
      {"cro", liaison::v1::IDENTIFIER_TYPE_CRO},
      {"noms", liaison::v1::IDENTIFIER_TYPE_NOMS},
      {"crn", liaison::v1::IDENTIFIER_TYPE_CRN},
  };
  return *kinds;
}

// Checks one data row; returns true when the row could be checked at all
// (right number of fields, known kind and expectation).
bool CheckRow(const std::vector<std::string>& f) {
  if (f.size() != 5) return false;
  const std::string &kind = f[0], &input = f[1], &expected = f[2], &canonical = f[3], &note = f[4];
  auto type = Kinds().find(kind);
  if (type == Kinds().end()) return false;
  auto got = Canonicalize(type->second, input, kCurrentYear);
  if (expected == "valid") {
    EXPECT_TRUE(got.ok()) << got.status();
    if (got.ok()) {
      EXPECT_TRUE(got->has_value());
      EXPECT_EQ(got->value_or("<nullopt>"), canonical);
    }
    return true;
  }
  if (expected != "invalid") return false;
  if (absl::StrContains(note, "placeholder")) {
    EXPECT_TRUE(got.ok()) << got.status();
    if (got.ok()) {
      EXPECT_FALSE(got->has_value()) << "placeholder must read as absent";
    }
    return true;
  }
  EXPECT_EQ(got.status().code(), absl::StatusCode::kInvalidArgument);
  if (!input.empty()) {
    EXPECT_FALSE(absl::StrContains(got.status().message(), input)) << "message leaks the value";
  }
  return true;
}

TEST(IdentifierVectorsTest, EveryRowOfTheSharedVectorsHolds) {
  bool ok = false;
  const std::string text = ReadFile(LIAISON_IDENTIFIER_VECTORS, &ok);
  ASSERT_TRUE(ok) << "cannot read the identifier vectors at " << LIAISON_IDENTIFIER_VECTORS;
  const std::vector<std::string> lines = NonBlankLines(text);
  ASSERT_FALSE(lines.empty());
  ASSERT_EQ(lines[0], kHeader);
  const size_t data_rows = lines.size() - 1;
  ASSERT_GT(data_rows, 50u) << "the vectors file looks truncated";

  size_t checked = 0;
  for (size_t i = 1; i < lines.size(); ++i) {
    SCOPED_TRACE(testing::Message() << "vectors line " << i + 1 << ": " << lines[i]);
    const std::vector<std::string> fields = absl::StrSplit(lines[i], ',');
    if (CheckRow(fields)) {
      ++checked;
    } else {
      ADD_FAILURE() << "row not understood (fields, kind or expectation)";
    }
  }
  EXPECT_EQ(checked, data_rows);
  std::map<std::string, int> by_kind;
  for (size_t i = 1; i < lines.size(); ++i) ++by_kind[lines[i].substr(0, lines[i].find(','))];
  std::cout << "identifier vectors: " << checked << " of " << data_rows << " rows checked (";
  const char* separator = "";
  for (const auto& [kind, count] : by_kind) {
    std::cout << separator << kind << " " << count;
    separator = ", ";
  }
  std::cout << ")" << std::endl;
}

}  // namespace
}  // namespace liaison::identifiers
