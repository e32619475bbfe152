// Blocking keys: the documented keys of a full record, no key from a single
// field, and the extra keys a query looks up (swapped names, swapped day and
// month).

#include "broker/matching/blocking.h"

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_split.h"
#include "broker/matching/test_forms.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace liaison::matching {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::IsSupersetOf;
using ::testing::Not;
using testing_forms::Form;
using testing_forms::PersonSpec;

// Double Metaphone primary codes: john JN, smith SM0, jones JNS, jack JK,
// brown PRN, high H.
PersonSpec JohnSmith() {
  return {.given = "John",
          .family = "Smith",
          .dob = "1980-02-03",
          .line = "12 High Street",
          .town = "London",
          .postcode = "SW1A 1AA",
          .ids = {{"PNC", "1979/0163001B"}}};
}

std::set<std::string> KeySet(const std::vector<std::string>& keys) { return {keys.begin(), keys.end()}; }

TEST(IndexKeysTest, AFullRecordHasEveryDocumentedKey) {
  EXPECT_THAT(IndexKeys(Form(JohnSmith())),
              ElementsAre("df|19800203|JN", "dp|19800203|sw1a1aa", "ds|19800203|SM0", "id|PNC|1979/0163001B",
                          "nn|JN|SM0", "pf|sw1a1aa|JN", "pi|sw1a1aa|s", "sn|12|H"));
}

TEST(IndexKeysTest, EveryKeyButAnIdentifierCombinesTwoFields) {
  PersonSpec spec = JohnSmith();
  spec.family = "Smith-Jones";
  spec.aliases = {{"Jack", "Brown"}};
  for (const std::string& key : IndexKeys(Form(spec))) {
    std::vector<std::string> parts = absl::StrSplit(key, '|');
    ASSERT_EQ(parts.size(), 3u) << key;
    EXPECT_FALSE(parts[1].empty()) << key;
    EXPECT_FALSE(parts[2].empty()) << key;
  }
}

struct SingleFieldCase {
  std::string label;
  PersonSpec spec;
};

class SingleFieldTest : public ::testing::TestWithParam<SingleFieldCase> {};

TEST_P(SingleFieldTest, NoKeyFromOneField) { EXPECT_THAT(IndexKeys(Form(GetParam().spec)), IsEmpty()); }

INSTANTIATE_TEST_SUITE_P(Fields, SingleFieldTest,
                         ::testing::Values(SingleFieldCase{"forename", {.given = "John"}},
                                           SingleFieldCase{"surname", {.family = "Smith"}},
                                           SingleFieldCase{"dob", {.dob = "1980-02-03"}},
                                           SingleFieldCase{"postcode", {.postcode = "SW1A 1AA"}},
                                           SingleFieldCase{"town", {.town = "London"}},
                                           SingleFieldCase{"street_without_number", {.line = "High Street"}},
                                           SingleFieldCase{"number_without_street", {.line = "12"}}),
                         [](const ::testing::TestParamInfo<SingleFieldCase>& info) { return info.param.label; });

TEST(IndexKeysTest, TwoFieldsMakeAKey) {
  EXPECT_THAT(IndexKeys(Form({.given = "John", .family = "Smith"})), ElementsAre("nn|JN|SM0"));
  EXPECT_THAT(IndexKeys(Form({.family = "Smith", .dob = "1980-02-03"})), ElementsAre("ds|19800203|SM0"));
  EXPECT_THAT(IndexKeys(Form({.family = "Smith", .postcode = "SW1A 1AA"})), ElementsAre("pi|sw1a1aa|s"));
  EXPECT_THAT(IndexKeys(Form({.dob = "1980-02-03", .postcode = "SW1A 1AA"})), ElementsAre("dp|19800203|sw1a1aa"));
  EXPECT_THAT(IndexKeys(Form({.line = "12 High Street"})), ElementsAre("sn|12|H"));
}

TEST(IndexKeysTest, DoubleBarrelledSurnamesAreFiledUnderEachPart) {
  PersonSpec spec = JohnSmith();
  spec.family = "Smith-Jones";
  const v1::MatchForm form = Form(spec);
  const std::string joined = form.names(0).family_phonetic();
  EXPECT_THAT(IndexKeys(form),
              IsSupersetOf({"ds|19800203|" + joined, std::string("ds|19800203|SM0"), std::string("ds|19800203|JNS"),
                            "nn|JN|" + joined, std::string("nn|JN|SM0"), std::string("nn|JN|JNS")}));
}

