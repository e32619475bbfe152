#ifndef LIAISON_ADAPTERS_POLICE_POLICE_TEST_UTIL_H_
#define LIAISON_ADAPTERS_POLICE_POLICE_TEST_UTIL_H_

// Shared by the police parser's tests: the samples in testdata/, CSV
// helpers and the error-message check. Test-only.

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "adapters/police/json_edit_for_test.h"
#include "adapters/police/police_parser.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"

namespace liaison::adapters::police::testing {

using ::liaison::adapters::testing::CsvLine;
using ::liaison::adapters::testing::HeaderAndRecord;
using ::liaison::adapters::testing::ReadTestFile;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

inline const absl::Time kNow = absl::FromCivil(absl::CivilSecond(2026, 11, 23, 12, 0, 0), absl::UTCTimeZone());

inline std::string Sample(const std::string& name) {
  std::string text = ReadTestFile(absl::StrCat(LIAISON_POLICE_TESTDATA, "/", name));
  while (!text.empty() && text.back() == '\n') text.pop_back();
  return text;
}

inline absl::StatusOr<std::vector<v1::Action>> ParseCsvText(const std::string& text) {
  const auto [header_line, record_line] = HeaderAndRecord(text);
  const std::vector<std::string> header = CsvLine(header_line);
  const std::vector<std::string> fields = CsvLine(record_line);
  return PoliceParser().ParseCsv(CsvRow{header, fields}, kNow);
}

// Replaces the value of `column` in a one-record CSV text.
inline std::string EditCsv(const std::string& text, const std::string& column, const std::string& value) {
  const auto [header_line, record_line] = HeaderAndRecord(text);
  const std::vector<std::string> header = CsvLine(header_line);
  std::vector<std::string> fields = CsvLine(record_line);
  for (size_t i = 0; i < header.size(); ++i) {
    if (header[i] == column) fields[i] = value;
  }
  std::string out = header_line + "\n";
  for (size_t i = 0; i < fields.size(); ++i) {
    out += absl::StrCat(i == 0 ? "" : ",", "\"", fields[i], "\"");
  }
  return out;
}

inline std::string Digestless(const std::string& ref) { return ref.substr(0, ref.rfind(':')); }

inline bool Equal(const google::protobuf::Message& a, const google::protobuf::Message& b) {
  return google::protobuf::util::MessageDifferencer::Equals(a, b);
}

// Values from the samples that must never appear in an error message.
inline const char* const kPersonalValues[] = {"QUIMBYTEST", "Testy",      "1985",   "0163001",
                                              "52494",      "FAKEVICTIM", "Nowhere"};

inline void ExpectFieldError(const absl::Status& status, const std::string& path, const std::string& input) {
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << input;
  EXPECT_THAT(std::string(status.message()), StartsWith(path + ": ")) << input;
  for (const char* value : kPersonalValues) {
    EXPECT_THAT(std::string(status.message()), Not(HasSubstr(value)));
  }
}

}  // namespace liaison::adapters::police::testing

#endif  // LIAISON_ADAPTERS_POLICE_POLICE_TEST_UTIL_H_
