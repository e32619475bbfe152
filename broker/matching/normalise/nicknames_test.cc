#include "broker/matching/normalise/nicknames.h"

#include <string>

#include "gtest/gtest.h"

namespace liaison::matching::normalise {
namespace {

struct PairCase {
  std::string a;
  std::string b;
  bool expected;
};

class AreNicknamesTest : public ::testing::TestWithParam<PairCase> {};

TEST_P(AreNicknamesTest, Decides) {
  const PairCase& c = GetParam();
  EXPECT_EQ(AreNicknames(c.a, c.b), c.expected) << c.a << " / " << c.b;
  EXPECT_EQ(AreNicknames(c.b, c.a), c.expected) << c.b << " / " << c.a << " (symmetry)";
}

INSTANTIATE_TEST_SUITE_P(Cases, AreNicknamesTest,
                         ::testing::Values(PairCase{"bob", "robert", true}, PairCase{"bobby", "rob", true},
                                           PairCase{"liz", "beth", true}, PairCase{"peggy", "margaret", true},
                                           PairCase{"bill", "william", true}, PairCase{"liam", "billy", true},
                                           PairCase{"kate", "katherine", true}, PairCase{"kathryn", "catherine", true},
                                           PairCase{"jack", "john", true}, PairCase{"dick", "richard", true},
                                           PairCase{"bert", "albert", true},  // bert is in several groups
                                           PairCase{"bert", "herbert", true}, PairCase{"kit", "christopher", true},
                                           PairCase{"kit", "kathy", true}, PairCase{"robert", "robert", false},
                                           PairCase{"bob", "bob", false}, PairCase{"bob", "william", false},
                                           PairCase{"robert", "albert", false},  // share a nickname, are not one
                                           PairCase{"zzyzx", "robert", false}, PairCase{"zzyzx", "qwerty", false},
                                           PairCase{"", "bob", false}, PairCase{"Bob", "robert", false}));

}  // namespace
}  // namespace liaison::matching::normalise
