// The matcher end to end over a small index in the in-memory store, with the
// built-in model: links, typos, strangers, twins, household members,
// exclusions, review candidates and retention keys.

#include "broker/matching/probabilistic_matcher.h"

#include <string>
#include <vector>

#include "absl/strings/str_format.h"
#include "broker/matching/blocking.h"
#include "broker/matching/test_forms.h"
#include "broker/matching/trainer.h"
#include "broker/storage/encrypting_kv_store.h"
#include "broker/storage/keyring.h"
#include "broker/storage/mem_kv_store.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace liaison::matching {
namespace {

using liaison::v1::MatchDecision;
using ::testing::Contains;
using ::testing::ElementsAreArray;
using ::testing::IsEmpty;
using ::testing::Not;

constexpr char kJohn[] = "X000001";  // John Smith, 12 High Street, SW1A 1AA
constexpr char kMary[] = "X000002";  // his household: Mary Smith
constexpr char kAisha[] = "X000003";

struct Who {
  std::string given, family, dob, line, town, postcode, pnc;
};

liaison::v1::PersonDescriptor Descriptor(const Who& who) {
  liaison::v1::PersonDescriptor person;
  person.mutable_name()->set_given_names(who.given);
  person.mutable_name()->set_family_name(who.family);
  person.set_date_of_birth(who.dob);
  if (!who.line.empty() || !who.postcode.empty()) {
    liaison::v1::Address* address = person.add_addresses();
    address->add_lines(who.line);
    address->set_town(who.town);
    address->set_postcode(who.postcode);
  }
  if (!who.pnc.empty()) {
    liaison::v1::Identifier* id = person.add_identifiers();
    id->set_type(liaison::v1::IDENTIFIER_TYPE_PNC);
    id->set_value(who.pnc);
  }
  return person;
}

liaison::v1::OffenderRecord Offender(const std::string& crn, const Who& who) {
  const liaison::v1::PersonDescriptor person = Descriptor(who);
  liaison::v1::OffenderRecord record;
  record.set_crn(crn);
  *record.mutable_identifiers() = person.identifiers();
  *record.mutable_name() = person.name();
  record.set_date_of_birth(person.date_of_birth());
  *record.mutable_addresses() = person.addresses();
  return record;
}

const Who kJohnSmith = {"John", "Smith", "1980-02-03", "12 High Street", "London", "SW1A 1AA", "1979/0163001B"};
const Who kMarySmith = {"Mary", "Smith", "1982-06-11", "12 High Street", "London", "SW1A 1AA", ""};
const Who kAishaKhan = {"Aisha", "Khan", "1991-11-30", "4 Park Lane", "Leeds", "LS1 4AB", "2002/0073319Z"};

class ProbabilisticMatcherTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::vector<v1::MatchForm> forms = {Builder().FromOffender(Offender(kJohn, kJohnSmith)),
                                        Builder().FromOffender(Offender(kMary, kMarySmith)),
                                        Builder().FromOffender(Offender(kAisha, kAishaKhan))};
    // Other people, none like the three above.
    const char* const kGiven[] = {"Oscar", "Harriet", "Wei", "Fatima", "Liam", "Nadia", "Callum"};
    const char* const kFamily[] = {"Okafor", "Lindqvist", "Patel", "Murphy", "Nowak", "Hughes", "Baxter"};
    for (int i = 0; i < 49; ++i) {
      const Who who = {kGiven[i % 7],
                       kFamily[i / 7],
                       absl::StrFormat("19%02d-%02d-%02d", 50 + i, 1 + i % 12, 1 + i % 28),
                       absl::StrFormat("%d Mill Road", 1 + i),
                       "Bristol",
                       absl::StrFormat("BS%d %dQT", 1 + i % 9, i % 10),
                       ""};
      forms.push_back(Builder().FromOffender(Offender(absl::StrFormat("X1%05d", i), who)));
    }
    ASSERT_TRUE(LoadIndex(forms, &store_).ok());
    forms_ = std::move(forms);
  }

  static const FormBuilder& Builder() { return testing_forms::Builder(); }

  MatchOutcome Match(const Who& who, std::vector<std::string> excluded = {}) {
    MatchOptions options;
    options.excluded_crns = std::move(excluded);
    absl::StatusOr<MatchOutcome> outcome = matcher_.Match(Descriptor(who), options);
    EXPECT_TRUE(outcome.ok()) << outcome.status();
    if (!outcome.ok()) return {};
    return *outcome;
  }

  // The query form Match() builds from `who`.
  static v1::MatchForm QueryForm(const Who& who) { return Builder().FromDescriptor(Descriptor(who), ""); }

  std::vector<v1::MatchForm> forms_;  // the index loaded in SetUp
  storage::MemKvStore store_;
  ProbabilisticMatcher matcher_{&store_, Model::BuiltIn(), &testing_forms::Names(), {}};
};

