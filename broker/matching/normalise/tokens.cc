#include "broker/matching/normalise/tokens.h"

#include <utility>

#include "absl/strings/ascii.h"

namespace liaison::matching::normalise {
namespace {

// U+2019 RIGHT SINGLE QUOTATION MARK, the typographic apostrophe.
constexpr absl::string_view kRightQuoteUtf8 = "\xE2\x80\x99";

// The length of the apostrophe starting at text[i], or 0 when there is none.
size_t ApostropheLength(absl::string_view text, size_t i) {
  if (text[i] == '\'' || text[i] == '`') return 1;
  if (text.substr(i, kRightQuoteUtf8.size()) == kRightQuoteUtf8) return kRightQuoteUtf8.size();
  return 0;
}

}  // namespace

std::vector<std::string> SplitTokens(absl::string_view text) {
  std::vector<std::string> tokens;
  std::string current;
  for (size_t i = 0; i < text.size();) {
    if (const size_t skip = ApostropheLength(text, i); skip > 0) {
      i += skip;
      continue;
    }
    const unsigned char c = static_cast<unsigned char>(text[i++]);
    if (absl::ascii_isalnum(c)) {
      current.push_back(absl::ascii_tolower(c));
    } else if (!current.empty()) {
      tokens.push_back(std::move(current));
      current.clear();
    }
  }
  if (!current.empty()) tokens.push_back(std::move(current));
  return tokens;
}

}  // namespace liaison::matching::normalise
