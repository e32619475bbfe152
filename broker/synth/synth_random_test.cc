// The randomness primitives: streams, ranges and the keyed permutation.

#include "broker/synth/synth_random.h"

#include <set>
#include <vector>

#include "broker/synth/permutation.h"
#include "broker/synth/weighted_pool.h"
#include "gtest/gtest.h"

namespace liaison::synth {
namespace {

TEST(RngTest, SameStreamSameSequenceOtherStreamsDiffer) {
  Rng a = StreamRng(7, Stream::kSex, 12);
  Rng b = StreamRng(7, Stream::kSex, 12);
  Rng other_index = StreamRng(7, Stream::kSex, 13);
  Rng other_stream = StreamRng(7, Stream::kDateOfBirth, 12);
  Rng other_seed = StreamRng(8, Stream::kSex, 12);
  const uint64_t first = a.Next();
  EXPECT_EQ(first, b.Next());
  EXPECT_NE(first, other_index.Next());
  EXPECT_NE(first, other_stream.Next());
  EXPECT_NE(first, other_seed.Next());
}

TEST(RngTest, UniformStaysInRangeAndCoversIt) {
  Rng rng(1);
  std::set<int> seen;
  for (int n = 0; n < 10000; ++n) {
    const int value = rng.Uniform(-3, 3);
    ASSERT_GE(value, -3);
    ASSERT_LE(value, 3);
    seen.insert(value);
  }
  EXPECT_EQ(seen.size(), 7u);
}

TEST(RngTest, ChanceMatchesProbability) {
  Rng rng(2);
  int hits = 0;
  for (int n = 0; n < 100000; ++n) hits += rng.Chance(0.3);
  EXPECT_NEAR(hits / 100000.0, 0.3, 0.01);
  EXPECT_FALSE(rng.Chance(0));
  EXPECT_TRUE(rng.Chance(1));
}

class PermutationTest : public testing::TestWithParam<uint64_t> {};

TEST_P(PermutationTest, IsABijectionAndInverts) {
  const uint64_t n = GetParam();
  const Permutation permutation(n, 99);
  std::vector<bool> hit(n, false);
  for (uint64_t x = 0; x < n; ++x) {
    const uint64_t y = permutation.Apply(x);
    ASSERT_LT(y, n);
    ASSERT_FALSE(hit[y]) << "collision at " << x;
    hit[y] = true;
    ASSERT_EQ(permutation.Invert(y), x);
  }
}

INSTANTIATE_TEST_SUITE_P(Sizes, PermutationTest, testing::Values(1, 2, 3, 16, 17, 1000, 65537));

TEST(PermutationTest, KeyChangesTheOrder) {
  const Permutation a(1000000, 1);
  const Permutation b(1000000, 2);
  int same = 0;
  for (uint64_t x = 0; x < 1000; ++x) same += a.Apply(x) == b.Apply(x);
  EXPECT_LT(same, 5);
}

TEST(WeightedPoolTest, ZipfFavoursTheHead) {
  constexpr absl::string_view kItems[] = {"a", "b", "c", "d", "e", "f", "g", "h"};
  const WeightedPool pool = WeightedPool::Zipf(kItems, 0, 1.0);
  EXPECT_NEAR(pool.Share(0) / pool.Share(1), 2.0, 1e-9);
  Rng rng(3);
  int heads = 0;
  for (int n = 0; n < 20000; ++n) heads += pool.Pick(rng) == "a";
  EXPECT_NEAR(heads / 20000.0, pool.Share(0), 0.015);
}

}  // namespace
}  // namespace liaison::synth