// The level the result reports for `field`.
std::string LevelOf(const liaison::v1::MatchResult& result, const std::string& field) {
  for (const liaison::v1::FieldComparison& c : result.comparisons()) {
    if (c.field() == field) return c.level();
  }
  return "(no such field)";
}

std::vector<std::string> CandidateCrns(const MatchOutcome& outcome) {
  std::vector<std::string> crns;
  for (const liaison::v1::ReviewCandidate& c : outcome.candidates) crns.push_back(c.crn());
  return crns;
}

TEST_F(ProbabilisticMatcherTest, ExactPersonLinks) {
  const MatchOutcome outcome = Match(kJohnSmith);
  const liaison::v1::MatchResult& r = outcome.result;
  EXPECT_EQ(r.decision(), liaison::v1::MATCH_DECISION_LINKED) << r.reason();
  EXPECT_EQ(r.crn(), kJohn);
  ASSERT_TRUE(outcome.offender.has_value());
  EXPECT_EQ(outcome.offender->crn(), kJohn);
  EXPECT_EQ(r.method(), liaison::v1::MATCH_METHOD_PROBABILISTIC);
  EXPECT_EQ(r.model_version(), "uk-synthetic-2026-11-23.1");
  EXPECT_GE(r.weight(), matcher_.thresholds().auto_link_weight());
  EXPECT_THAT(r.identifiers_used(), Contains(liaison::v1::IDENTIFIER_TYPE_PNC));
  EXPECT_EQ(r.comparisons_size(), 9);
  EXPECT_EQ(LevelOf(r, "forename"), "exact");
  EXPECT_EQ(LevelOf(r, "id:PNC"), "agree");
  EXPECT_EQ(LevelOf(r, "id:CRO"), "missing");
  EXPECT_GE(r.candidates(), 2u);  // John and, by address, Mary
  EXPECT_FALSE(r.via_alias());
  EXPECT_THAT(outcome.candidates, IsEmpty());
  EXPECT_THAT(outcome.retention_keys, IsEmpty());
}

TEST_F(ProbabilisticMatcherTest, PersonWithTyposLinks) {
  const MatchOutcome outcome = Match({"Jon", "Smyth", "1980-02-03", "12 High Stret", "London", "SW1A 1AA", ""});
  EXPECT_EQ(outcome.result.decision(), liaison::v1::MATCH_DECISION_LINKED) << outcome.result.reason();
  EXPECT_EQ(outcome.result.crn(), kJohn);
  EXPECT_EQ(LevelOf(outcome.result, "forename"), "jw92");
  EXPECT_EQ(LevelOf(outcome.result, "surname"), "jw88");
  EXPECT_THAT(outcome.result.identifiers_used(), IsEmpty());
}

