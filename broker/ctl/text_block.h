#ifndef LIAISON_BROKER_CTL_TEXT_BLOCK_H_
#define LIAISON_BROKER_CTL_TEXT_BLOCK_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/string_view.h"

namespace liaison::ctl {

// A block of "key: value" lines with the values aligned, for readable
// output. Empty values are left out; a value's line breaks continue at the
// value column. Not thread-safe.
class TextBlock {
 public:
  // Adds a line; nothing when `value` is empty.
  TextBlock& Add(absl::string_view key, absl::string_view value);

  // The block, one line per non-empty value, each ending in '\n'.
  std::string Render() const;

 private:
  std::vector<std::pair<std::string, std::string>> lines_;
};

}  // namespace liaison::ctl

#endif  // LIAISON_BROKER_CTL_TEXT_BLOCK_H_
