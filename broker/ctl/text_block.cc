#include "broker/ctl/text_block.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"

namespace liaison::ctl {

TextBlock& TextBlock::Add(absl::string_view key, absl::string_view value) {
  if (!value.empty()) lines_.emplace_back(std::string(key), std::string(value));
  return *this;
}

std::string TextBlock::Render() const {
  size_t width = 0;
  for (const auto& [key, value] : lines_) width = std::max(width, key.size() + 1);
  const std::string continuation = absl::StrCat("\n", std::string(width + 1, ' '));
  std::string text;
  for (const auto& [key, value] : lines_) {
    absl::StrAppend(&text, key, ":", std::string(width - key.size(), ' '),
                    absl::StrReplaceAll(value, {{"\r\n", continuation}, {"\n", continuation}}),
                    "\n");
  }
  return text;
}

}  // namespace liaison::ctl
