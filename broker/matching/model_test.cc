// Loading and validating model textproto: errors name the origin, the
// field path and (for syntax errors) the line; weights are log2(m/u).

#include "broker/matching/model.h"

#include <cmath>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace liaison::matching {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

// A valid model: town (3 levels) and id:PNC (3 levels), with round numbers
// so the weights are exact.
constexpr absl::string_view kValid = R"model(
version: "test-1"
comparisons {
  name: "town"
  levels { name: "exact" m: 0.8 u: 0.1 }
  levels { name: "jw88" m: 0.1 u: 0.1 }
  levels { name: "else" m: 0.1 u: 0.8 }
}
comparisons {
  name: "id:PNC"
  levels { name: "agree" m: 0.9 u: 0.0009765625 }
  levels { name: "one_edit" m: 0.05 u: 0.05 }
  levels { name: "disagree" m: 0.05 u: 1 }
}
thresholds { auto_link_weight: 20 review_weight: 10 ambiguity_margin: 5 }
)model";

// kValid with `from` replaced by `to` (exactly once).
std::string Edited(const std::string& from, const std::string& to) {
  const std::string text = std::string(kValid);
  EXPECT_EQ(text.find(from), text.rfind(from)) << from << " is not unique in the model";
  EXPECT_NE(text.find(from), std::string::npos) << from;
  return absl::StrReplaceAll(text, {{from, to}});
}

absl::Status Load(const std::string& text) { return Model::FromText(text, "m.textproto").status(); }

TEST(ModelTest, ValidModelLoads) {
  absl::StatusOr<std::shared_ptr<const Model>> model = Model::FromText(kValid, "m.textproto");
  ASSERT_TRUE(model.ok()) << model.status();
  const Model& m = **model;
  EXPECT_EQ(m.version(), "test-1");
  ASSERT_EQ(m.size(), 2u);
  EXPECT_EQ(m.specs()[0].kind, ComparisonKind::kTown);
  EXPECT_EQ(m.specs()[1].kind, ComparisonKind::kIdentifier);
  EXPECT_EQ(m.specs()[1].identifier_type, "PNC");
  EXPECT_EQ(m.ComparisonName(1), "id:PNC");
  EXPECT_EQ(m.LevelName(1, 1), "one_edit");
  EXPECT_EQ(m.thresholds().auto_link_weight(), 20);
  EXPECT_FALSE(m.TfAdjusted(0));
}

TEST(ModelTest, WeightsAreLog2OfMOverU) {
  std::shared_ptr<const Model> m = *Model::FromText(kValid, "m.textproto");
  EXPECT_DOUBLE_EQ(m->Weight(0, 0), 3.0);                  // 0.8 / 0.1
  EXPECT_DOUBLE_EQ(m->Weight(0, 1), 0.0);                  // 0.1 / 0.1
  EXPECT_DOUBLE_EQ(m->Weight(0, 2), -3.0);                 // 0.1 / 0.8
  EXPECT_DOUBLE_EQ(m->Weight(1, 0), std::log2(0.9) + 10);  // u = 2^-10
  EXPECT_DOUBLE_EQ(m->Weight(1, 2), std::log2(0.05));
  EXPECT_DOUBLE_EQ(m->TopLevelLogU(0), std::log2(0.1));
  EXPECT_DOUBLE_EQ(m->TopLevelLogU(1), -10.0);
}

struct ErrorCase {
  std::string label;
  std::string text;
  std::string message;  // the error after "m.textproto: "
};

