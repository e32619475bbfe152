// The index population: determinism, order independence, identifiers,
// placeholders, households and twins.

#include "broker/synth/population.h"

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/functional/function_ref.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/time/civil_time.h"
#include "broker/identifiers/identifiers.h"
#include "gtest/gtest.h"

namespace liaison::synth {
namespace {

using liaison::v1::OffenderRecord;

constexpr int64_t kPeople = 100000;
const absl::CivilYear kCurrentYear(2026);

Population MakePopulation(uint64_t seed) {
  PopulationOptions options;
  options.seed = seed;
  auto population = Population::Create(options);
  EXPECT_TRUE(population.ok()) << population.status();
  return *std::move(population);
}

void ForEachIndexPerson(const Population& population, int64_t count,
                        absl::FunctionRef<void(int64_t, const SyntheticPerson&)> visit) {
  for (int64_t i = 0; i < count; ++i) visit(i, population.IndexPerson(i));
}

bool IsDateShaped(const std::string& date) {
  if (date.size() != 10 || date[4] != '-' || date[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (!absl::ascii_isdigit(date[i])) return false;
  }
  return true;
}

bool IsValidDate(const std::string& date) {
  absl::CivilDay day;
  return IsDateShaped(date) && absl::ParseCivilTime(date, &day) && absl::FormatCivilTime(day) == date;
}

TEST(PopulationTest, SameSeedSameRecordsOtherSeedDiffers) {
  const Population a = MakePopulation(1);
  const Population b = MakePopulation(1);
  const Population c = MakePopulation(2);
  int differing = 0;
  for (int64_t i = 0; i < 1000; ++i) {
    const std::string record = a.IndexPerson(i).record.SerializeAsString();
    ASSERT_EQ(record, b.IndexPerson(i).record.SerializeAsString()) << i;
    differing += record != c.IndexPerson(i).record.SerializeAsString();
  }
  EXPECT_EQ(differing, 1000);
}

TEST(PopulationTest, PersonDoesNotDependOnGenerationOrder) {
  const Population population = MakePopulation(3);
  std::vector<std::string> forward;
  for (int64_t i = 0; i < 500; ++i) {
    forward.push_back(population.IndexPerson(i).record.SerializeAsString());
  }
  for (int64_t i = 499; i >= 0; --i) {
    ASSERT_EQ(population.IndexPerson(i).record.SerializeAsString(), forward[i]) << i;
  }
  // A person far into a large index, generated alone, is the same each time.
  const int64_t far = Population::kMaxIndexPeople - 1;
  EXPECT_EQ(population.IndexPerson(far).record.SerializeAsString(),
            MakePopulation(3).IndexPerson(far).record.SerializeAsString());
  EXPECT_EQ(population.IndexPerson(far).record.crn().substr(0, 1), "J");
}

void ExpectCanonical(const liaison::v1::Identifier& identifier) {
  const auto canonical = identifiers::Canonicalize(identifier.type(), identifier.value(), kCurrentYear);
  ASSERT_TRUE(canonical.ok()) << identifier.value() << ": " << canonical.status();
  ASSERT_TRUE(canonical->has_value()) << "placeholder " << identifier.value();
  ASSERT_EQ(**canonical, identifier.value());
}

TEST(PopulationTest, IdentifiersAreValidCanonicalAndUnique) {
  const Population population = MakePopulation(4);
  absl::flat_hash_set<std::string> seen;  // values are distinct across types by shape
  auto check = [&](const OffenderRecord& record) {
    for (const auto& identifier : record.identifiers()) {
      ExpectCanonical(identifier);
      ASSERT_TRUE(seen.insert(identifier.value()).second) << "repeated " << identifier.value();
    }
  };
  ForEachIndexPerson(population, kPeople, [&](int64_t i, const SyntheticPerson& person) {
    liaison::v1::Identifier crn;
    crn.set_type(liaison::v1::IDENTIFIER_TYPE_CRN);
    crn.set_value(person.record.crn());
    ExpectCanonical(crn);
    ASSERT_TRUE(seen.insert(crn.value()).second) << "repeated CRN " << crn.value();
    check(person.record);
    for (const auto& identifier : person.record.identifiers()) {
      if (identifier.type() == liaison::v1::IDENTIFIER_TYPE_PNC) {
        ASSERT_EQ(identifier.value(), population.IndexPnc(i));
      }
    }
  });
  for (int64_t k = 0; k < 20000; ++k) check(population.NonMember(k).record);
}

TEST(PopulationTest, NoPlaceholdersAndWellFormedFields) {
  const Population population = MakePopulation(5);
  ForEachIndexPerson(population, kPeople, [&](int64_t i, const SyntheticPerson& person) {
    const OffenderRecord& r = person.record;
    ASSERT_TRUE(IsValidDate(r.date_of_birth())) << r.date_of_birth();
    ASSERT_FALSE(identifiers::IsPlaceholderDateOfBirth(r.date_of_birth()));
    const int year = std::stoi(r.date_of_birth().substr(0, 4));
    ASSERT_GE(year, 1940);
    ASSERT_LE(year, 2008);
    ASSERT_FALSE(r.name().given_names().empty());
    ASSERT_FALSE(r.name().family_name().empty());
    ASSERT_FALSE(identifiers::IsPlaceholderName(r.name().given_names()));
    ASSERT_FALSE(identifiers::IsPlaceholderName(r.name().family_name()));
    ASSERT_GE(r.addresses_size(), 1);
    for (const auto& address : r.addresses()) {
      ASSERT_FALSE(identifiers::IsPlaceholderPostcode(address.postcode()));
    }
    for (const auto& alias : r.aliases()) {
      ASSERT_FALSE(absl::StrContains(alias.family_name(), ' ')) << alias.family_name();
      ASSERT_FALSE(alias.given_names().empty());
    }
    ASSERT_FALSE(r.offender_manager().staff_code().empty());
    ASSERT_FALSE(r.team_code().empty());
    ASSERT_FALSE(r.area_code().empty());
  });
}

// Observed share `hits / total` is within 4.5 standard errors (plus a small
// floor) of `expected`.
void ExpectRate(const char* what, int64_t hits, int64_t total, double expected) {
  ASSERT_GT(total, 0) << what;
  const double observed = static_cast<double>(hits) / total;
  const double tolerance = 4.5 * std::sqrt(expected * (1 - expected) / total) + 0.002;
  EXPECT_NEAR(observed, expected, tolerance) << what << ": " << hits << " of " << total;
}

bool Holds(const OffenderRecord& record, liaison::v1::IdentifierType type) {
  for (const auto& identifier : record.identifiers()) {
    if (identifier.type() == type) return true;
  }
  return false;
}

TEST(PopulationTest, TraitRatesMatchTheOptions) {
  const Population population = MakePopulation(6);
  const PopulationOptions& o = population.options();
  int64_t pnc = 0, cro = 0, noms = 0, aliases = 0, hyphenated = 0, male = 0, previous = 0;
  ForEachIndexPerson(population, kPeople, [&](int64_t, const SyntheticPerson& person) {
    const OffenderRecord& r = person.record;
    pnc += Holds(r, liaison::v1::IDENTIFIER_TYPE_PNC);
    cro += Holds(r, liaison::v1::IDENTIFIER_TYPE_CRO);
    noms += Holds(r, liaison::v1::IDENTIFIER_TYPE_NOMS);
    aliases += !r.aliases().empty();
    hyphenated += absl::StrContains(r.name().family_name(), '-');
    male += person.sex == Sex::kMale;
    previous += r.addresses_size() > 1;
  });
  ExpectRate("pnc", pnc, kPeople, o.pnc_rate);
  ExpectRate("cro", cro, kPeople, o.cro_rate);
  ExpectRate("noms", noms, kPeople, o.noms_rate);
  ExpectRate("male", male, kPeople, o.male_share);
  ExpectRate("previous address", previous, kPeople, o.previous_address_rate);
  // Some drawn aliases equal the name and are dropped; the pools hold a few
  // hyphenated names of their own.
  ExpectRate("aliases", aliases, kPeople, o.alias_rate * 0.97);
  EXPECT_NEAR(static_cast<double>(hyphenated) / kPeople, o.hyphenated_surname_rate, 0.005);
}

TEST(PopulationTest, TwinsAreRareAndDifferOnlyInForename) {
  const Population population = MakePopulation(7);
  int64_t twins = 0, households = 0;
  OffenderRecord previous;
  Sex previous_sex = Sex::kMale;
  ForEachIndexPerson(population, kPeople, [&](int64_t i, const SyntheticPerson& person) {
    const OffenderRecord& r = person.record;
    if (person.kinship == Kinship::kTwin) {
      ++twins;
      EXPECT_EQ(person.sex, previous_sex) << i;
      EXPECT_EQ(r.name().family_name(), previous.name().family_name()) << i;
      EXPECT_EQ(r.date_of_birth(), previous.date_of_birth()) << i;
      EXPECT_EQ(r.addresses(0).SerializeAsString(), previous.addresses(0).SerializeAsString());
      EXPECT_NE(r.name().given_names().substr(0, r.name().given_names().find(' ')),
                previous.name().given_names().substr(0, previous.name().given_names().find(' ')));
    } else if (person.kinship == Kinship::kHousehold) {
      ++households;
      EXPECT_EQ(r.addresses(0).SerializeAsString(), previous.addresses(0).SerializeAsString());
    }
    previous = r;
    previous_sex = person.sex;
  });
  // Each twin link is a pair: two people with a twin.
  ExpectRate("people with a twin", 2 * twins, kPeople, population.options().household.twin);
  ExpectRate("household links", households, kPeople,
             population.options().household.household * (kHouseholdBlock - 1) / kHouseholdBlock);
}

TEST(PopulationTest, NonMembersAreOtherPeople) {
  const Population population = MakePopulation(8);
  for (int64_t k = 0; k < 1000; ++k) {
    const SyntheticPerson person = population.NonMember(k);
    EXPECT_TRUE(person.record.crn().empty());
    EXPECT_FALSE(person.record.has_offender_manager());
    EXPECT_EQ(person.kinship, Kinship::kNone);
    EXPECT_NE(person.record.name().SerializeAsString(), population.IndexPerson(k).record.name().SerializeAsString());
  }
}

TEST(PopulationTest, CreateRejectsRatesOutsideZeroToOne) {
  PopulationOptions options;
  options.cro_rate = 1.5;
  const auto population = Population::Create(options);
  ASSERT_FALSE(population.ok());
  EXPECT_EQ(population.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(absl::StrContains(population.status().message(), "cro_rate"));
  options.cro_rate = 0.4;
  options.household.twin = -0.1;
  EXPECT_FALSE(Population::Create(options).ok());
}

}  // namespace
}  // namespace liaison::synth
