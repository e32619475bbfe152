// Match weights: the sum of log2(m/u) over comparisons, with the
// term-frequency adjustment log2(u_top) - log2(frequency) at the exact
// forename and surname levels only.

#include "broker/matching/scorer.h"

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace liaison::matching {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::Pair;

// Frequencies from a table; records what was asked.
class FakeFrequencies : public TermFrequencies {
 public:
  explicit FakeFrequencies(std::map<std::pair<std::string, std::string>, double> table) : table_(std::move(table)) {}
  std::optional<double> Frequency(absl::string_view field, absl::string_view value) const override {
    asked_.emplace_back(std::string(field), std::string(value));
    auto it = table_.find({std::string(field), std::string(value)});
    if (it == table_.end()) return std::nullopt;
    return it->second;
  }
  const std::vector<std::pair<std::string, std::string>>& asked() const { return asked_; }

 private:
  std::map<std::pair<std::string, std::string>, double> table_;
  mutable std::vector<std::pair<std::string, std::string>> asked_;
};

void SetLevel(v1::MatchModel& proto, int comparison, int level, double m, double u) {
  v1::LevelParams* p = proto.mutable_comparisons(comparison)->mutable_levels(level);
  p->set_m(m);
  p->set_u(u);
}

// forename (tf): exact 0.5/2^-6 = +5 bits, jw92 0.2/0.05 = +2;
// surname (tf): exact 0.5/2^-8 = +7, else 0.05/0.8 = -4;
// dob: exact 0.8/0.05 = +4, else 0.0625/0.5 = -3.
std::shared_ptr<const Model> TestModel(bool surname_tf = true) {
  v1::MatchModel proto = StartingModel({"forename", "surname", "dob"});
  proto.set_version("scorer-test");
  SetLevel(proto, 0, 0, 0.5, 1.0 / 64);
  SetLevel(proto, 0, 1, 0.2, 0.05);
  SetLevel(proto, 1, 0, 0.5, 1.0 / 256);
  SetLevel(proto, 1, 6, 0.05, 0.8);
  SetLevel(proto, 2, 0, 0.8, 0.05);
  SetLevel(proto, 2, 5, 0.0625, 0.5);
  proto.mutable_comparisons(1)->set_tf_adjust(surname_tf);
  absl::StatusOr<std::shared_ptr<const Model>> model = Model::FromProto(proto);
  EXPECT_TRUE(model.ok()) << model.status();
  return *model;
}

ComparisonVector Gamma(std::vector<int8_t> levels, std::vector<std::string> agreed = {"", "", ""}) {
  ComparisonVector v;
  v.levels = std::move(levels);
  v.agreed_values = std::move(agreed);
  return v;
}

TEST(ScorePairTest, SumsTheLevelWeights) {
  const PairScore score = ScorePair(*TestModel(), Gamma({0, 0, 0}, {"john", "smith", ""}), nullptr);
  EXPECT_DOUBLE_EQ(score.weight, 16.0);
  ASSERT_EQ(score.fields.size(), 3u);
  EXPECT_DOUBLE_EQ(score.fields[0].weight, 5.0);
  EXPECT_DOUBLE_EQ(score.fields[1].weight, 7.0);
  EXPECT_DOUBLE_EQ(score.fields[2].weight, 4.0);
  EXPECT_EQ(score.fields[2].level, 0);
  EXPECT_EQ(score.fields[0].tf_adjustment, 0.0);
}

TEST(ScorePairTest, NegativeLevelsSubtract) {
  const PairScore score = ScorePair(*TestModel(), Gamma({1, 6, 5}), nullptr);
  EXPECT_DOUBLE_EQ(score.weight, 2.0 - 4.0 - 3.0);
}

TEST(ScorePairTest, TermFrequencyAdjustsExactNameAgreement) {
  // forename: log2(2^-6) - log2(1/8) = -3 (a common name counts for less);
  // surname: log2(2^-8) - log2(2^-10) = +2 (a rare one for more).
  FakeFrequencies tf({{{"forename", "john"}, 1.0 / 8}, {{"surname", "smith"}, 1.0 / 1024}});
  const PairScore score = ScorePair(*TestModel(), Gamma({0, 0, 0}, {"john", "smith", ""}), &tf);
  EXPECT_DOUBLE_EQ(score.fields[0].tf_adjustment, -3.0);
  EXPECT_DOUBLE_EQ(score.fields[0].weight, 2.0);
  EXPECT_DOUBLE_EQ(score.fields[1].tf_adjustment, 2.0);
  EXPECT_DOUBLE_EQ(score.fields[1].weight, 9.0);
  EXPECT_DOUBLE_EQ(score.fields[2].tf_adjustment, 0.0);
  EXPECT_DOUBLE_EQ(score.weight, 2.0 + 9.0 + 4.0);
  EXPECT_THAT(tf.asked(), ElementsAre(Pair("forename", "john"), Pair("surname", "smith")));
}

TEST(ScorePairTest, NoAdjustmentBelowTheExactLevel) {
  FakeFrequencies tf({{{"forename", "john"}, 1.0 / 8}});
  const PairScore score = ScorePair(*TestModel(), Gamma({1, 6, 5}, {"john", "smith", ""}), &tf);
  EXPECT_DOUBLE_EQ(score.weight, -5.0);
  EXPECT_THAT(tf.asked(), IsEmpty());
}

TEST(ScorePairTest, NoAdjustmentWithoutAnAgreedValue) {
  // Names that agreed only when swapped carry no value to look up.
  FakeFrequencies tf({{{"forename", ""}, 1.0 / 8}});
  const PairScore score = ScorePair(*TestModel(), Gamma({0, 0, 0}), &tf);
  EXPECT_DOUBLE_EQ(score.weight, 16.0);
  EXPECT_THAT(tf.asked(), IsEmpty());
}

TEST(ScorePairTest, NoAdjustmentWhenTheComparisonIsNotTfAdjusted) {
  FakeFrequencies tf({{{"forename", "john"}, 1.0 / 8}, {{"surname", "smith"}, 1.0 / 1024}});
  const PairScore score = ScorePair(*TestModel(/*surname_tf=*/false), Gamma({0, 0, 0}, {"john", "smith", ""}), &tf);
  EXPECT_DOUBLE_EQ(score.fields[1].weight, 7.0);
  EXPECT_DOUBLE_EQ(score.weight, 2.0 + 7.0 + 4.0);
  EXPECT_THAT(tf.asked(), ElementsAre(Pair("forename", "john")));
}

TEST(ScorePairTest, NoAdjustmentWhenTheFrequencyIsUnknownOrZero) {
  FakeFrequencies tf({{{"surname", "smith"}, 0.0}});
  const PairScore score = ScorePair(*TestModel(), Gamma({0, 0, 0}, {"john", "smith", ""}), &tf);
  EXPECT_DOUBLE_EQ(score.weight, 16.0);
  EXPECT_EQ(tf.asked().size(), 2u);
}

TEST(ScorePairTest, NullLevelsContributeNothing) {
  FakeFrequencies tf({{{"surname", "smith"}, 1.0 / 1024}});
  const PairScore score = ScorePair(*TestModel(), Gamma({kNull, 0, kNull}, {"", "smith", ""}), &tf);
  EXPECT_DOUBLE_EQ(score.weight, 9.0);
  EXPECT_EQ(score.fields[0].level, kNull);
  EXPECT_EQ(score.fields[0].weight, 0.0);
  EXPECT_EQ(score.fields[2].weight, 0.0);
  EXPECT_DOUBLE_EQ(ScorePair(*TestModel(), Gamma({kNull, kNull, kNull}), &tf).weight, 0.0);
}

TEST(ScorePairTest, CarriesViaAlias) {
  ComparisonVector gamma = Gamma({0, 0, 0});
  gamma.via_alias = true;
  EXPECT_TRUE(ScorePair(*TestModel(), gamma, nullptr).via_alias);
  EXPECT_FALSE(ScorePair(*TestModel(), Gamma({0, 0, 0}), nullptr).via_alias);
}

TEST(TfFieldTest, OnlyNamesHaveAField) {
  EXPECT_EQ(TfField({ComparisonKind::kForename, ""}), "forename");
  EXPECT_EQ(TfField({ComparisonKind::kSurname, ""}), "surname");
  EXPECT_EQ(TfField({ComparisonKind::kDob, ""}), "");
  EXPECT_EQ(TfField({ComparisonKind::kIdentifier, "PNC"}), "");
}

}  // namespace
}  // namespace liaison::matching
