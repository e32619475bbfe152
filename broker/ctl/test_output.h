#ifndef LIAISON_BROKER_CTL_TEST_OUTPUT_H_
#define LIAISON_BROKER_CTL_TEST_OUTPUT_H_

// Test helpers for reading what a command printed.

#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/str_split.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"

namespace liaison::ctl {

// The non-empty lines of `text`.
inline std::vector<std::string> Lines(const std::string& text) {
  return absl::StrSplit(text, '\n', absl::SkipEmpty());
}

// The `sequence` of each --json line parsed as a T (an Alert or an
// AuditEntry); fails the test on a line that does not parse.
template <typename T>
std::vector<uint64_t> JsonLineSequences(const std::string& out) {
  std::vector<uint64_t> sequences;
  for (const std::string& line : Lines(out)) {
    T message;
    EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(line, &message).ok()) << line;
    sequences.push_back(message.sequence());
  }
  return sequences;
}

}  // namespace liaison::ctl

#endif  // LIAISON_BROKER_CTL_TEST_OUTPUT_H_
