#ifndef LIAISON_BROKER_CTL_TEXT_TABLE_H_
#define LIAISON_BROKER_CTL_TEXT_TABLE_H_

#include <cstddef>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace liaison::ctl {

// A table of text columns fitted to a terminal width, for side-by-side
// views. Columns are separated by " | " and the header by a "-+-" rule.
// When the natural widths do not fit, the widest wrappable columns are
// narrowed and their cells wrapped at spaces (a word longer than its column
// is cut), so every value is shown in full; no column is narrowed below
// its header or kMinWrapWidth. Widths count UTF-8 code points: text lines
// up unless it holds double-width or combining characters. Control
// characters in cells are shown as spaces. Not thread-safe.
class TextTable {
 public:
  static constexpr size_t kMinWrapWidth = 8;

  struct Column {
    std::string header;
    bool align_right = false;
    // May be narrowed, its cells wrapped, to fit the width.
    bool wrap = true;
  };

  explicit TextTable(std::vector<Column> columns);

  // Adds a row. REQUIRES: cells.size() equals the number of columns.
  TextTable& AddRow(std::vector<std::string> cells);

  // The header, the rule and the rows, each line ending in '\n' without
  // trailing spaces. Lines are at most `width` code points unless the
  // columns cannot be narrowed that far.
  std::string Render(size_t width) const;

 private:
  std::vector<size_t> FitWidths(size_t width) const;
  std::string RenderRow(const std::vector<std::string>& cells,
                        const std::vector<size_t>& widths) const;

  std::vector<Column> columns_;
  std::vector<std::vector<std::string>> rows_;
};

// The number of UTF-8 code points in `text`.
size_t DisplayWidth(absl::string_view text);

// `text` wrapped into lines of at most `width` code points, breaking at
// spaces where it can; one empty line for empty text. REQUIRES: width > 0.
std::vector<std::string> WrapText(absl::string_view text, size_t width);

}  // namespace liaison::ctl

#endif  // LIAISON_BROKER_CTL_TEXT_TABLE_H_
