#include "broker/matching/text/similarity.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace liaison::matching::text {
namespace {

constexpr double kTolerance = 0.001;

struct ScoreCase {
  std::string a;
  std::string b;
  double expected;
};

struct DistanceCase {
  std::string a;
  std::string b;
  int expected;
};

// Published pairs (Winkler's census examples) and their values, each also
// worked by hand: e.g. DIXON/DICKSONX has window 3, matches D, I, O, N and no
// transpositions, so (4/5 + 4/8 + 4/4) / 3 = 0.767.
TEST(JaroTest, MatchesPublishedValues) {
  const std::vector<ScoreCase> cases = {
      {"MARTHA", "MARHTA", 0.944},
      {"DIXON", "DICKSONX", 0.767},
      {"DWAYNE", "DUANE", 0.822},
      {"JELLYFISH", "SMELLYFISH", 0.896},
      {"abc", "abc", 1.0},
      {"abc", "xyz", 0.0},
      {"", "", 1.0},
      {"", "abc", 0.0},
      {"abc", "", 0.0},
  };
  for (const ScoreCase& c : cases) {
    EXPECT_NEAR(Jaro(c.a, c.b), c.expected, kTolerance) << c.a << " / " << c.b;
    EXPECT_NEAR(Jaro(c.b, c.a), c.expected, kTolerance) << c.b << " / " << c.a << " (swapped)";
  }
}

// Characters further apart than the window do not match: for "ab"/"ba" the
// window is 0, so nothing matches.
TEST(JaroTest, IgnoresMatchesOutsideTheWindow) {
  EXPECT_DOUBLE_EQ(Jaro("ab", "ba"), 0.0);
  EXPECT_NEAR(Jaro("abcd", "badc"), (1.0 + 1.0 + 0.5) / 3.0, kTolerance);  // window 1, two swaps
}

TEST(JaroWinklerTest, MatchesPublishedValues) {
  const std::vector<ScoreCase> cases = {
      {"MARTHA", "MARHTA", 0.961},
      {"DIXON", "DICKSONX", 0.813},
      {"DWAYNE", "DUANE", 0.840},
      {"smith", "smith", 1.0},
      {"", "smith", 0.0},
      {"smith", "", 0.0},
      {"", "", 1.0},
  };
  for (const ScoreCase& c : cases) {
    EXPECT_NEAR(JaroWinkler(c.a, c.b), c.expected, kTolerance) << c.a << " / " << c.b;
    EXPECT_NEAR(JaroWinkler(c.b, c.a), c.expected, kTolerance) << c.b << " / " << c.a << " (swapped)";
  }
}

TEST(JaroWinklerTest, PrefixBonusStopsAtFourCharacters) {
  // Jaro of abcdefgh/abcdefgx is (7/8 + 7/8 + 1) / 3 = 0.9167; a five-letter
  // common prefix still earns only 4 * 0.1 of the gap.
  const double jaro = Jaro("abcdefgh", "abcdefgx");
  EXPECT_NEAR(jaro, 0.9167, kTolerance);
  EXPECT_NEAR(JaroWinkler("abcdefgh", "abcdefgx"), jaro + 0.4 * (1.0 - jaro), 1e-9);
  EXPECT_DOUBLE_EQ(JaroWinkler("xbc", "ybc"), Jaro("xbc", "ybc"));  // no common prefix
}

TEST(LevenshteinTest, CountsInsertionsDeletionsAndSubstitutions) {
  const std::vector<DistanceCase> cases = {
      {"kitten", "sitting", 3}, {"flaw", "lawn", 2}, {"", "", 0},      {"", "abc", 3}, {"abc", "", 3},
      {"abc", "abc", 0},        {"ab", "ba", 2},     {"ca", "abc", 3}, {"a", "b", 1},
  };
  for (const DistanceCase& c : cases) {
    EXPECT_EQ(Levenshtein(c.a, c.b), c.expected) << c.a << " / " << c.b;
    EXPECT_EQ(Levenshtein(c.b, c.a), c.expected) << c.b << " / " << c.a << " (swapped)";
  }
}

TEST(DamerauLevenshteinTest, CountsAnAdjacentTranspositionAsOneEdit) {
  const std::vector<DistanceCase> cases = {
      {"ab", "ba", 1},
      {"ca", "ac", 1},
      {"abcd", "abdc", 1},
      {"kitten", "sitting", 3},
      {"flaw", "lawn", 2},
      {"", "", 0},
      {"", "abc", 3},
      {"abc", "abc", 0},
      {"smith", "msith", 1},
      {"ashworth", "ashowrth", 1},
      // Optimal string alignment edits no substring twice: "ca" -> "abc" is 3
      // here, where the unrestricted Damerau-Levenshtein distance is 2.
      {"ca", "abc", 3},
  };
  for (const DistanceCase& c : cases) {
    EXPECT_EQ(DamerauLevenshtein(c.a, c.b), c.expected) << c.a << " / " << c.b;
    EXPECT_EQ(DamerauLevenshtein(c.b, c.a), c.expected) << c.b << " / " << c.a << " (swapped)";
  }
}

struct OneEditCase {
  std::string a;
  std::string b;
  bool expected;
};

TEST(WithinOneEditTest, AcceptsAtMostOneEdit) {
  const std::vector<OneEditCase> cases = {
      {"", "", true},
      {"smith", "smith", true},
      {"smith", "smyth", true},   // substitution
      {"smith", "smiths", true},  // insertion at the end
      {"smith", "ssmith", true},  // insertion at the start
      {"smith", "smth", true},    // deletion in the middle
      {"smith", "msith", true},   // transposition at the start
      {"smith", "smiht", true},   // transposition at the end
      {"", "a", true},
      {"a", "", true},
      {"", "ab", false},  // length difference 2
      {"smith", "smithson", false},
      {"smith", "sm", false},
      {"smith", "smoth", true},
      {"smith", "smoht", false},  // substitution and transposition
      {"smith", "msiht", false},  // two transpositions
      {"smith", "tsmih", false},  // a rotation is not a transposition
      {"abc", "cba", false},      // swap of non-adjacent letters
      {"smith", "smyt", false},   // substitution and deletion
      {"kitten", "sitting", false},
  };
  for (const OneEditCase& c : cases) {
    EXPECT_EQ(WithinOneEdit(c.a, c.b), c.expected) << c.a << " / " << c.b;
    EXPECT_EQ(WithinOneEdit(c.b, c.a), c.expected) << c.b << " / " << c.a << " (swapped)";
  }
}

// WithinOneEdit is the linear-time form of DamerauLevenshtein(a, b) <= 1:
// check that they agree on every pair of short strings over a small
// alphabet.
TEST(WithinOneEditTest, AgreesWithDamerauLevenshteinOnAllShortStrings) {
  std::vector<std::string> words = {""};
  for (size_t start = 0; start < words.size(); ++start) {
    if (words[start].size() == 4) continue;
    for (char c : {'a', 'b', 'c'}) words.push_back(words[start] + c);
  }
  for (const std::string& a : words) {
    for (const std::string& b : words) {
      ASSERT_EQ(WithinOneEdit(a, b), DamerauLevenshtein(a, b) <= 1) << a << " / " << b;
    }
  }
}

}  // namespace
}  // namespace liaison::matching::text
