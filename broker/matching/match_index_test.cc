// The store-backed index: writes for new, changed and removed forms,
// candidate look-up (union, unselective keys skipped, ranking by blocking
// evidence, truncation) and name frequencies, on the in-memory store.

#include "broker/matching/match_index.h"

#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "broker/matching/blocking.h"
#include "broker/matching/decider.h"
#include "broker/matching/test_forms.h"
#include "broker/storage/keys.h"
#include "broker/storage/mem_kv_store.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace liaison::matching {
namespace {

using storage::Table;
using ::testing::DoubleEq;
using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using ::testing::IsEmpty;
using ::testing::Optional;
using testing_forms::Form;
using testing_forms::PersonSpec;

PersonSpec Person(const std::string& given, const std::string& family, const std::string& postcode = "SW1A 1AA") {
  return {.given = given,
          .family = family,
          .dob = "1980-02-03",
          .line = "12 High Street",
          .town = "London",
          .postcode = postcode};
}

class MatchIndexTest : public ::testing::Test {
 protected:
  void Apply(const std::vector<storage::KvWrite>& writes) { ASSERT_TRUE(store_.Write(writes, false).ok()); }
  void Put(const std::string& id, const v1::MatchForm& form) { Apply(MatchIndex::Writes(id, nullptr, &form)); }

  std::set<std::string> Keys(Table table) const {
    std::set<std::string> keys;
    EXPECT_TRUE(store_
                    .Scan(table, "", "", false,
                          [&](absl::string_view k, absl::string_view) {
                            keys.emplace(k);
                            return true;
                          })
                    .ok());
    return keys;
  }
  // The blocking entries `id` should have for `form`.
  static std::set<std::string> Filed(const std::string& id, const v1::MatchForm& form) {
    std::set<std::string> keys;
    for (const std::string& k : IndexKeys(form)) keys.insert(storage::JoinKey({k, id}));
    return keys;
  }
  int64_t Counter(absl::string_view field, absl::string_view value) const {
    auto stored = store_.Get(Table::kNameCounts, storage::JoinKey({field, value}));
    EXPECT_TRUE(stored.ok());
    return stored.ok() && stored->has_value() ? storage::DecodeCounter(**stored) : 0;
  }
  void AddBlocking(const std::string& key, const std::vector<std::string>& ids) {
    for (const std::string& id : ids) Apply({{Table::kBlocking, storage::JoinKey({key, id}), ""}});
  }