std::vector<ErrorCase> ErrorCases() {
  return {
      {"unknown_comparison", Edited("name: \"id:PNC\"", "name: \"shoe_size\""),
       "comparisons[1].name: unknown comparison"},
      {"wrong_level_name", Edited("name: \"jw88\"", "name: \"close\""),
       "comparisons[0].levels[1].name: expected \"jw88\""},
      {"levels_out_of_order",
       Edited("levels { name: \"agree\" m: 0.9 u: 0.0009765625 }\n"
              "  levels { name: \"one_edit\" m: 0.05 u: 0.05 }",
              "levels { name: \"one_edit\" m: 0.05 u: 0.05 }\n"
              "  levels { name: \"agree\" m: 0.9 u: 0.0009765625 }"),
       "comparisons[1].levels[0].name: expected \"agree\""},
      {"too_few_levels", Edited("  levels { name: \"jw88\" m: 0.1 u: 0.1 }\n", ""),
       "comparisons[0].levels: town has 3 levels (exact, jw88, else), not 2"},
      {"too_many_levels",
       Edited("  levels { name: \"jw88\" m: 0.1 u: 0.1 }\n",
              "  levels { name: \"jw88\" m: 0.1 u: 0.1 }\n  levels { name: \"jw88\" m: 0.1 u: 0.1 }\n"),
       "comparisons[0].levels: town has 3 levels (exact, jw88, else), not 4"},
      {"m_zero", Edited("m: 0.8", "m: 0"), "comparisons[0].levels[0].m: must be in (0, 1]"},
      {"m_negative", Edited("m: 0.8", "m: -0.2"), "comparisons[0].levels[0].m: must be in (0, 1]"},
      {"m_above_one", Edited("m: 0.9 u", "m: 1.5 u"), "comparisons[1].levels[0].m: must be in (0, 1]"},
      {"u_zero", Edited("u: 0.0009765625", "u: 0"), "comparisons[1].levels[0].u: must be in (0, 1]"},
      {"u_above_one", Edited("m: 0.1 u: 0.8", "m: 0.1 u: 1.01"), "comparisons[0].levels[2].u: must be in (0, 1]"},
      {"m_not_a_number", Edited("m: 0.8", "m: nan"), "comparisons[0].levels[0].m: must be in (0, 1]"},
      {"duplicate_comparison", std::string(kValid) + R"pb(comparisons {
                                                            name: "town"
                                                            levels { name: "exact" m: 0.8 u: 0.1 }
                                                            levels { name: "jw88" m: 0.1 u: 0.1 }
                                                            levels { name: "else" m: 0.1 u: 0.8 }
                                                          })pb",
       "comparisons[2].name: town appears twice"},
      {"review_above_auto_link", Edited("review_weight: 10", "review_weight: 20.5"),
       "thresholds.review_weight: must not exceed auto_link_weight"},
      {"negative_margin", Edited("ambiguity_margin: 5", "ambiguity_margin: -1"),
       "thresholds.ambiguity_margin: must be >= 0"},
      {"tf_adjust_on_town",
       Edited("  levels { name: \"exact\" m: 0.8 u: 0.1 }\n",
              "  tf_adjust: true\n  levels { name: \"exact\" m: 0.8 u: 0.1 }\n"),
       "comparisons[0].tf_adjust: only forename and surname are adjusted"},
      {"no_version", Edited("version: \"test-1\"", ""), "version: is required"},
  };
}

class ModelErrorTest : public ::testing::TestWithParam<ErrorCase> {};

TEST_P(ModelErrorTest, NamesTheFieldPath) {
  const absl::Status status = Load(GetParam().text);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(status.message()), StartsWith("m.textproto:"));
  EXPECT_THAT(std::string(status.message()), HasSubstr(absl::StrCat(": ", GetParam().message)));
}

INSTANTIATE_TEST_SUITE_P(Validation, ModelErrorTest, ::testing::ValuesIn(ErrorCases()),
                         [](const ::testing::TestParamInfo<ErrorCase>& info) { return info.param.label; });

TEST(ModelTest, SyntaxErrorsNameTheLineAndColumn) {
  // Line 1 of kValid is empty; the version is on line 2, the first
  // comparison's name on line 4.
  const absl::Status status = Load(Edited("  name: \"town\"", "  nmae: \"town\""));
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(status.message()), StartsWith("m.textproto:line 4:"));
  EXPECT_THAT(std::string(status.message()), HasSubstr("nmae"));
}

TEST(ModelTest, SyntaxErrorOnALaterLine) {
  const absl::Status status = Load(Edited("m: 0.05 u: 1", "m: 0.05 u: one"));
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(status.message()), StartsWith("m.textproto:line 13:"));
}

