#include "broker/matching/text/similarity.h"

#include <algorithm>
#include <cstddef>
#include <numeric>
#include <vector>

namespace liaison::matching::text {
namespace {

// Winkler's prefix bonus counts at most this many leading characters.
constexpr size_t kMaxWinklerPrefix = 4;
constexpr double kWinklerScale = 0.1;

// Which characters of `a` and `b` match under the Jaro window rule: each
// character of `a` takes the first unused equal character of `b` that lies
// within `window` positions of it.
struct JaroMatches {
  std::vector<bool> in_a;
  std::vector<bool> in_b;
  int count = 0;
};

JaroMatches FindJaroMatches(absl::string_view a, absl::string_view b) {
  const size_t longer = std::max(a.size(), b.size());
  const size_t window = longer / 2 > 0 ? longer / 2 - 1 : 0;
  JaroMatches matches{std::vector<bool>(a.size()), std::vector<bool>(b.size())};
  for (size_t i = 0; i < a.size(); ++i) {
    const size_t lo = i > window ? i - window : 0;
    const size_t hi = std::min(b.size(), i + window + 1);
    for (size_t j = lo; j < hi; ++j) {
      if (!matches.in_b[j] && a[i] == b[j]) {
        matches.in_a[i] = true;
        matches.in_b[j] = true;
        ++matches.count;
        break;
      }
    }
  }
  return matches;
}

// Half the number of matched characters that appear in a different order in
// the two strings, rounded down (as in Winkler's strcmp95).
int Transpositions(absl::string_view a, absl::string_view b, const JaroMatches& matches) {
  int out_of_order = 0;
  size_t j = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    if (!matches.in_a[i]) continue;
    while (!matches.in_b[j]) ++j;
    if (a[i] != b[j]) ++out_of_order;
    ++j;
  }
  return out_of_order / 2;
}

}  // namespace

double Jaro(absl::string_view a, absl::string_view b) {
  if (a.empty() && b.empty()) return 1.0;
  if (a.empty() || b.empty()) return 0.0;
  const JaroMatches matches = FindJaroMatches(a, b);
  if (matches.count == 0) return 0.0;
  const double m = matches.count;
  const double t = Transpositions(a, b, matches);
  return (m / static_cast<double>(a.size()) + m / static_cast<double>(b.size()) + (m - t) / m) / 3.0;
}

double JaroWinkler(absl::string_view a, absl::string_view b) {
  const double jaro = Jaro(a, b);
  const size_t limit = std::min({a.size(), b.size(), kMaxWinklerPrefix});
  size_t prefix = 0;
  while (prefix < limit && a[prefix] == b[prefix]) ++prefix;
  return jaro + static_cast<double>(prefix) * kWinklerScale * (1.0 - jaro);
}

int Levenshtein(absl::string_view a, absl::string_view b) {
  // previous[j] is the distance between the first i-1 bytes of a and the
  // first j bytes of b; current[j] the same for the first i bytes of a.
  std::vector<int> previous(b.size() + 1);
  std::vector<int> current(b.size() + 1);
  std::iota(previous.begin(), previous.end(), 0);
  for (size_t i = 1; i <= a.size(); ++i) {
    current[0] = static_cast<int>(i);
    for (size_t j = 1; j <= b.size(); ++j) {
      const int substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitution});
    }
    std::swap(previous, current);
  }
  return previous[b.size()];
}

int DamerauLevenshtein(absl::string_view a, absl::string_view b) {
  // Three rolling rows: before_previous (i-2), previous (i-1), current (i).
  std::vector<int> before_previous(b.size() + 1);
  std::vector<int> previous(b.size() + 1);
  std::vector<int> current(b.size() + 1);
  std::iota(previous.begin(), previous.end(), 0);
  for (size_t i = 1; i <= a.size(); ++i) {
    current[0] = static_cast<int>(i);
    for (size_t j = 1; j <= b.size(); ++j) {
      const int substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      int best = std::min({previous[j] + 1, current[j - 1] + 1, substitution});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        best = std::min(best, before_previous[j - 2] + 1);
      }
      current[j] = best;
    }
    std::swap(before_previous, previous);
    std::swap(previous, current);
  }
  return previous[b.size()];
}

bool WithinOneEdit(absl::string_view a, absl::string_view b) {
  if (a.size() < b.size()) std::swap(a, b);  // a is now the longer one
  if (a.size() - b.size() > 1) return false;
  size_t i = 0;
  while (i < b.size() && a[i] == b[i]) ++i;
  if (i == b.size()) return true;                                   // equal, or a has one extra byte at the end
  if (a.size() != b.size()) return a.substr(i + 1) == b.substr(i);  // deletion
  if (a.substr(i + 1) == b.substr(i + 1)) return true;              // substitution
  return i + 1 < a.size() && a[i] == b[i + 1] && a[i + 1] == b[i] && a.substr(i + 2) == b.substr(i + 2);
}

}  // namespace liaison::matching::text
