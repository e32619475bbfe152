// Parameter estimation: comparison vectors are simulated from known m, u and
// lambda (fixed seed), and EstimateU / EstimateM must recover them;
// EstimateMFromAnchors must use only anchored pairs.

#include "broker/matching/em.h"

#include <array>
#include <cstdint>
#include <random>
#include <vector>

#include "broker/matching/comparisons.h"
#include "broker/matching/model.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace liaison::matching {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

// Three comparisons of three levels each (the names only give the shape).
const std::vector<std::string> kNames = {"town", "id:PNC", "id:CRO"};
using Levels3 = std::array<double, 3>;
const std::array<Levels3, 3> kTrueM = {{{0.85, 0.10, 0.05}, {0.70, 0.20, 0.10}, {0.90, 0.06, 0.04}}};
const std::array<Levels3, 3> kTrueU = {{{0.05, 0.15, 0.80}, {0.02, 0.08, 0.90}, {0.10, 0.20, 0.70}}};
constexpr double kTrueLambda = 0.2;
// Comparison 2 is missing on this share of pairs, matches or not.
constexpr double kMissingRate = 0.1;
constexpr int kPairs = 200000;

// Draws from fixed-seed bits with no library distribution, so the sample is
// the same everywhere.
class Draw {
 public:
  explicit Draw(uint64_t seed) : rng_(seed) {}
  double Uniform() { return static_cast<double>(rng_() >> 11) * 0x1.0p-53; }
  int8_t Level(const Levels3& p) {
    const double r = Uniform();
    return r < p[0] ? 0 : r < p[0] + p[1] ? 1 : 2;
  }

 private:
  std::mt19937_64 rng_;
};

// `pairs` comparison vectors, each a match with probability `lambda`.
GammaCounts Simulate(uint64_t seed, int pairs, double lambda) {
  Draw draw(seed);
  GammaCounts counts;
  for (int n = 0; n < pairs; ++n) {
    const bool match = draw.Uniform() < lambda;
    const std::array<Levels3, 3>& p = match ? kTrueM : kTrueU;
    std::vector<int8_t> levels = {draw.Level(p[0]), draw.Level(p[1]), draw.Level(p[2])};
    if (draw.Uniform() < kMissingRate) levels[2] = kNull;
    counts.Add(levels);
  }
  return counts;
}

double M(const v1::MatchModel& model, int k, int l) { return model.comparisons(k).levels(l).m(); }
double U(const v1::MatchModel& model, int k, int l) { return model.comparisons(k).levels(l).u(); }

TEST(GammaCountsTest, CountsIdenticalVectorsOnce) {
  GammaCounts counts;
  counts.Add({0, 1});
  counts.Add({0, 1}, 4);
  counts.Add({kNull, 1});
  EXPECT_EQ(counts.total(), 6u);
  ASSERT_EQ(counts.counts().size(), 2u);
  EXPECT_EQ(counts.counts().at({0, 1}), 5u);
}

TEST(EstimateUTest, RecoversUFromNonMatchPairs) {
  v1::MatchModel model = StartingModel(kNames);
  ASSERT_TRUE(EstimateU(Simulate(7, kPairs, 0.0), &model).ok());
  for (int k = 0; k < 3; ++k) {
    for (int l = 0; l < 3; ++l) EXPECT_NEAR(U(model, k, l), kTrueU[k][l], 0.005) << k << "," << l;
  }
  // m is left alone.
  EXPECT_DOUBLE_EQ(M(model, 0, 0), 0.9);
}

TEST(EstimateUTest, AddsHalfAPairPerLevelAndIgnoresMissing) {
  v1::MatchModel model = StartingModel(kNames);
  GammaCounts counts;
  counts.Add({0, 2, kNull}, 3);
  ASSERT_TRUE(EstimateU(counts, &model).ok());
  // (3 + 0.5) / (3 + 1.5) and 0.5 / 4.5.
  EXPECT_DOUBLE_EQ(U(model, 0, 0), 3.5 / 4.5);
  EXPECT_DOUBLE_EQ(U(model, 0, 1), 0.5 / 4.5);
  EXPECT_DOUBLE_EQ(U(model, 1, 2), 3.5 / 4.5);
  // Never observed: every level gets the same share.
  EXPECT_DOUBLE_EQ(U(model, 2, 0), 1.0 / 3);
  EXPECT_DOUBLE_EQ(U(model, 2, 2), 1.0 / 3);
}

TEST(EstimateMTest, RecoversMAndLambda) {
  v1::MatchModel model = StartingModel(kNames);
  ASSERT_TRUE(EstimateU(Simulate(7, kPairs, 0.0), &model).ok());
  const v1::MatchModel before = model;
  absl::StatusOr<EmResult> result = EstimateM(Simulate(11, kPairs, kTrueLambda), EmOptions{}, &model);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_TRUE(result->converged);
  EXPECT_GT(result->iterations, 1);
  EXPECT_NEAR(result->lambda, kTrueLambda, 0.01);
  for (int k = 0; k < 3; ++k) {
    for (int l = 0; l < 3; ++l) {
      EXPECT_NEAR(M(model, k, l), kTrueM[k][l], 0.02) << k << "," << l;
      EXPECT_EQ(U(model, k, l), U(before, k, l)) << "u must not move";
    }
  }
}

