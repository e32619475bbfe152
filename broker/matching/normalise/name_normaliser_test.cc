#include "broker/matching/normalise/name_normaliser.h"

#include <atomic>
#include <ostream>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_join.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace liaison::matching::normalise {

void PrintTo(const NormalisedName& name, std::ostream* os) {
  *os << "{given=[" << absl::StrJoin(name.given, ",") << "] family=[" << absl::StrJoin(name.family, ",")
      << "] joined=" << name.family_joined << "}";
}

namespace {

using ::testing::ElementsAreArray;

const NameNormaliser& Normaliser() {
  static const NameNormaliser* normaliser = [] {
    absl::StatusOr<std::unique_ptr<NameNormaliser>> created = NameNormaliser::Create();
    EXPECT_TRUE(created.ok()) << created.status();
    return created->release();
  }();
  return *normaliser;
}

NormalisedName Name(std::vector<std::string> given, std::vector<std::string> family) {
  NormalisedName name{std::move(given), std::move(family), ""};
  name.family_joined = absl::StrJoin(name.family, "");
  return name;
}

struct TextCase {
  std::string input;
  std::string expected;
};

class ToAsciiTest : public ::testing::TestWithParam<TextCase> {};

TEST_P(ToAsciiTest, Transliterates) { EXPECT_EQ(Normaliser().ToAscii(GetParam().input), GetParam().expected); }

INSTANTIATE_TEST_SUITE_P(Cases, ToAsciiTest,
                         ::testing::Values(TextCase{"Zo\u00eb", "zoe"}, TextCase{"M\u00fcller", "muller"},
                                           TextCase{"\u0141ukasz \u017b\u00f3\u0142\u0107", "lukasz zolc"},
                                           TextCase{"\u0414\u043c\u0438\u0442\u0440\u0438\u0439", "dmitrij"},
                                           TextCase{"Siobh\u00e1n \u00d3 Briain", "siobhan o briain"},
                                           TextCase{"O\u2019Brien", "o'brien"},
                                           TextCase{"\u0395\u03bb\u03ad\u03bd\u03b7", "elene"},
                                           TextCase{"\u738b\u5c0f\u660e", "wang xiao ming"}, TextCase{"", ""},
                                           TextCase{"\xff-ab", "?-ab"},  // invalid UTF-8
                                           TextCase{"\u2603x", "?x"}));

class ToAsciiGermanTest : public ::testing::TestWithParam<TextCase> {};

TEST_P(ToAsciiGermanTest, Transliterates) {
  EXPECT_EQ(Normaliser().ToAsciiGerman(GetParam().input), GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(Cases, ToAsciiGermanTest,
                         ::testing::Values(TextCase{"M\u00fcller", "mueller"}, TextCase{"M\u00dcLLER", "mueller"},
                                           TextCase{"Mu\u0308ller", "mueller"},  // decomposed umlaut
                                           TextCase{"J\u00e4ger \u00d6zt\u00fcrk", "jaeger oeztuerk"},
                                           TextCase{"Stra\u00dfe", "strasse"}, TextCase{"Zo\u00eb", "zoe"},
                                           TextCase{"\u0414\u043c\u0438\u0442\u0440\u0438\u0439", "dmitrij"}));

struct NameCase {
  std::string given;
  std::string family;
  std::vector<NormalisedName> expected;
};

class NormaliseTest : public ::testing::TestWithParam<NameCase> {};

TEST_P(NormaliseTest, GivesForms) {
  EXPECT_THAT(Normaliser().Normalise(GetParam().given, GetParam().family), ElementsAreArray(GetParam().expected));
}

INSTANTIATE_TEST_SUITE_P(
    Cases, NormaliseTest,
    ::testing::Values(NameCase{"Zo\u00eb", "Smith", {Name({"zoe"}, {"smith"})}},
                      NameCase{"Hans", "M\u00fcller", {Name({"hans"}, {"muller"}), Name({"hans"}, {"mueller"})}},
                      NameCase{
                          "J\u00fcrgen", "Schmidt", {Name({"jurgen"}, {"schmidt"}), Name({"juergen"}, {"schmidt"})}},
                      NameCase{"\u0141ukasz", "\u017b\u00f3\u0142\u0107", {Name({"lukasz"}, {"zolc"})}},
                      NameCase{"\u0414\u043c\u0438\u0442\u0440\u0438\u0439",
                               "\u0418\u0432\u0430\u043d\u043e\u0432",
                               {Name({"dmitrij"}, {"ivanov"})}},
                      NameCase{"Siobh\u00e1n", "\u00d3 Briain", {Name({"siobhan"}, {"o", "briain"})}},
                      NameCase{"Mr John", "O'Neil Jr", {Name({"john"}, {"oneil"})}},
                      NameCase{"Mr. Dr. John", "O\u2019Neil", {Name({"john"}, {"oneil"})}},
                      NameCase{"Rev Prof Ann", "Smith III", {Name({"ann"}, {"smith"})}},
                      NameCase{"Jane", "Smith-Jones", {Name({"jane"}, {"smith", "jones"})}},
                      NameCase{"Jane", "Smith Jones", {Name({"jane"}, {"smith", "jones"})}},
                      NameCase{"  mary-jane  ", "Smith", {Name({"mary", "jane"}, {"smith"})}},
                      NameCase{"Jr", "Smith", {Name({"jr"}, {"smith"})}},  // suffixes only leave the family name
                      NameCase{"John", "Mr Smith", {Name({"john"}, {"mr", "smith"})}},  // titles only leave given names
                      NameCase{"Mary Ann", "Jr", {Name({"mary", "ann"}, {})}},  // no guessing at the family name
                      NameCase{"", "Smith", {Name({}, {"smith"})}}, NameCase{"MIG_ERROR_123", "Smith", {}},
                      NameCase{"John", "DUPLICATE_7", {}}, NameCase{"  no_show_1", "Smith", {}}, NameCase{"", "", {}},
                      NameCase{"Mr", "Jr", {}}, NameCase{"-- ' --", "...", {}}));

TEST(NameNormaliserTest, ConcurrentCallsAgreeWithSequentialOnes) {
  const std::vector<std::pair<std::string, std::string>> inputs = {
      {"Zo\u00eb", "M\u00fcller"},
      {"\u0414\u043c\u0438\u0442\u0440\u0438\u0439", "\u0418\u0432\u0430\u043d\u043e\u0432"},
      {"Mr John", "O'Neil Jr"},
      {"Siobh\u00e1n", "\u00d3 Briain"},
      {"\u0141ukasz", "\u017b\u00f3\u0142\u0107"}};
  std::vector<std::vector<NormalisedName>> expected;
  for (const auto& [given, family] : inputs) expected.push_back(Normaliser().Normalise(given, family));

  constexpr int kThreads = 4;
  constexpr int kRounds = 300;
  std::atomic<int> mismatches = 0;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < kRounds; ++round) {
        const size_t i = (round + t) % inputs.size();
        if (Normaliser().Normalise(inputs[i].first, inputs[i].second) != expected[i]) ++mismatches;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(mismatches.load(), 0);
  EXPECT_EQ(expected[0].size(), 2u);  // the German form takes part too
}

TEST(NameNormaliserTest, InstancesAreIndependent) {
  absl::StatusOr<std::unique_ptr<NameNormaliser>> first = NameNormaliser::Create();
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_EQ((*first)->ToAscii("Zo\u00eb"), "zoe");
  first->reset();
  absl::StatusOr<std::unique_ptr<NameNormaliser>> second = NameNormaliser::Create();
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_EQ((*second)->ToAsciiGerman("M\u00fcller"), "mueller");
}

}  // namespace
}  // namespace liaison::matching::normalise
