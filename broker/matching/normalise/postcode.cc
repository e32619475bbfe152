#include "broker/matching/normalise/postcode.h"

#include "absl/strings/ascii.h"
#include "broker/identifiers/identifiers.h"

namespace liaison::matching::normalise {
namespace {

// The UK outward codes, 'a' a letter and '9' a digit; the inward code is
// always "9aa".
constexpr absl::string_view kOutwardShapes[] = {"a9", "a99", "aa9", "aa99", "a9a", "aa9a"};
constexpr absl::string_view kInwardShape = "9aa";

bool FitsShape(absl::string_view text, absl::string_view shape) {
  if (text.size() != shape.size()) return false;
  for (size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (shape[i] == '9' ? !absl::ascii_isdigit(c) : !absl::ascii_isalpha(c)) return false;
  }
  return true;
}

bool IsUkShape(absl::string_view compact) {
  if (compact.size() <= kInwardShape.size()) return false;
  const size_t split = compact.size() - kInwardShape.size();
  if (!FitsShape(compact.substr(split), kInwardShape)) return false;
  for (absl::string_view shape : kOutwardShapes) {
    if (FitsShape(compact.substr(0, split), shape)) return true;
  }
  return false;
}

// Lower case without spaces and hyphens; nullopt when anything but ASCII
// letters and digits remains.
std::optional<std::string> Compact(absl::string_view input) {
  std::string compact;
  for (char ch : input) {
    const unsigned char c = static_cast<unsigned char>(ch);
    if (absl::ascii_isspace(c) || c == '-') continue;
    if (!absl::ascii_isalnum(c)) return std::nullopt;
    compact.push_back(absl::ascii_tolower(c));
  }
  return compact;
}

Postcode UkPostcode(const std::string& compact) {
  const absl::string_view outward = absl::string_view(compact).substr(0, compact.size() - kInwardShape.size());
  size_t area_length = 0;
  while (absl::ascii_isalpha(static_cast<unsigned char>(outward[area_length]))) ++area_length;
  Postcode postcode;
  postcode.full = compact;
  postcode.sector = compact.substr(0, outward.size() + 1);
  postcode.district = std::string(outward);
  postcode.area = std::string(outward.substr(0, area_length));
  postcode.uk = true;
  return postcode;
}

// Prefixes of `compact`, which may be shorter than a field asks for.
Postcode OtherPostcode(const std::string& compact) {
  Postcode postcode;
  postcode.full = compact;
  postcode.sector = compact.substr(0, compact.size() - 1);
  postcode.district = compact.size() >= 2 ? compact.substr(0, compact.size() - 2) : "";
  postcode.area = compact.substr(0, 1);
  return postcode;
}

}  // namespace

std::optional<Postcode> NormalisePostcode(absl::string_view input) {
  std::optional<std::string> compact = Compact(input);
  if (!compact.has_value() || compact->empty()) return std::nullopt;
  if (identifiers::IsPlaceholderPostcode(*compact)) return std::nullopt;
  return IsUkShape(*compact) ? UkPostcode(*compact) : OtherPostcode(*compact);
}

}  // namespace liaison::matching::normalise
