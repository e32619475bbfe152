// The decision rules of decider.h, one by one, on hand-made scores, and the
// thresholds recommended for an index's size.

#include "broker/matching/decider.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace liaison::matching {
namespace {

using ::testing::HasSubstr;

const std::vector<std::string> kComparisons = {"forename", "surname", "dob", "place", "id:PNC", "id:CRO"};

const Model& TestModel() {
  static const std::shared_ptr<const Model> model = [] {
    v1::MatchModel proto = StartingModel(kComparisons);
    proto.set_version("decider-test");
    return *Model::FromProto(proto);
  }();
  return *model;
}

v1::Thresholds Thresholds(double auto_link = 20, double review = 10, double margin = 5) {
  v1::Thresholds t;
  t.set_auto_link_weight(auto_link);
  t.set_review_weight(review);
  t.set_ambiguity_margin(margin);
  return t;
}

// A score of total `weight` whose levels are given by name; unnamed
// comparisons default to a person agreeing on everything but identifiers
// (forename, surname, dob exact; place address; identifiers missing).
// `id_weight` is the weight carried by each identifier that has a level.
PairScore Score(double weight, const std::map<std::string, std::string>& levels = {}, double id_weight = 0) {
  std::map<std::string, std::string> all = {
      {"forename", "exact"}, {"surname", "exact"}, {"dob", "exact"}, {"place", "address"}};
  for (const auto& [k, v] : levels) all[k] = v;
  const Model& model = TestModel();
  PairScore score;
  score.weight = weight;
  score.fields.resize(model.size());
  for (size_t i = 0; i < model.size(); ++i) {
    auto it = all.find(model.ComparisonName(i));
    if (it == all.end() || it->second.empty()) continue;
    const std::vector<std::string>& names = LevelNames(model.specs()[i].kind);
    const auto level = std::find(names.begin(), names.end(), it->second);
    EXPECT_NE(level, names.end()) << it->first << "=" << it->second;
    score.fields[i].level = static_cast<int8_t>(level - names.begin());
    if (model.specs()[i].kind == ComparisonKind::kIdentifier) score.fields[i].weight = id_weight;
  }
  return score;
}

struct DecideCase {
  std::string label;
  std::vector<PairScore> scores;
  Verdict verdict;
  int best;
  std::string reason;  // a part of the reason
};

const std::map<std::string, std::string> kHousehold = {{"forename", "else"}, {"dob", "else"}};
const std::map<std::string, std::string> kStrangerWithPnc = {{"id:PNC", "agree"}, {"dob", "else"}, {"surname", "else"}};

std::vector<DecideCase> Cases() {
  return {
      {"no_candidates", {}, Verdict::kNoMatch, -1, "no candidate"},
      {"best_below_review", {Score(9.9)}, Verdict::kNoMatch, 0, "below the review threshold 10.0"},
      {"review_band_bottom", {Score(10.0)}, Verdict::kReview, 0, "review band [10.0, 20.0)"},
      {"review_band_top", {Score(19.9)}, Verdict::kReview, 0, "review band"},
      {"link_at_threshold", {Score(20.0)}, Verdict::kLink, 0, "weight 20.0 >= auto-link 20.0"},
      {"link_with_weaker_runner_up", {Score(30), Score(24.9)}, Verdict::kLink, 0, ">= auto-link"},
      // Suspicious: an identifier alone against date of birth and surname.
      {"suspicious", {Score(30, kStrangerWithPnc, 15)}, Verdict::kSuspicious, 0, "date of birth and surname"},
      {"suspicious_below_auto_link", {Score(15, kStrangerWithPnc, 12)}, Verdict::kSuspicious, 0, ""},
      {"suspicious_dob_within_month_surname_jw70",
       {Score(30, {{"id:CRO", "agree"}, {"dob", "within_month"}, {"surname", "jw70"}}, 15)},
       Verdict::kSuspicious,
       0,
       ""},
      {"not_suspicious_when_the_rest_would_link", {Score(30, kStrangerWithPnc, 5)}, Verdict::kLink, 0, ""},
      {"not_suspicious_when_dob_nearly_agrees",
       {Score(30, {{"id:PNC", "agree"}, {"dob", "one_edit"}, {"surname", "else"}}, 15)},
       Verdict::kLink,
       0,
       ""},
      {"not_suspicious_when_surname_nearly_agrees",
       {Score(30, {{"id:PNC", "agree"}, {"dob", "else"}, {"surname", "phonetic"}}, 15)},
       Verdict::kLink,
       0,
       ""},
      {"not_suspicious_with_only_one_edit",
       {Score(30, {{"id:PNC", "one_edit"}, {"dob", "else"}, {"surname", "else"}, {"forename", "exact"}}, 15)},
       Verdict::kLink,
       0,
       ""},
      // Conflict: identifiers agree with two records.
      {"conflict",
       {Score(40, {{"id:PNC", "agree"}}), Score(35, {{"id:PNC", "agree"}})},
       Verdict::kConflict,
       0,
       "two different offender records"},
      {"conflict_across_identifier_types",
       {Score(40, {{"id:PNC", "agree"}}), Score(12, {{"id:CRO", "agree"}})},
       Verdict::kConflict,
       0,
       ""},
      {"no_conflict_when_runner_up_below_review",
       {Score(40, {{"id:PNC", "agree"}}), Score(9.9, {{"id:PNC", "agree"}})},
       Verdict::kLink,
       0,
       ""},
      {"no_conflict_when_runner_up_id_differs",
       {Score(40, {{"id:PNC", "agree"}}), Score(12, {{"id:PNC", "one_edit"}})},
       Verdict::kLink,
       0,
       ""},
      // Ambiguity.
      {"ambiguous", {Score(30), Score(25.1)}, Verdict::kReview, 0, "within 5.0 of each other"},
      {"margin_is_exclusive", {Score(30), Score(25.0)}, Verdict::kLink, 0, ""},
      // Twin guard: surname, dob and address agree, the forename does not.
      {"twin_forename_else", {Score(30, {{"forename", "else"}})}, Verdict::kReview, 0, "possible twin"},
      {"twin_forename_jw88", {Score(30, {{"forename", "jw88"}})}, Verdict::kReview, 0, "possible twin"},
      {"twin_forename_phonetic", {Score(30, {{"forename", "phonetic"}})}, Verdict::kReview, 0, "possible twin"},
      {"twin_forename_initial", {Score(30, {{"forename", "initial"}})}, Verdict::kReview, 0, "possible twin"},
      {"twin_forename_middle", {Score(30, {{"forename", "middle"}})}, Verdict::kReview, 0, "possible twin"},
      {"twin_forename_jw70", {Score(30, {{"forename", "jw70"}})}, Verdict::kReview, 0, "possible twin"},
      {"twin_surname_phonetic",
       {Score(30, {{"forename", "else"}, {"surname", "phonetic"}})},
       Verdict::kReview,
       0,
       "possible twin"},
      {"twin_same_postcode",
       {Score(30, {{"forename", "else"}, {"place", "postcode"}})},
       Verdict::kReview,
       0,
       "possible twin"},
      {"twin_identifiers_differ",
       {Score(30, {{"forename", "else"}, {"id:PNC", "disagree"}})},
       Verdict::kReview,
       0,
       "possible twin"},
      {"not_twin_forename_jw92", {Score(30, {{"forename", "jw92"}})}, Verdict::kLink, 0, ""},
      {"not_twin_forename_nickname", {Score(30, {{"forename", "nickname"}})}, Verdict::kLink, 0, ""},
      {"not_twin_identifier_agrees", {Score(30, {{"forename", "else"}, {"id:PNC", "agree"}})}, Verdict::kLink, 0, ""},
      {"not_twin_identifier_one_slip",
       {Score(30, {{"forename", "else"}, {"id:CRO", "one_edit"}})},
       Verdict::kLink,
       0,
       ""},
      {"not_twin_dob_differs", {Score(30, {{"forename", "else"}, {"dob", "one_edit"}})}, Verdict::kLink, 0, ""},
      {"not_twin_other_address", {Score(30, {{"forename", "else"}, {"place", "sector"}})}, Verdict::kLink, 0, ""},
      {"not_twin_surname_differs", {Score(30, {{"forename", "else"}, {"surname", "jw70"}})}, Verdict::kLink, 0, ""},
      // Household guard: relatives are set aside before anything else.
      {"household_member_set_aside", {Score(28, kHousehold), Score(24)}, Verdict::kLink, 1, ">= auto-link"},
      {"household_jw70_within_year",
       {Score(28, {{"forename", "jw70"}, {"dob", "within_year"}}), Score(21)},
       Verdict::kLink,
       1,
       ""},
      {"household_member_not_a_runner_up", {Score(30), Score(28, kHousehold)}, Verdict::kLink, 0, ""},
      {"household_only",
       {Score(28, kHousehold), Score(26, kHousehold)},
       Verdict::kNoMatch,
       -1,
       "every candidate differs in forename and date of birth"},
      {"household_next_is_review", {Score(28, kHousehold), Score(15)}, Verdict::kReview, 1, "review band"},
      {"relative_with_near_identifier_kept",
       {Score(28, {{"forename", "else"}, {"dob", "else"}, {"id:PNC", "one_edit"}}), Score(24)},
       Verdict::kReview,
       0,
       "within 5.0"},
      {"dob_within_month_is_not_household",
       {Score(28, {{"forename", "else"}, {"dob", "within_month"}}), Score(10)},
       Verdict::kLink,
       0,
       ""},
  };
}

class DecideTest : public ::testing::TestWithParam<DecideCase> {};

TEST_P(DecideTest, FollowsTheRules) {
  const DecideCase& c = GetParam();
  const Decision d = Decide(TestModel(), Thresholds(), c.scores);
  EXPECT_EQ(static_cast<int>(d.verdict), static_cast<int>(c.verdict)) << d.reason;
  EXPECT_EQ(d.best, c.best);
  EXPECT_THAT(d.reason, HasSubstr(c.reason));
  EXPECT_FALSE(d.reason.empty());
}

INSTANTIATE_TEST_SUITE_P(Rules, DecideTest, ::testing::ValuesIn(Cases()),
                         [](const ::testing::TestParamInfo<DecideCase>& info) { return info.param.label; });

TEST(DecideTest, ARunnerUpBelowReviewIsNeverAmbiguous) {
  // With a wide margin, 22 and 9 are within it, but 9 is below review.
  const Decision d = Decide(TestModel(), Thresholds(20, 10, 15), {Score(22), Score(9)});
  EXPECT_EQ(d.verdict, Verdict::kLink);
  EXPECT_EQ(Decide(TestModel(), Thresholds(20, 10, 15), {Score(22), Score(10)}).verdict, Verdict::kReview);
}

TEST(DecideTest, UsesTheThresholdsGivenNotTheModels) {
  EXPECT_EQ(Decide(TestModel(), Thresholds(40, 30, 5), {Score(35)}).verdict, Verdict::kReview);
  EXPECT_EQ(Decide(TestModel(), Thresholds(40, 30, 5), {Score(29)}).verdict, Verdict::kNoMatch);
}

TEST(RecommendedThresholdsTest, FollowThePriorOddsOfTheIndexSize) {
  const v1::Thresholds t = RecommendedThresholds(100000);
  // log2(100000) = 16.61; log2(0.999 / 0.001) = 9.97; log2(0.2 / 0.8) = -2.
  EXPECT_NEAR(t.auto_link_weight(), 16.6096 + 9.9643, 1e-3);
  EXPECT_NEAR(t.review_weight(), 16.6096 - 2.0, 1e-3);
  EXPECT_NEAR(t.ambiguity_margin(), 9.9643, 1e-3);
}

TEST(RecommendedThresholdsTest, ProbabilitiesAreParameters) {
  const v1::Thresholds t = RecommendedThresholds(1 << 20, 0.5, 0.5);
  EXPECT_DOUBLE_EQ(t.auto_link_weight(), 20.0);
  EXPECT_DOUBLE_EQ(t.review_weight(), 20.0);
  EXPECT_NEAR(RecommendedThresholds(1 << 20, 0.8, 0.2).auto_link_weight(), 22.0, 1e-9);
}

TEST(RecommendedThresholdsTest, SmallIndexesAreFlooredAtMinPriorRecords) {
  const double floor_bits = std::log2(kMinPriorRecords);
  for (double records : {0.0, 1.0, 10.0, 999.0, 1000.0}) {
    const v1::Thresholds t = RecommendedThresholds(records);
    EXPECT_NEAR(t.auto_link_weight(), floor_bits + 9.9643, 1e-3) << records;
    EXPECT_NEAR(t.review_weight(), floor_bits - 2.0, 1e-9) << records;
  }
  EXPECT_GT(RecommendedThresholds(2000).auto_link_weight(), RecommendedThresholds(1000).auto_link_weight());
}

}  // namespace
}  // namespace liaison::matching