TEST(EstimateMTest, FixedComparisonsKeepTheirM) {
  v1::MatchModel model = StartingModel(kNames);
  ASSERT_TRUE(EstimateU(Simulate(7, kPairs, 0.0), &model).ok());
  for (int l = 0; l < 3; ++l) model.mutable_comparisons(0)->mutable_levels(l)->set_m(kTrueM[0][l]);
  EmOptions options;
  options.fixed_m = {true, false, false};
  absl::StatusOr<EmResult> result = EstimateM(Simulate(11, kPairs, kTrueLambda), options, &model);
  ASSERT_TRUE(result.ok()) << result.status();
  for (int l = 0; l < 3; ++l) EXPECT_EQ(M(model, 0, l), kTrueM[0][l]);
  EXPECT_NEAR(M(model, 1, 0), kTrueM[1][0], 0.02);
  EXPECT_NEAR(result->lambda, kTrueLambda, 0.01);
}

TEST(EstimateMTest, StopsAtMaxIterations) {
  v1::MatchModel model = StartingModel(kNames);
  ASSERT_TRUE(EstimateU(Simulate(7, 20000, 0.0), &model).ok());
  EmOptions options;
  options.max_iterations = 2;
  absl::StatusOr<EmResult> result = EstimateM(Simulate(11, 20000, kTrueLambda), options, &model);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->iterations, 2);
  EXPECT_FALSE(result->converged);
}

TEST(EstimateShapeTest, WrongShapesAreInvalidArgument) {
  v1::MatchModel model = StartingModel(kNames);
  const v1::MatchModel untouched = model;
  GammaCounts short_vector;
  short_vector.Add({0, 0});
  GammaCounts out_of_range;
  out_of_range.Add({0, 3, 0});
  const GammaCounts empty;

  absl::Status s = EstimateU(short_vector, &model);
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(s.message()), HasSubstr("2 levels; the model has 3 comparisons"));
  s = EstimateU(out_of_range, &model);
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(s.message()), HasSubstr("out of range for id:PNC"));
  EXPECT_EQ(EstimateU(empty, &model).code(), absl::StatusCode::kInvalidArgument);

  EXPECT_EQ(EstimateM(short_vector, {}, &model).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(EstimateM(out_of_range, {}, &model).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(EstimateM(empty, {}, &model).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(model.SerializeAsString(), untouched.SerializeAsString());
}

// forename (9 levels), surname (7), dob (6), id:PNC (3).
v1::MatchModel AnchorModel() { return StartingModel({"forename", "surname", "dob", "id:PNC"}); }

GammaCounts AnchorPairs() {
  GammaCounts pairs;
  pairs.Add({0, 0, 0, 2}, 300);      // name and dob agree: anchors id:PNC
  pairs.Add({1, 2, 3, 0}, 250);      // PNC agrees: anchors the others
  pairs.Add({8, 6, 5, 2}, 10000);    // anchored by nothing
  pairs.Add({8, 6, 5, kNull}, 500);  // nothing, and PNC missing
  pairs.Add({0, 0, 1, 0}, 0);        // counted zero times
  return pairs;
}

TEST(EstimateMFromAnchorsTest, UsesOnlyAnchoredPairs) {
  v1::MatchModel model = AnchorModel();
  const std::vector<uint64_t> used = EstimateMFromAnchors(AnchorPairs(), 200, &model);
  EXPECT_THAT(used, ElementsAre(250, 250, 250, 300));
  // Forename: 250 pairs at level 1, plus 0.5 on each of 9 levels.
  EXPECT_DOUBLE_EQ(M(model, 0, 1), 250.5 / 254.5);
  EXPECT_DOUBLE_EQ(M(model, 0, 8), 0.5 / 254.5);
  EXPECT_DOUBLE_EQ(M(model, 1, 2), 250.5 / 253.5);
  EXPECT_DOUBLE_EQ(M(model, 2, 3), 250.5 / 253.0);
  // id:PNC: the 300 name-and-dob pairs, all "disagree".
  EXPECT_DOUBLE_EQ(M(model, 3, 2), 300.5 / 301.5);
  EXPECT_DOUBLE_EQ(M(model, 3, 0), 0.5 / 301.5);
  // u is not touched.
  EXPECT_EQ(U(model, 0, 0), U(AnchorModel(), 0, 0));
}

TEST(EstimateMFromAnchorsTest, TooFewPairsKeepTheStartingM) {
  v1::MatchModel model = AnchorModel();
  const v1::MatchModel start = model;
  const std::vector<uint64_t> used = EstimateMFromAnchors(AnchorPairs(), 260, &model);
  EXPECT_THAT(used, ElementsAre(0, 0, 0, 300));
  for (int k = 0; k < 3; ++k) {
    for (int l = 0; l < model.comparisons(k).levels_size(); ++l) EXPECT_EQ(M(model, k, l), M(start, k, l));
  }
  EXPECT_DOUBLE_EQ(M(model, 3, 2), 300.5 / 301.5);
}

TEST(EstimateMFromAnchorsTest, MissingLevelsAreNotCounted) {
  v1::MatchModel model = AnchorModel();
  GammaCounts pairs;
  pairs.Add({1, kNull, 0, 0}, 400);
  const std::vector<uint64_t> used = EstimateMFromAnchors(pairs, 1, &model);
  EXPECT_THAT(used, ElementsAre(400, 0, 400, 0));
}

}  // namespace
}  // namespace liaison::matching