TEST_F(ProbabilisticMatcherTest, SwappedNamesAndDayMonthLink) {
  const MatchOutcome outcome = Match({"Smith", "John", "1980-03-02", "12 High Street", "London", "SW1A 1AA", ""});
  EXPECT_EQ(outcome.result.decision(), liaison::v1::MATCH_DECISION_LINKED) << outcome.result.reason();
  EXPECT_EQ(outcome.result.crn(), kJohn);
  EXPECT_EQ(LevelOf(outcome.result, "name_order"), "swapped");
  EXPECT_EQ(LevelOf(outcome.result, "dob"), "day_month_swap");
}

TEST_F(ProbabilisticMatcherTest, IdentifierTypoWithEverythingElseRightLinks) {
  const MatchOutcome outcome =
      Match({"Aisha", "Khan", "1991-11-30", "4 Park Lane", "Leeds", "LS1 4AB", "2002/0073319Y"});
  EXPECT_EQ(outcome.result.decision(), liaison::v1::MATCH_DECISION_LINKED) << outcome.result.reason();
  EXPECT_EQ(outcome.result.crn(), kAisha);
  EXPECT_EQ(LevelOf(outcome.result, "id:PNC"), "one_edit");
  EXPECT_THAT(outcome.result.identifiers_used(), IsEmpty());
}

TEST_F(ProbabilisticMatcherTest, SomeoneAbsentIsNoMatch) {
  const Who stranger = {"Zebedee", "Quux", "1955-01-01", "1 Nowhere Road", "Truro", "TR1 1AA", ""};
  const MatchOutcome outcome = Match(stranger);
  EXPECT_EQ(outcome.result.decision(), liaison::v1::MATCH_DECISION_NO_MATCH);
  EXPECT_EQ(outcome.result.crn(), "");
  EXPECT_FALSE(outcome.offender.has_value());
  EXPECT_THAT(outcome.candidates, IsEmpty());
  EXPECT_THAT(outcome.retention_keys, ElementsAreArray(QueryKeys(QueryForm(stranger))));
  EXPECT_THAT(outcome.retention_keys, Not(IsEmpty()));
}

TEST_F(ProbabilisticMatcherTest, TwinGoesToReviewNeverLinks) {
  // Same surname, date of birth and address as John; another forename; no
  // identifiers to tell them apart.
  const Who twin = {"Oliver", "Smith", "1980-02-03", "12 High Street", "London", "SW1A 1AA", ""};
  const MatchOutcome outcome = Match(twin);
  const liaison::v1::MatchResult& r = outcome.result;
  EXPECT_EQ(r.decision(), liaison::v1::MATCH_DECISION_REVIEW) << r.reason();
  EXPECT_THAT(r.reason(), ::testing::HasSubstr("possible twin"));
  // Weight alone would link: the guard sends it to a person.
  EXPECT_GE(r.weight(), matcher_.thresholds().auto_link_weight());
  EXPECT_EQ(r.crn(), kJohn);
  EXPECT_FALSE(outcome.offender.has_value());
  // Review candidates: the best first, with its weight and comparisons.
  ASSERT_FALSE(outcome.candidates.empty());
  EXPECT_EQ(outcome.candidates[0].crn(), kJohn);
  EXPECT_DOUBLE_EQ(outcome.candidates[0].weight(), r.weight());
  EXPECT_EQ(outcome.candidates[0].comparisons_size(), 9);
  for (size_t i = 1; i < outcome.candidates.size(); ++i) {
    EXPECT_LE(outcome.candidates[i].weight(), outcome.candidates[i - 1].weight());
    EXPECT_GE(outcome.candidates[i].weight(), matcher_.thresholds().review_weight());
  }
  EXPECT_THAT(outcome.retention_keys, ElementsAreArray(QueryKeys(QueryForm(twin))));
}

TEST_F(ProbabilisticMatcherTest, ReviewCandidatesAreCapped) {
  ProbabilisticMatcher::Options options;
  options.review_candidates = 1;
  ProbabilisticMatcher matcher(&store_, Model::BuiltIn(), &testing_forms::Names(), options);
  absl::StatusOr<MatchOutcome> outcome =
      matcher.Match(Descriptor({"Oliver", "Smith", "1980-02-03", "12 High Street", "London", "SW1A 1AA", ""}));
  ASSERT_TRUE(outcome.ok());
  EXPECT_EQ(outcome->result.decision(), liaison::v1::MATCH_DECISION_REVIEW);
  EXPECT_THAT(CandidateCrns(*outcome), ElementsAreArray({std::string(kJohn)}));
}

