#include "broker/matching/exact_matcher.h"

#include "broker/storage/keys.h"
#include "broker/storage/mem_kv_store.h"
#include "gtest/gtest.h"

namespace liaison::matching {
namespace {

using storage::Table;

v1::OffenderRecord Offender(const std::string& crn, const std::string& family, const std::string& dob) {
  v1::OffenderRecord record;
  record.set_crn(crn);
  record.mutable_name()->set_given_names("Test");
  record.mutable_name()->set_family_name(family);
  record.set_date_of_birth(dob);
  return record;
}

v1::PersonDescriptor Subject(std::initializer_list<std::pair<v1::IdentifierType, std::string>> ids,
                             const std::string& family = "", const std::string& dob = "") {
  v1::PersonDescriptor subject;
  for (const auto& [type, value] : ids) {
    v1::Identifier* id = subject.add_identifiers();
    id->set_type(type);
    id->set_value(value);
  }
  subject.mutable_name()->set_family_name(family);
  subject.set_date_of_birth(dob);
  return subject;
}

class ExactMatcherTest : public testing::Test {
 protected:
  void SetUp() override {
    v1::OffenderRecord a = Offender("X100001", "Ashworth", "1985-03-02");
    v1::PersonName* alias = a.add_aliases();
    alias->set_family_name("Brennan");
    Put(a, {{"PNC", "1979/0163001B"}, {"NOMS", "A1234BC"}});
    Put(Offender("X100002", "Okafor", "1990-07-14"), {{"PNC", "2002/0073319Z"}});
  }
  void Put(const v1::OffenderRecord& record, std::initializer_list<std::pair<std::string, std::string>> ids) {
    ASSERT_TRUE(store_.Write({{Table::kOffenders, record.crn(), record.SerializeAsString()}}, false).ok());
    for (const auto& [type, value] : ids) {
      ASSERT_TRUE(store_.Write({{Table::kIdentity, storage::IdentityKey(type, value), record.crn()}}, false).ok());
    }
  }
  MatchOutcome Match(const v1::PersonDescriptor& subject) {
    auto outcome = matcher_.Match(subject);
    EXPECT_TRUE(outcome.ok()) << outcome.status();
    return *outcome;
  }

  storage::MemKvStore store_;
  ExactIdentifierMatcher matcher_{&store_};
};

TEST_F(ExactMatcherTest, LinksOnAnIndexedIdentifierAndSaysWhichAgreed) {
  MatchOutcome outcome = Match(Subject({{v1::IDENTIFIER_TYPE_PNC, "1979/0163001B"}}, "Ashworth", "1985-03-02"));
  EXPECT_EQ(outcome.result.decision(), v1::MATCH_DECISION_LINKED);
  EXPECT_EQ(outcome.result.crn(), "X100001");
  ASSERT_EQ(outcome.result.identifiers_used_size(), 1);
  EXPECT_EQ(outcome.result.identifiers_used(0), v1::IDENTIFIER_TYPE_PNC);
  ASSERT_TRUE(outcome.offender.has_value());
  EXPECT_EQ(outcome.offender->crn(), "X100001");
}

TEST_F(ExactMatcherTest, LinksOnTheCrnItself) {
  EXPECT_EQ(Match(Subject({{v1::IDENTIFIER_TYPE_CRN, "X100002"}})).result.crn(), "X100002");
  EXPECT_EQ(Match(Subject({{v1::IDENTIFIER_TYPE_CRN, "X999999"}})).result.decision(),
            v1::MATCH_DECISION_NO_MATCH);
}

TEST_F(ExactMatcherTest, NoMatchWithoutAKnownIdentifier) {
  EXPECT_EQ(Match(Subject({})).result.decision(), v1::MATCH_DECISION_NO_MATCH);
  MatchOutcome outcome = Match(Subject({{v1::IDENTIFIER_TYPE_PNC, "2012/0052494Q"}}, "Ashworth"));
  EXPECT_EQ(outcome.result.decision(), v1::MATCH_DECISION_NO_MATCH);
  EXPECT_FALSE(outcome.offender.has_value());
}

TEST_F(ExactMatcherTest, IdentifiersOnDifferentRecordsConflict) {
  MatchOutcome outcome = Match(
      Subject({{v1::IDENTIFIER_TYPE_NOMS, "A1234BC"}, {v1::IDENTIFIER_TYPE_PNC, "2002/0073319Z"}}));
  EXPECT_EQ(outcome.result.decision(), v1::MATCH_DECISION_CONFLICT);
  EXPECT_FALSE(outcome.offender.has_value());
}

TEST_F(ExactMatcherTest, IdentifierWithDateOfBirthAndSurnameBothWrongIsSuspicious) {
  MatchOutcome outcome = Match(Subject({{v1::IDENTIFIER_TYPE_PNC, "1979/0163001B"}}, "Smith", "1960-01-01"));
  EXPECT_EQ(outcome.result.decision(), v1::MATCH_DECISION_SUSPICIOUS);
  EXPECT_FALSE(outcome.offender.has_value());
}

TEST_F(ExactMatcherTest, OneDisagreementAloneOrAnAliasStillLinks) {
  const auto pnc = std::make_pair(v1::IDENTIFIER_TYPE_PNC, std::string("1979/0163001B"));
  EXPECT_EQ(Match(Subject({pnc}, "Ashworth", "1960-01-01")).result.decision(), v1::MATCH_DECISION_LINKED);
  EXPECT_EQ(Match(Subject({pnc}, "Smith", "1985-03-02")).result.decision(), v1::MATCH_DECISION_LINKED);
  EXPECT_EQ(Match(Subject({pnc}, "BRENNAN", "1960-01-01")).result.decision(), v1::MATCH_DECISION_LINKED);
  // A placeholder date of birth is unknown, not a disagreement.
  EXPECT_EQ(Match(Subject({pnc}, "Smith", "1900-01-01")).result.decision(), v1::MATCH_DECISION_LINKED);
}

}  // namespace
}  // namespace liaison::matching
