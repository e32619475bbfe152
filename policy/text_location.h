#ifndef LIAISON_POLICY_TEXT_LOCATION_H_
#define LIAISON_POLICY_TEXT_LOCATION_H_

// Where in a policy textproto a problem is: the parser's errors as
// "<origin>:<line>:<column>: message", and the line of a field reached by a
// path from the root message. Used by the loader only.

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/io/tokenizer.h"
#include "google/protobuf/text_format.h"

namespace liaison::policy::internal {

class CollectErrors : public google::protobuf::io::ErrorCollector {
 public:
  CollectErrors(std::string origin, absl::string_view text) : origin_(std::move(origin)), text_(text) {}
  void AddError(int line, int column, const std::string& message) override {
    // The parser reports an unknown enum value at the token after it; point
    // at the value itself.
    static constexpr char kEnum[] = "Unknown enumeration value of \"";
    if (const size_t at = message.find(kEnum); at != std::string::npos) {
      const size_t start = at + sizeof(kEnum) - 1;
      const std::string value = message.substr(start, message.find('"', start) - start);
      FindBefore(value, &line, &column);
    }
    errors_.push_back(absl::StrCat(origin_, ":", line + 1, ":", column + 1, ": ", message));
  }
  void AddWarning(int line, int column, const std::string& message) override {}
  const std::vector<std::string>& errors() const { return errors_; }

 private:
  // Moves (line, column) back to the last occurrence of `token` before it.
  void FindBefore(const std::string& token, int* line, int* column) const {
    if (token.empty()) return;
    size_t offset = 0;
    for (int l = 0; l < *line && offset != absl::string_view::npos; ++l) {
      offset = text_.find('\n', offset);
      if (offset != absl::string_view::npos) ++offset;
    }
    if (offset == absl::string_view::npos) return;
    const size_t found = text_.rfind(token, offset + *column);
    if (found == absl::string_view::npos) return;
    int l = 0;
    size_t line_start = 0;
    for (size_t i = 0; i < found; ++i) {
      if (text_[i] == '\n') {
        ++l;
        line_start = i + 1;
      }
    }
    *line = l;
    *column = static_cast<int>(found - line_start);
  }

  std::string origin_;
  absl::string_view text_;
  std::vector<std::string> errors_;
};

// One step of a path into the parsed message: a field and, for repeated
// fields, an index (-1 otherwise).
struct Step {
  const char* field;
  int index = -1;
};

// The line (1-based) of the deepest element of `path` that was written in
// the file; 0 when none (or no tree).
int LineOf(const google::protobuf::TextFormat::ParseInfoTree* tree, const std::vector<Step>& path);

}  // namespace liaison::policy::internal

#endif  // LIAISON_POLICY_TEXT_LOCATION_H_
