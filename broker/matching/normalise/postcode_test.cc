#include "broker/matching/normalise/postcode.h"

#include <string>

#include "gtest/gtest.h"

namespace liaison::matching::normalise {
namespace {

struct PostcodeCase {
  std::string input;
  std::string full;
  std::string sector;
  std::string district;
  std::string area;
  bool uk;
};

class PostcodeTest : public ::testing::TestWithParam<PostcodeCase> {};

TEST_P(PostcodeTest, Splits) {
  const PostcodeCase& c = GetParam();
  const std::optional<Postcode> postcode = NormalisePostcode(c.input);
  ASSERT_TRUE(postcode.has_value());
  EXPECT_EQ(postcode->full, c.full);
  EXPECT_EQ(postcode->sector, c.sector);
  EXPECT_EQ(postcode->district, c.district);
  EXPECT_EQ(postcode->area, c.area);
  EXPECT_EQ(postcode->uk, c.uk);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, PostcodeTest,
    ::testing::Values(PostcodeCase{"sw1a 1aa", "sw1a1aa", "sw1a1", "sw1a", "sw", true},
                      PostcodeCase{"SW1A1AA", "sw1a1aa", "sw1a1", "sw1a", "sw", true},
                      PostcodeCase{"sw1a-1aa", "sw1a1aa", "sw1a1", "sw1a", "sw", true},
                      PostcodeCase{"  Sw1A \t1Aa ", "sw1a1aa", "sw1a1", "sw1a", "sw", true},
                      PostcodeCase{"M1 1AE", "m11ae", "m11", "m1", "m", true},           // A9 9AA
                      PostcodeCase{"B33 8TH", "b338th", "b338", "b33", "b", true},       // A99 9AA
                      PostcodeCase{"CR2 6XH", "cr26xh", "cr26", "cr2", "cr", true},      // AA9 9AA
                      PostcodeCase{"DN55 1PT", "dn551pt", "dn551", "dn55", "dn", true},  // AA99 9AA
                      PostcodeCase{"W1A 0AX", "w1a0ax", "w1a0", "w1a", "w", true},       // A9A 9AA
                      PostcodeCase{"EC1A 1BB", "ec1a1bb", "ec1a1", "ec1a", "ec", true},  // AA9A 9AA
                      PostcodeCase{"2135", "2135", "213", "21", "2", false},             // Australia
                      PostcodeCase{"SW1A 1A1", "sw1a1a1", "sw1a1a", "sw1a1", "s", false},
                      PostcodeCase{"ABC1 1AA", "abc11aa", "abc11a", "abc11", "a", false},
                      PostcodeCase{"7", "7", "", "", "7", false}));

class RejectedPostcodeTest : public ::testing::TestWithParam<std::string> {};

TEST_P(RejectedPostcodeTest, IsAbsent) { EXPECT_FALSE(NormalisePostcode(GetParam()).has_value()); }

INSTANTIATE_TEST_SUITE_P(Cases, RejectedPostcodeTest,
                         ::testing::Values("", "   ", " - ", "NF1 1NF", "nf11fa", "NF1-1NF", "sw1a 1a!", "sw1a.1aa",
                                           "SW1A 1A\u00c5"));

}  // namespace
}  // namespace liaison::matching::normalise