TEST_F(ProbabilisticMatcherTest, ScoringIsBoundedAndStartsWithTheStrongestBlockingEvidence) {
  // Forty namesakes of John Smith in Hull, found only under his phonetic
  // name's key and with CRNs before his: scored in id order, a bound of 5
  // would leave him out.
  std::vector<v1::MatchForm> namesakes;
  for (int i = 0; i < 40; ++i) {
    const Who who = {"John",
                     "Smith",
                     absl::StrFormat("19%02d-03-17", 40 + i),
                     absl::StrFormat("%d Quay Street", 1 + i),
                     "Hull",
                     absl::StrFormat("HU%d 1AB", 1 + i % 9),
                     ""};
    namesakes.push_back(Builder().FromOffender(Offender(absl::StrFormat("W%06d", i), who)));
  }
  ASSERT_TRUE(LoadIndex(namesakes, &store_).ok());
  ProbabilisticMatcher::Options options;
  options.max_scored = 1000;
  const ProbabilisticMatcher unbounded(&store_, Model::BuiltIn(), &testing_forms::Names(), options);
  absl::StatusOr<std::vector<ScoredCandidate>> all = unbounded.ScoreAll(QueryForm(kJohnSmith), {});
  ASSERT_TRUE(all.ok());
  ASSERT_GE(all->size(), 42u);

  options.max_scored = 5;
  const ProbabilisticMatcher bounded(&store_, Model::BuiltIn(), &testing_forms::Names(), options);
  absl::StatusOr<MatchOutcome> outcome = bounded.Match(Descriptor(kJohnSmith));
  ASSERT_TRUE(outcome.ok());
  EXPECT_EQ(outcome->result.candidates(), 5u);
  EXPECT_EQ(outcome->result.decision(), liaison::v1::MATCH_DECISION_LINKED) << outcome->result.reason();
  EXPECT_EQ(outcome->result.crn(), kJohn);
  // Excluded records are not counted against the bound.
  MatchOptions excluding_john;
  excluding_john.excluded_crns = {kJohn};
  absl::StatusOr<std::vector<ScoredCandidate>> others = bounded.ScoreAll(QueryForm(kJohnSmith), excluding_john);
  ASSERT_TRUE(others.ok());
  EXPECT_EQ(others->size(), 5u);
  for (const ScoredCandidate& c : *others) EXPECT_NE(c.id, kJohn);
}

TEST_F(ProbabilisticMatcherTest, HouseholdMemberIsNotLinked) {
  // Same surname and address as John and Mary; another forename and date of
  // birth.
  const MatchOutcome outcome = Match({"Peter", "Smith", "1975-09-20", "12 High Street", "London", "SW1A 1AA", ""});
  EXPECT_EQ(outcome.result.decision(), liaison::v1::MATCH_DECISION_NO_MATCH) << outcome.result.reason();
  EXPECT_EQ(outcome.result.crn(), "");
  EXPECT_FALSE(outcome.offender.has_value());
  EXPECT_THAT(outcome.retention_keys, Not(IsEmpty()));
}