TEST(ModelTest, ValidationErrorsNameTheLineOfTheElement) {
  const absl::Status status = Load(Edited("m: 0.05 u: 1", "m: 0.05 u: 2"));
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(status.message()), StartsWith("m.textproto:line 13: comparisons["));
  EXPECT_THAT(std::string(status.message()), HasSubstr(".u: must be in (0, 1]"));
}

TEST(ModelTest, EmptyModelNeedsComparisons) {
  EXPECT_THAT(std::string(Load("version: \"v\"").message()),
              StartsWith("m.textproto: comparisons: at least one is required"));
}

TEST(ModelTest, FromFileReportsAMissingFile) {
  absl::StatusOr<std::shared_ptr<const Model>> model = Model::FromFile("/nonexistent/liaison/model.textproto");
  EXPECT_EQ(model.status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(std::string(model.status().message()), HasSubstr("/nonexistent/liaison/model.textproto"));
}

TEST(ModelTest, BuiltInLoadsTheShippedModel) {
  std::shared_ptr<const Model> model = Model::BuiltIn();
  ASSERT_NE(model, nullptr);
  EXPECT_EQ(model->version(), "uk-synthetic-2026-11-23.1");
  ASSERT_EQ(model->size(), 9u);
  const char* const kNames[] = {"forename", "surname", "name_order", "dob",   "place",
                                "id:PNC",   "id:CRO",  "id:NOMS",    "id:CRN"};
  for (size_t i = 0; i < model->size(); ++i) EXPECT_EQ(model->ComparisonName(i), kNames[i]);
  EXPECT_TRUE(model->TfAdjusted(0));
  EXPECT_TRUE(model->TfAdjusted(1));
  EXPECT_FALSE(model->TfAdjusted(3));
  // Forename exact: m 0.91980775832475115, u 0.00533923798671453.
  EXPECT_NEAR(model->Weight(0, 0), 7.4286, 1e-3);
  EXPECT_NEAR(model->TopLevelLogU(0), -7.5491, 1e-3);
  // Every weight is log2(m/u) of its level.
  for (size_t i = 0; i < model->size(); ++i) {
    const v1::ComparisonParams& c = model->proto().comparisons(i);
    for (int l = 0; l < c.levels_size(); ++l) {
      EXPECT_DOUBLE_EQ(model->Weight(i, l), std::log2(c.levels(l).m() / c.levels(l).u())) << c.name() << " " << l;
    }
  }
}

TEST(ModelTest, BuiltInMatchesTheSourceFile) {
  absl::StatusOr<std::shared_ptr<const Model>> file = Model::FromFile(LIAISON_BUILTIN_MODEL_FILE);
  ASSERT_TRUE(file.ok()) << file.status();
  EXPECT_EQ((*file)->proto().SerializeAsString(), Model::BuiltIn()->proto().SerializeAsString());
}

TEST(StartingModelTest, IsAValidModelWithNeutralParameters) {
  v1::MatchModel proto = StartingModel({"forename", "dob", "id:PNC"});
  absl::StatusOr<std::shared_ptr<const Model>> model = Model::FromProto(proto);
  ASSERT_TRUE(model.ok()) << model.status();
  EXPECT_TRUE((*model)->TfAdjusted(0));
  EXPECT_FALSE((*model)->TfAdjusted(1));
  // The top level favours a match, the last level a non-match.
  for (size_t i = 0; i < (*model)->size(); ++i) {
    const int last = proto.comparisons(i).levels_size() - 1;
    EXPECT_GT((*model)->Weight(i, 0), 0) << i;
    EXPECT_LT((*model)->Weight(i, last), 0) << i;
  }
  EXPECT_DOUBLE_EQ(proto.comparisons(2).levels(0).m(), 0.9);
  EXPECT_DOUBLE_EQ(proto.comparisons(2).levels(0).u(), 0.05);
  EXPECT_DOUBLE_EQ(proto.comparisons(2).levels(2).u(), 0.9);
}

TEST(StartingModelTest, AnUnknownNameFailsInFromProto) {
  absl::StatusOr<std::shared_ptr<const Model>> model = Model::FromProto(StartingModel({"dob", "shoe"}));
  EXPECT_EQ(model.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(model.status().message()), StartsWith("comparisons[1].name: unknown comparison"));
}

}  // namespace
}  // namespace liaison::matching
