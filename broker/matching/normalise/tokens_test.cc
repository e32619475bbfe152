#include "broker/matching/normalise/tokens.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace liaison::matching::normalise {
namespace {

using ::testing::ElementsAreArray;

struct TokensCase {
  std::string input;
  std::vector<std::string> expected;
};

class SplitTokensTest : public ::testing::TestWithParam<TokensCase> {};

TEST_P(SplitTokensTest, Splits) { EXPECT_THAT(SplitTokens(GetParam().input), ElementsAreArray(GetParam().expected)); }

INSTANTIATE_TEST_SUITE_P(Cases, SplitTokensTest,
                         ::testing::Values(TokensCase{"", {}}, TokensCase{"   ", {}}, TokensCase{"o'brien", {"obrien"}},
                                           TokensCase{"o`brien", {"obrien"}}, TokensCase{"o\u2019brien", {"obrien"}},
                                           TokensCase{"  mary-jane  ", {"mary", "jane"}},
                                           TokensCase{"Flat 2, 14a", {"flat", "2", "14a"}},
                                           TokensCase{"a.b/c--d", {"a", "b", "c", "d"}}, TokensCase{"'", {}},
                                           TokensCase{"caf\xC3\xA9 x", {"caf", "x"}}));

}  // namespace
}  // namespace liaison::matching::normalise