TEST_F(ProbabilisticMatcherTest, ReviewCandidatesStartWithTheCandidateDecidedOn) {
  // Jonas Schmidt (another town, found by house number and street; surname
  // phonetic, date of birth one slip away) is in the review band. John Smith
  // at the query's address scores higher but the household guard sets him
  // aside (forename jw70, births 7 months apart), so the decision names
  // Jonas Schmidt. Review candidates are "best first" (matcher.h): the
  // reviewer must see him first, not the relative the guard ruled out.
  const std::string schmidt = "X000004";
  ASSERT_TRUE(LoadIndex({Builder().FromOffender(Offender(
                            schmidt, {"Jonas", "Schmidt", "1980-09-16", "12 High Road", "Bristol", "BS1 4DJ", ""}))},
                        &store_)
                  .ok());
  const Who query = {"Jonas", "Smith", "1980-09-15", "12 High Street", "London", "SW1A 1AA", ""};
  absl::StatusOr<std::vector<ScoredCandidate>> scored = matcher_.ScoreAll(QueryForm(query), {});
  ASSERT_TRUE(scored.ok());
  ASSERT_GE(scored->size(), 2u);
  ASSERT_EQ((*scored)[0].id, kJohn) << "the relative should score highest for this test to mean anything";
  ASSERT_EQ((*scored)[1].id, schmidt);

  const MatchOutcome outcome = Match(query);
  EXPECT_EQ(outcome.result.decision(), liaison::v1::MATCH_DECISION_REVIEW) << outcome.result.reason();
  EXPECT_EQ(outcome.result.crn(), schmidt);
  ASSERT_FALSE(outcome.candidates.empty());
  EXPECT_EQ(outcome.candidates[0].crn(), outcome.result.crn());
  EXPECT_DOUBLE_EQ(outcome.candidates[0].weight(), outcome.result.weight());
}

TEST_F(ProbabilisticMatcherTest, ExcludedCrnsAreNeverReturned) {
  const MatchOutcome exact = Match(kJohnSmith, {kJohn});
  EXPECT_NE(exact.result.decision(), liaison::v1::MATCH_DECISION_LINKED);
  EXPECT_NE(exact.result.crn(), kJohn);
  EXPECT_THAT(CandidateCrns(exact), Not(Contains(kJohn)));

  const MatchOutcome twin =
      Match({"Oliver", "Smith", "1980-02-03", "12 High Street", "London", "SW1A 1AA", ""}, {kJohn});
  EXPECT_NE(twin.result.crn(), kJohn);
  EXPECT_THAT(CandidateCrns(twin), Not(Contains(kJohn)));
}

TEST_F(ProbabilisticMatcherTest, ScoreAllIsSortedAndSkipsTheQueryItself) {
  v1::MatchForm query = QueryForm(kJohnSmith);
  absl::StatusOr<std::vector<ScoredCandidate>> all = matcher_.ScoreAll(query, {});
  ASSERT_TRUE(all.ok());
  ASSERT_GE(all->size(), 2u);
  EXPECT_EQ((*all)[0].id, kJohn);
  for (size_t i = 1; i < all->size(); ++i) EXPECT_GE((*all)[i - 1].score.weight, (*all)[i].score.weight);
  query.set_id(kJohn);  // dedupe: a record is not its own candidate
  absl::StatusOr<std::vector<ScoredCandidate>> others = matcher_.ScoreAll(query, {});
  ASSERT_TRUE(others.ok());
  EXPECT_EQ(others->size(), all->size() - 1);
  for (const ScoredCandidate& c : *others) EXPECT_NE(c.id, kJohn);
}

