#ifndef LIAISON_TESTS_E2E_CTL_JSON_H_
#define LIAISON_TESTS_E2E_CTL_JSON_H_

// Reading liaisonctl --json output: one proto-JSON object per line.

#include <string>
#include <vector>

#include "absl/strings/str_split.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"

namespace liaison::testing {

template <typename T>
std::vector<T> ParseJsonLines(const std::string& out) {
  std::vector<T> messages;
  for (absl::string_view line : absl::StrSplit(out, '\n', absl::SkipEmpty())) {
    T message;
    auto status = google::protobuf::util::JsonStringToMessage(std::string(line), &message);
    EXPECT_TRUE(status.ok()) << status << ": " << line;
    messages.push_back(std::move(message));
  }
  return messages;
}

}  // namespace liaison::testing

#endif  // LIAISON_TESTS_E2E_CTL_JSON_H_
