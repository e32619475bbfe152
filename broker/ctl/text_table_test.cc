#include "broker/ctl/text_table.h"

#include <string>
#include <vector>

#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace liaison::ctl {
namespace {

using ::testing::ElementsAre;

TEST(WrapTextTest, BreaksAtSpacesAndCutsLongWords) {
  EXPECT_THAT(WrapText("one two three", 7), ElementsAre("one two", "three"));
  EXPECT_THAT(WrapText("a  b", 10), ElementsAre("a b"));
  EXPECT_THAT(WrapText("abcdefghij xy", 4), ElementsAre("abcd", "efgh", "ij", "xy"));
  EXPECT_THAT(WrapText("", 5), ElementsAre(""));
  // Widths count code points: "Zoë" is three, and a cut never splits one.
  EXPECT_THAT(WrapText("Zoë Zoë", 3), ElementsAre("Zoë", "Zoë"));
  EXPECT_THAT(WrapText("ëëëë", 3), ElementsAre("ëëë", "ë"));
}

TEST(DisplayWidthTest, CountsCodePoints) {
  EXPECT_EQ(DisplayWidth("abc"), 3u);
  EXPECT_EQ(DisplayWidth("Zoë…"), 4u);
}

TextTable ThreeColumns() {
  return TextTable({{"K"}, {"VALUE"}, {"N", /*align_right=*/true, /*wrap=*/false}});
}

TEST(TextTableTest, NaturalWidthsWhenTheyFit) {
  TextTable table = ThreeColumns();
  table.AddRow({"a", "xy", "1.00"}).AddRow({"bb", "", "-12.50"});
  EXPECT_EQ(table.Render(100),
            "K  | VALUE |      N\n"
            "---+-------+-------\n"
            "a  | xy    |   1.00\n"
            "bb |       | -12.50\n");
}

TEST(TextTableTest, WrapsTheWidestColumnToFit) {
  TextTable table = ThreeColumns();
  table.AddRow({"k", "the quick brown fox jumps over the lazy dog", "1"});
  const std::string text = table.Render(20);
  EXPECT_EQ(text,
            "K | VALUE        | N\n"
            "--+--------------+--\n"
            "k | the quick    | 1\n"
            "  | brown fox    |\n"
            "  | jumps over   |\n"
            "  | the lazy dog |\n");
  for (absl::string_view line : absl::StrSplit(text, '\n')) EXPECT_LE(DisplayWidth(line), 20u);
}

TEST(TextTableTest, ControlCharactersAreShownAsSpaces) {
  TextTable table({{"A"}});
  table.AddRow({"x\x1b[31my\nz"});
  EXPECT_EQ(table.Render(80), "A\n---------\nx [31my z\n");
}

TEST(TextTableTest, NeverNarrowsBelowTheHeaderOrMinimum) {
  TextTable table({{"LONG HEADER"}, {"V"}});
  table.AddRow({"a b c d e f g h i j k l m n o p", "v w x y z v w x y z"});
  const std::vector<std::string> lines = absl::StrSplit(table.Render(10), '\n');
  EXPECT_EQ(lines[0], "LONG HEADER | V");
  EXPECT_EQ(lines[1], "------------+---------");
}

}  // namespace
}  // namespace liaison::ctl