  storage::MemKvStore store_;
  MatchIndex index_{&store_, CandidateOptions{}};
};

TEST_F(MatchIndexTest, NewFormIsStoredFiledAndCounted) {
  const v1::MatchForm form = Form(Person("John", "Smith"), "X1");
  const std::vector<storage::KvWrite> writes = MatchIndex::Writes("X1", nullptr, &form);
  size_t blocking_puts = 0;
  for (const storage::KvWrite& w : writes) blocking_puts += w.table == Table::kBlocking && w.value.has_value();
  EXPECT_EQ(blocking_puts, IndexKeys(form).size());
  Apply(writes);

  absl::StatusOr<std::optional<v1::MatchForm>> stored = index_.Form("X1");
  ASSERT_TRUE(stored.ok());
  ASSERT_TRUE(stored->has_value());
  EXPECT_EQ((*stored)->SerializeAsString(), form.SerializeAsString());
  EXPECT_EQ(Keys(Table::kBlocking), Filed("X1", form));
  EXPECT_EQ(index_.RecordCount(), 1);
  EXPECT_EQ(Counter("forename", "john"), 1);
  EXPECT_EQ(Counter("surname", "smith"), 1);
}

TEST_F(MatchIndexTest, ChangedFormMovesOnlyTheKeysThatChanged) {
  const v1::MatchForm before = Form(Person("John", "Smith"), "X1");
  const v1::MatchForm after = Form(Person("Jon", "Smith", "LS1 4AB"), "X1");
  Put("X1", before);
  const std::vector<storage::KvWrite> writes = MatchIndex::Writes("X1", &before, &after);
  const std::set<std::string> old_keys = Filed("X1", before), new_keys = Filed("X1", after);
  for (const storage::KvWrite& w : writes) {
    if (w.table != Table::kBlocking) continue;
    // A key in both is neither deleted nor rewritten.
    EXPECT_FALSE(old_keys.contains(w.key) && new_keys.contains(w.key)) << w.key;
    EXPECT_EQ(w.value.has_value(), new_keys.contains(w.key)) << w.key;
  }
  Apply(writes);
  EXPECT_EQ(Keys(Table::kBlocking), new_keys);
  EXPECT_EQ(index_.RecordCount(), 1);
  EXPECT_EQ(Counter("forename", "john"), 0);
  EXPECT_EQ(Counter("forename", "jon"), 1);
  EXPECT_EQ(Counter("surname", "smith"), 1);
  EXPECT_EQ((*index_.Form("X1"))->SerializeAsString(), after.SerializeAsString());
}

TEST_F(MatchIndexTest, RemovedFormLeavesNothingFiled) {
  const v1::MatchForm form = Form(Person("John", "Smith"), "X1");
  Put("X1", form);
  Put("X2", Form(Person("Jane", "Smith"), "X2"));
  Apply(MatchIndex::Writes("X1", &form, nullptr));
  EXPECT_EQ(Keys(Table::kBlocking), Filed("X2", Form(Person("Jane", "Smith"), "X2")));
  EXPECT_EQ(*index_.Form("X1"), std::nullopt);
  EXPECT_EQ(index_.RecordCount(), 1);
  EXPECT_EQ(Counter("forename", "john"), 0);
  EXPECT_EQ(Counter("surname", "smith"), 1);
  absl::StatusOr<CandidateSet> candidates = index_.Candidates(form);
  ASSERT_TRUE(candidates.ok());
  EXPECT_THAT(candidates->ids, ElementsAre("X2"));
}

TEST_F(MatchIndexTest, NoWritesForNothingToNothing) {
  EXPECT_THAT(MatchIndex::Writes("X1", nullptr, nullptr), IsEmpty());
}

TEST_F(MatchIndexTest, FrequencyIsTheShareOfRecordsWithAFloorOfOne) {
  EXPECT_EQ(index_.Frequency("surname", "smith"), std::nullopt);  // empty index
  // 2000 records: every fourth a Smith, every eighth a John.
  const char* const kSurnames[] = {"Smith", "Brown", "Khan", "Evans"};
  const char* const kForenames[] = {"John", "Amir", "Jane", "Peter", "Ola", "Chen", "Ravi", "Tom"};
  for (int i = 0; i < 2000; ++i) {
    const std::string id = absl::StrCat("X", 100000 + i);
    Put(id, Form({.given = kForenames[i % 8], .family = kSurnames[i % 4], .dob = "1980-02-03"}, id));
  }
  EXPECT_EQ(index_.RecordCount(), 2000);
  EXPECT_THAT(index_.Frequency("surname", "smith"), Optional(DoubleEq(0.25)));
  EXPECT_THAT(index_.Frequency("forename", "john"), Optional(DoubleEq(0.125)));
  // Never seen: counted as one record, not zero.
  EXPECT_THAT(index_.Frequency("surname", "jones"), Optional(DoubleEq(1.0 / 2000)));
  // Fields are separate: "smith" is no forename here.
  EXPECT_THAT(index_.Frequency("forename", "smith"), Optional(DoubleEq(1.0 / 2000)));
}

TEST_F(MatchIndexTest, FrequencyInASmallIndexIsOverAtLeastMinPriorRecords) {
  Put("X1", Form(Person("John", "Smith"), "X1"));
  Put("X2", Form(Person("Jane", "Smith"), "X2"));
  Put("X3", Form(Person("John", "Brown"), "X3"));
  EXPECT_EQ(index_.RecordCount(), 3);
  // Two Smiths in three records is no evidence that Smith is common.
  EXPECT_THAT(index_.Frequency("surname", "smith"), Optional(DoubleEq(2.0 / kMinPriorRecords)));
  EXPECT_THAT(index_.Frequency("surname", "jones"), Optional(DoubleEq(1.0 / kMinPriorRecords)));
}

TEST_F(MatchIndexTest, AliasesAreNotCounted) {
  PersonSpec spec = Person("John", "Smith");
  spec.aliases = {{"Jack", "Brown"}};
  Put("X1", Form(spec, "X1"));
  EXPECT_EQ(Counter("forename", "john"), 1);
  EXPECT_EQ(Counter("forename", "jack"), 0);
  EXPECT_EQ(Counter("surname", "brown"), 0);
}

TEST_F(MatchIndexTest, CandidatesAreTheUnionRankedByKeysHit) {
  AddBlocking("k1", {"a", "b", "c"});
  AddBlocking("k2", {"c", "d"});
  AddBlocking("k3", {"c", "d"});
  AddBlocking("k10", {"z"});  // "k1" must not pick up "k10"'s records
  absl::StatusOr<CandidateSet> set = LookUpKeys(store_, Table::kBlocking, {"k1", "k2", "k3", "k4"}, {});
  ASSERT_TRUE(set.ok()) << set.status();
  EXPECT_THAT(set->ids, ElementsAre("c", "d", "a", "b"));
  EXPECT_EQ(set->keys_looked_up, 4u);
  EXPECT_EQ(set->keys_skipped, 0u);
  EXPECT_FALSE(set->truncated);
}

TEST_F(MatchIndexTest, UnselectiveKeysAreSkipped) {
  AddBlocking("k1", {"a", "b", "c"});
  AddBlocking("k2", {"c", "d"});
  CandidateOptions options;
  options.max_per_key = 2;
  absl::StatusOr<CandidateSet> set = LookUpKeys(store_, Table::kBlocking, {"k1", "k2"}, options);
  ASSERT_TRUE(set.ok());
  EXPECT_THAT(set->ids, ElementsAre("c", "d"));
  EXPECT_EQ(set->keys_looked_up, 2u);
  EXPECT_EQ(set->keys_skipped, 1u);
}

TEST_F(MatchIndexTest, TruncationKeepsTheBestRanked) {
  AddBlocking("k1", {"a", "b", "c", "e"});
  AddBlocking("k2", {"e", "d"});
  CandidateOptions options;
  options.max_candidates = 3;
  absl::StatusOr<CandidateSet> set = LookUpKeys(store_, Table::kBlocking, {"k1", "k2"}, options);
  ASSERT_TRUE(set.ok());
  EXPECT_THAT(set->ids, ElementsAre("e", "d", "a"));
  EXPECT_TRUE(set->truncated);
}

// The order the matcher scores candidates in (ProbabilisticMatcher::Options
// max_scored): strongest blocking evidence first.
TEST(CandidateRankingTest, StrongestBlockingEvidenceFirst) {
  struct Case {
    std::string name;
    // Each key looked up, with the records filed under it.
    std::vector<std::pair<std::string, std::vector<std::string>>> blocking;
    std::vector<std::string> ranked;
  };
  const std::vector<Case> cases = {
      {"more keys first", {{"ds|1", {"b", "c"}}, {"nn|1", {"b", "a"}}}, {"b", "a", "c"}},
      {"then rarer keys",
       {{"nn|1", {"a", "b", "c"}}, {"pi|1", {"d", "e"}}, {"sn|1", {"f"}}},
       {"f", "d", "e", "a", "b", "c"}},
      // b is behind 3 x 3 records, a behind 6 x 2 although one of its keys
      // is the rarest.
      {"sizes multiply",
       {{"ds|1", {"a", "x1", "x2", "x3", "x4", "x5"}},
        {"nn|1", {"a", "y"}},
        {"pf|1", {"b", "z1", "z2"}},
        {"pi|1", {"b", "w1", "w2"}}},
       {"b", "a", "y", "w1", "w2", "z1", "z2", "x1", "x2", "x3", "x4", "x5"}},
      {"an identifier before more keys",
       {{"id|PNC|1", {"z"}}, {"ds|1", {"a"}}, {"nn|1", {"a"}}, {"pf|1", {"a"}}},
       {"z", "a"}},
      {"identifiers ranked among themselves",
       {{"id|PNC|1", {"y", "z"}}, {"id|CRO|1", {"x"}}, {"ds|1", {"z", "a"}}},
       {"z", "x", "y", "a"}},
  };
  for (const Case& c : cases) {
    storage::MemKvStore store;
    std::vector<std::string> keys;
    for (const auto& [key, ids] : c.blocking) {
      keys.push_back(key);
      for (const std::string& id : ids) {
        ASSERT_TRUE(store.Write({{Table::kBlocking, storage::JoinKey({key, id}), ""}}, false).ok());
      }
    }
    absl::StatusOr<CandidateSet> set = LookUpKeys(store, Table::kBlocking, keys, {});
    ASSERT_TRUE(set.ok()) << c.name;
    EXPECT_THAT(set->ids, ElementsAreArray(c.ranked)) << c.name;
  }
}

TEST_F(MatchIndexTest, CandidatesForAQueryComeFromItsKeys) {
  Put("X1", Form(Person("John", "Smith"), "X1"));
  Put("X2", Form(Person("Jane", "Smith"), "X2"));  // same address and surname
  Put("X3", Form({.given = "Peter", .family = "Brown", .dob = "1990-07-14", .postcode = "M1 1AE"}, "X3"));
  absl::StatusOr<CandidateSet> set = index_.Candidates(Form(Person("John", "Smith")));
  ASSERT_TRUE(set.ok());
  EXPECT_THAT(set->ids, ElementsAre("X1", "X2"));
  EXPECT_EQ(set->keys_looked_up, QueryKeys(Form(Person("John", "Smith"))).size());
}

TEST_F(MatchIndexTest, CandidatesHonourTheIndexOptions) {
  Put("X1", Form(Person("John", "Smith"), "X1"));
  Put("X2", Form(Person("Jane", "Smith"), "X2"));
  MatchIndex narrow(&store_, CandidateOptions{.max_per_key = 200, .max_candidates = 1});
  absl::StatusOr<CandidateSet> set = narrow.Candidates(Form(Person("John", "Smith")));
  ASSERT_TRUE(set.ok());
  EXPECT_THAT(set->ids, ElementsAre("X1"));
  EXPECT_TRUE(set->truncated);
}

}  // namespace
}  // namespace liaison::matching