TEST(IndexKeysTest, AliasesContribute) {
  PersonSpec spec = JohnSmith();
  spec.aliases = {{"Jack", "Brown"}};
  EXPECT_THAT(IndexKeys(Form(spec)),
              IsSupersetOf({"nn|JK|PRN", "ds|19800203|PRN", "df|19800203|JK", "pi|sw1a1aa|b", "pf|sw1a1aa|JK"}));
}

TEST(IndexKeysTest, IdenticalInputsGiveIdenticalSortedKeys) {
  const std::vector<std::string> a = IndexKeys(Form(JohnSmith(), "A"));
  const std::vector<std::string> b = IndexKeys(Form(JohnSmith(), "B"));
  EXPECT_EQ(a, b);
  EXPECT_TRUE(std::is_sorted(a.begin(), a.end()));
  EXPECT_EQ(std::adjacent_find(a.begin(), a.end()), a.end());
  const std::vector<std::string> q = QueryKeys(Form(JohnSmith()));
  EXPECT_EQ(q, QueryKeys(Form(JohnSmith())));
  EXPECT_TRUE(std::is_sorted(q.begin(), q.end()));
  EXPECT_EQ(std::adjacent_find(q.begin(), q.end()), q.end());
}

TEST(QueryKeysTest, IncludeTheIndexKeys) {
  const v1::MatchForm form = Form(JohnSmith());
  EXPECT_THAT(QueryKeys(form), IsSupersetOf(IndexKeys(form)));
}

TEST(QueryKeysTest, SwappedNamesFindTheRecord) {
  PersonSpec swapped = JohnSmith();
  swapped.given = "Smith";
  swapped.family = "John";
  const std::set<std::string> query = KeySet(QueryKeys(Form(swapped)));
  // Keys the index holds for John Smith that use the names.
  for (const char* key : {"nn|JN|SM0", "ds|19800203|SM0", "df|19800203|JN", "pi|sw1a1aa|s", "pf|sw1a1aa|JN"}) {
    EXPECT_TRUE(query.contains(key)) << key;
    EXPECT_FALSE(KeySet(IndexKeys(Form(swapped))).contains(key)) << key << " should come from the swap";
  }
}

TEST(QueryKeysTest, DayAndMonthSwappedFindTheRecord) {
  PersonSpec swapped = JohnSmith();
  swapped.dob = "1980-03-02";
  const std::set<std::string> query = KeySet(QueryKeys(Form(swapped)));
  for (const char* key : {"ds|19800203|SM0", "df|19800203|JN", "dp|19800203|sw1a1aa"}) {
    EXPECT_TRUE(query.contains(key)) << key;
  }
  EXPECT_TRUE(query.contains("ds|19800302|SM0"));
}

TEST(QueryKeysTest, NoDateVariantWhenDayEqualsMonth) {
  PersonSpec spec = JohnSmith();
  spec.dob = "1980-03-03";
  for (const std::string& key : QueryKeys(Form(spec))) {
    std::vector<std::string> parts = absl::StrSplit(key, '|');
    if (parts[0] == "ds" || parts[0] == "df" || parts[0] == "dp") {
      EXPECT_EQ(parts[1], "19800303") << key;
    }
  }
}

TEST(QueryKeysTest, NoDateVariantWhenTheDayCannotBeAMonth) {
  // 1980-02-13 swapped would be month 13: no record has such a date.
  PersonSpec spec = JohnSmith();
  spec.dob = "1980-02-13";
  for (const std::string& key : QueryKeys(Form(spec))) {
    std::vector<std::string> parts = absl::StrSplit(key, '|');
    if (parts[0] == "ds" || parts[0] == "df" || parts[0] == "dp") {
      EXPECT_EQ(parts[1], "19800213") << key;
    }
  }
  spec.dob = "1980-02-12";
  EXPECT_THAT(QueryKeys(Form(spec)), Contains("ds|19801202|SM0"));
}

TEST(QueryKeysTest, AQueryWithoutNamesStillLooksUpItsOtherKeys) {
  PersonSpec spec = JohnSmith();
  spec.given.clear();
  spec.family.clear();
  EXPECT_THAT(QueryKeys(Form(spec)),
              ElementsAre("dp|19800203|sw1a1aa", "dp|19800302|sw1a1aa", "id|PNC|1979/0163001B", "sn|12|H"));
  EXPECT_THAT(QueryKeys(Form(spec)), Not(Contains("nn|JN|SM0")));
}

TEST(IsIdentifierKeyTest, OnlyAnIdentifiersKey) {
  for (const std::string& key : IndexKeys(Form(JohnSmith()))) {
    EXPECT_EQ(IsIdentifierKey(key), key == "id|PNC|1979/0163001B") << key;
  }
}

}  // namespace
}  // namespace liaison::matching
