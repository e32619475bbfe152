#include "broker/ctl/text_table.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace liaison::ctl {
namespace {

constexpr absl::string_view kSeparator = " | ";
constexpr absl::string_view kRuleSeparator = "-+-";

bool IsContinuationByte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// The bytes taken by the first `count` code points of `text` (all of it
// when it is shorter).
size_t PrefixBytes(absl::string_view text, size_t count) {
  size_t points = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (IsContinuationByte(text[i])) continue;
    if (points == count) return i;
    ++points;
  }
  return text.size();
}

// Control characters (line breaks, tabs, terminal escapes) as spaces.
std::string WithoutControls(std::string text) {
  for (char& c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f) c = ' ';
  }
  return text;
}

std::string Pad(absl::string_view text, size_t width, bool align_right) {
  const size_t used = DisplayWidth(text);
  const std::string fill(width > used ? width - used : 0, ' ');
  return align_right ? absl::StrCat(fill, text) : absl::StrCat(text, fill);
}

}  // namespace

size_t DisplayWidth(absl::string_view text) {
  return static_cast<size_t>(std::count_if(text.begin(), text.end(),
                                           [](char c) { return !IsContinuationByte(c); }));
}

std::vector<std::string> WrapText(absl::string_view text, size_t width) {
  std::vector<std::string> lines;
  std::string line;
  for (absl::string_view word : absl::StrSplit(text, ' ', absl::SkipEmpty())) {
    if (DisplayWidth(word) > width) {
      if (!line.empty()) lines.push_back(std::exchange(line, ""));
      while (DisplayWidth(word) > width) {
        const size_t cut = PrefixBytes(word, width);
        lines.emplace_back(word.substr(0, cut));
        word.remove_prefix(cut);
      }
    }
    if (line.empty()) {
      line = std::string(word);
    } else if (DisplayWidth(line) + 1 + DisplayWidth(word) <= width) {
      absl::StrAppend(&line, " ", word);
    } else {
      lines.push_back(std::exchange(line, std::string(word)));
    }
  }
  if (!line.empty() || lines.empty()) lines.push_back(line);
  return lines;
}

TextTable::TextTable(std::vector<Column> columns) : columns_(std::move(columns)) {
  for (Column& column : columns_) column.header = WithoutControls(std::move(column.header));
}

TextTable& TextTable::AddRow(std::vector<std::string> cells) {
  for (std::string& cell : cells) cell = WithoutControls(std::move(cell));
  rows_.push_back(std::move(cells));
  return *this;
}

std::vector<size_t> TextTable::FitWidths(size_t width) const {
  std::vector<size_t> widths;
  std::vector<size_t> minimums;
  size_t total = kSeparator.size() * (columns_.size() - 1);
  for (size_t c = 0; c < columns_.size(); ++c) {
    const size_t header = DisplayWidth(columns_[c].header);
    size_t natural = header;
    for (const auto& row : rows_) natural = std::max(natural, DisplayWidth(row[c]));
    widths.push_back(natural);
    minimums.push_back(columns_[c].wrap ? std::min(natural, std::max(kMinWrapWidth, header))
                                        : natural);
    total += natural;
  }
  // Narrow the widest column that may still narrow, one step at a time, so
  // the long columns end up sharing the room evenly.
  while (total > width) {
    size_t widest = columns_.size();
    for (size_t c = 0; c < columns_.size(); ++c) {
      if (widths[c] > minimums[c] && (widest == columns_.size() || widths[c] > widths[widest])) {
        widest = c;
      }
    }
    if (widest == columns_.size()) break;
    --widths[widest];
    --total;
  }
  return widths;
}

std::string TextTable::RenderRow(const std::vector<std::string>& cells,
                                 const std::vector<size_t>& widths) const {
  std::vector<std::vector<std::string>> wrapped;
  size_t height = 1;
  for (size_t c = 0; c < columns_.size(); ++c) {
    wrapped.push_back(WrapText(cells[c], std::max<size_t>(widths[c], 1)));
    height = std::max(height, wrapped.back().size());
  }
  std::string text;
  for (size_t line = 0; line < height; ++line) {
    std::string row;
    for (size_t c = 0; c < columns_.size(); ++c) {
      if (c > 0) absl::StrAppend(&row, kSeparator);
      const std::string part = line < wrapped[c].size() ? wrapped[c][line] : "";
      absl::StrAppend(&row, Pad(part, widths[c], columns_[c].align_right));
    }
    absl::StrAppend(&text, absl::StripTrailingAsciiWhitespace(row), "\n");
  }
  return text;
}

std::string TextTable::Render(size_t width) const {
  if (columns_.empty()) return "";
  const std::vector<size_t> widths = FitWidths(width);
  std::vector<std::string> headers;
  std::vector<std::string> rules;
  for (size_t c = 0; c < columns_.size(); ++c) {
    headers.push_back(columns_[c].header);
    rules.emplace_back(widths[c], '-');
  }
  std::string text = RenderRow(headers, widths);
  absl::StrAppend(&text, absl::StrJoin(rules, kRuleSeparator), "\n");
  for (const auto& row : rows_) absl::StrAppend(&text, RenderRow(row, widths));
  return text;
}

}  // namespace liaison::ctl