TEST_F(ProbabilisticMatcherTest, AnEncryptingStoreGivesTheSameOutcomesWithPlainCrns) {
  // Candidates are ranked on ids as stored (tokens under encryption at
  // rest) and only the scored ones are decrypted: what comes out must still
  // be the plain crns, with exclusions and the query's own id honoured.
  storage::MemKvStore base;
  std::unique_ptr<storage::EncryptingKvStore> encrypted =
      storage::EncryptingKvStore::Open(&base, storage::Keyring::FromProto(storage::NewKeyFile(absl::Now())).value())
          .value();
  ASSERT_TRUE(LoadIndex(forms_, encrypted.get()).ok());
  const ProbabilisticMatcher sealed(encrypted.get(), Model::BuiltIn(), &testing_forms::Names(), {});
  const std::vector<Who> queries = {
      kJohnSmith, kMarySmith, kAishaKhan,
      {"Jon", "Smyth", "1980-03-02", "12 High St", "London", "SW1A 1AA", ""},        // typos, day and month
      {"Oliver", "Smith", "1980-02-03", "12 High Street", "London", "SW1A 1AA", ""},  // a twin
      {"Peter", "Smith", "1975-09-20", "12 High Street", "London", "SW1A 1AA", ""},   // the household
      {"Harriet", "Okafor", "1951-02-02", "2 Mill Road", "Bristol", "BS2 1QT", ""},   // one of the others
      {"Nobody", "Known", "2001-01-01", "1 Nowhere", "Hull", "HU1 1AA", ""}};
  int linked = 0;
  for (const std::vector<std::string>& excluded : {std::vector<std::string>{}, std::vector<std::string>{kJohn}}) {
    MatchOptions options;
    options.excluded_crns = excluded;
    for (const Who& who : queries) {
      absl::StatusOr<MatchOutcome> plain = matcher_.Match(Descriptor(who), options);
      absl::StatusOr<MatchOutcome> other = sealed.Match(Descriptor(who), options);
      ASSERT_TRUE(plain.ok() && other.ok()) << who.given;
      EXPECT_EQ(other->result.decision(), plain->result.decision()) << who.given;
      EXPECT_EQ(other->result.crn(), plain->result.crn()) << who.given;
      EXPECT_DOUBLE_EQ(other->result.weight(), plain->result.weight()) << who.given;
      EXPECT_EQ(other->result.candidates(), plain->result.candidates()) << who.given;
      EXPECT_EQ(CandidateCrns(*other), CandidateCrns(*plain)) << who.given;
      EXPECT_EQ(other->offender.has_value(), plain->offender.has_value()) << who.given;
      if (other->offender.has_value()) {
        EXPECT_EQ(other->offender->crn(), plain->result.crn());
        ++linked;
      }
      if (!excluded.empty()) {
        EXPECT_THAT(CandidateCrns(*other), Not(Contains(kJohn)));
        EXPECT_NE(other->result.crn(), kJohn);
      }
    }
  }
  EXPECT_GE(linked, 4) << "the queries should include links for this test to mean anything";
  v1::MatchForm query = QueryForm(kJohnSmith);
  query.set_id(kJohn);
  absl::StatusOr<std::vector<ScoredCandidate>> others = sealed.ScoreAll(query, {});
  ASSERT_TRUE(others.ok());
  ASSERT_FALSE(others->empty());
  for (const ScoredCandidate& c : *others) {
    EXPECT_NE(c.id, kJohn);
    EXPECT_EQ(c.id.size(), 7u) << "a crn, not a stored token";
  }
}

TEST_F(ProbabilisticMatcherTest, ThresholdsFollowTheIndexUnlessFixed) {
  const v1::Thresholds derived = matcher_.thresholds();
  EXPECT_DOUBLE_EQ(derived.auto_link_weight(), RecommendedThresholds(52).auto_link_weight());
  EXPECT_DOUBLE_EQ(derived.review_weight(), RecommendedThresholds(52).review_weight());

  ProbabilisticMatcher::Options options;
  options.thresholds.set_auto_link_weight(500);
  ProbabilisticMatcher strict(&store_, Model::BuiltIn(), &testing_forms::Names(), options);
  EXPECT_DOUBLE_EQ(strict.thresholds().auto_link_weight(), 500);
  EXPECT_DOUBLE_EQ(strict.thresholds().review_weight(), derived.review_weight());
  absl::StatusOr<MatchOutcome> outcome = strict.Match(Descriptor(kJohnSmith));
  ASSERT_TRUE(outcome.ok());
  EXPECT_EQ(outcome->result.decision(), liaison::v1::MATCH_DECISION_REVIEW);
  EXPECT_THAT(CandidateCrns(*outcome), Contains(kJohn));
}

}  // namespace
}  // namespace liaison::matching
