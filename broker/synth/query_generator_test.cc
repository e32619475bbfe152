// Queries: ground truth, agency profiles, hard negatives, determinism and
// the measured rate of every corruption.

#include "broker/synth/query_generator.h"

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "broker/identifiers/identifiers.h"
#include "broker/synth/ascii_fold.h"
#include "gtest/gtest.h"

namespace liaison::synth {
namespace {

constexpr int64_t kIndexCount = 50000;
constexpr int64_t kQueries = 20000;

Population MakePopulation(uint64_t seed) {
  PopulationOptions options;
  options.seed = seed;
  return *Population::Create(options);
}

const Population& TestPopulation() {
  static const Population* const population = new Population(MakePopulation(21));
  return *population;
}

QueryGenerator MakeGenerator(QueryOptions options) {
  options.index_count = kIndexCount;
  auto generator = QueryGenerator::Create(TestPopulation(), options);
  EXPECT_TRUE(generator.ok()) << generator.status();
  return *std::move(generator);
}

// Options under which queries copy the person exactly.
QueryOptions Faithful() {
  QueryOptions options;
  CorruptionRates none;
  for (double* rate :
       {&none.given_name_typo, &none.family_name_typo, &none.nickname, &none.diacritics_dropped, &none.name_swap,
        &none.middle_name_dropped, &none.middle_name_added, &none.title_added, &none.case_noise, &none.whitespace_noise,
        &none.hyphen_reduced, &none.surname_changed, &none.dob_day_month_swap, &none.dob_digit_typo,
        &none.address_missing, &none.address_moved, &none.postcode_typo, &none.wrong_identifier}) {
    *rate = 0;
  }
  options.rates = none;
  for (AgencyProfile* profile : {&options.profiles.police, &options.profiles.social_care, &options.profiles.prison}) {
    *profile = {.pnc = 1, .cro = 1, .noms = 1, .crn = 1, .aliases = 1, .dob_missing = 0};
  }
  return options;
}

std::string Identifier(const liaison::v1::PersonDescriptor& person, liaison::v1::IdentifierType type) {
  for (const auto& identifier : person.identifiers()) {
    if (identifier.type() == type) return identifier.value();
  }
  return "";
}

liaison::v1::PersonDescriptor IdentifiersOf(const liaison::v1::OffenderRecord& record) {
  liaison::v1::PersonDescriptor descriptor;
  *descriptor.mutable_identifiers() = record.identifiers();
  return descriptor;
}

std::string FirstWord(const std::string& text) { return text.substr(0, text.find(' ')); }

bool IsDateShaped(const std::string& date) {
  if (date.size() != 10 || date[4] != '-' || date[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (!absl::ascii_isdigit(date[i])) return false;
  }
  return true;
}

TEST(QueryGeneratorTest, SameSeedSameQueriesOtherSeedDiffers) {
  const QueryGenerator generator = MakeGenerator({});
  const Population other = MakePopulation(22);
  QueryOptions options;
  options.index_count = kIndexCount;
  const QueryGenerator other_generator = *QueryGenerator::Create(other, options);
  int differing = 0;
  for (int64_t q = 0; q < 200; ++q) {
    const Query a = generator.Generate(q);
    const Query b = generator.Generate(q);
    ASSERT_EQ(a.person.SerializeAsString(), b.person.SerializeAsString());
    ASSERT_EQ(a.true_crn, b.true_crn);
    ASSERT_EQ(a.corruptions.applied, b.corruptions.applied);
    differing += a.person.SerializeAsString() != other_generator.Generate(q).person.SerializeAsString();
  }
  EXPECT_EQ(differing, 200);
}

TEST(QueryGeneratorTest, FaithfulMembersCopyTheIndexPerson) {
  const QueryGenerator generator = MakeGenerator(Faithful());
  int members = 0;
  for (int64_t q = 0; q < 2000; ++q) {
    const Query query = generator.Generate(q);
    if (query.kind != QueryKind::kMember) continue;
    ++members;
    const liaison::v1::OffenderRecord truth = TestPopulation().IndexPerson(query.index_person).record;
    ASSERT_EQ(query.true_crn, truth.crn());
    EXPECT_EQ(query.person.name().SerializeAsString(), truth.name().SerializeAsString());
    EXPECT_EQ(query.person.date_of_birth(), truth.date_of_birth());
    EXPECT_EQ(query.person.addresses(0).SerializeAsString(), truth.addresses(0).SerializeAsString());
    EXPECT_EQ(Identifier(query.person, liaison::v1::IDENTIFIER_TYPE_CRN), truth.crn());
    EXPECT_EQ(query.corruptions.applied, 0u);
  }
  EXPECT_NEAR(members / 2000.0, 0.7, 0.04);
}

TEST(QueryGeneratorTest, HardNegativesResembleButAreNotIndexPeople) {
  QueryOptions options = Faithful();
  options.match_rate = 0;
  options.hard_negative_rate = 1;
  const QueryGenerator generator = MakeGenerator(options);
  int kinds[5] = {};
  for (int64_t q = 0; q < 3000; ++q) {
    const Query query = generator.Generate(q);
    ++kinds[static_cast<int>(query.kind)];
    ASSERT_TRUE(query.true_crn.empty());
    ASSERT_TRUE(Identifier(query.person, liaison::v1::IDENTIFIER_TYPE_CRN).empty());
    const auto t = TestPopulation().IndexPerson(query.index_person).record;
    const auto& p = query.person;
    const bool same_first = FirstWord(p.name().given_names()) == FirstWord(t.name().given_names());
    switch (query.kind) {
      case QueryKind::kTwinLike:
        EXPECT_EQ(p.date_of_birth(), t.date_of_birth());
        [[fallthrough]];
      case QueryKind::kHouseholdRelative:
        EXPECT_EQ(p.name().family_name(), t.name().family_name());
        EXPECT_EQ(p.addresses(0).SerializeAsString(), t.addresses(0).SerializeAsString());
        EXPECT_FALSE(same_first);
        if (query.kind == QueryKind::kHouseholdRelative) {
          EXPECT_NE(p.date_of_birth(), t.date_of_birth());
        }
        break;
      case QueryKind::kNamesake:
        EXPECT_EQ(p.name().SerializeAsString(), t.name().SerializeAsString());
        EXPECT_NE(p.date_of_birth(), t.date_of_birth());
        break;
      default:
        ADD_FAILURE() << "unexpected kind " << QueryKindName(query.kind);
    }
    for (const auto& identifier : p.identifiers()) {
      EXPECT_NE(identifier.value(), Identifier(IdentifiersOf(t), identifier.type()));
    }
  }
  EXPECT_NEAR(kinds[static_cast<int>(QueryKind::kHouseholdRelative)] / 3000.0, 0.4, 0.04);
  EXPECT_NEAR(kinds[static_cast<int>(QueryKind::kTwinLike)] / 3000.0, 0.2, 0.03);
}

TEST(QueryGeneratorTest, AgenciesRecordWhatTheirProfileSays) {
  const QueryGenerator generator = MakeGenerator({});
  int by_agency[3] = {};
  for (int64_t q = 0; q < kQueries; ++q) {
    const Query query = generator.Generate(q);
    ++by_agency[static_cast<int>(query.agency)];
    const auto& p = query.person;
    ASSERT_TRUE(p.date_of_birth().empty() || IsDateShaped(p.date_of_birth())) << p.date_of_birth();
    ASSERT_TRUE(Identifier(p, liaison::v1::IDENTIFIER_TYPE_CRN).empty());  // no agency sends one
    if (query.agency == Agency::kSocialCare) {
      ASSERT_EQ(p.identifiers_size(), 0);
    }
    ASSERT_EQ(query.true_crn.empty(), query.kind != QueryKind::kMember);
    for (const auto& identifier : p.identifiers()) {
      const auto canonical = identifiers::Canonicalize(identifier.type(), identifier.value(), absl::CivilYear(2026));
      ASSERT_TRUE(canonical.ok() && canonical->has_value()) << identifier.value();
    }
    if (!p.addresses().empty()) {
      ASSERT_FALSE(identifiers::IsPlaceholderPostcode(p.addresses(0).postcode()));
    }
  }
  EXPECT_NEAR(by_agency[0] / double{kQueries}, 0.5, 0.02);
  EXPECT_NEAR(by_agency[1] / double{kQueries}, 0.25, 0.02);
}

struct RateCase {
  const char* name;
  QueryOptions options;
};

QueryOptions AllRates(double rate) {
  QueryOptions options;
  CorruptionRates& r = options.rates;
  for (double* field :
       {&r.given_name_typo, &r.family_name_typo, &r.nickname, &r.diacritics_dropped, &r.name_swap,
        &r.middle_name_dropped, &r.middle_name_added, &r.title_added, &r.case_noise, &r.whitespace_noise,
        &r.hyphen_reduced, &r.surname_changed, &r.dob_day_month_swap, &r.dob_digit_typo, &r.address_missing,
        &r.address_moved, &r.postcode_typo, &r.wrong_identifier}) {
    *field = rate;
  }
  return options;
}

class CorruptionRateTest : public testing::TestWithParam<RateCase> {};

// Every corruption's applied / eligible share, per agency, is within 4.5
// standard errors (plus a floor) of its configured rate.
TEST_P(CorruptionRateTest, MeasuredRatesMatchConfiguredRates) {
  const QueryGenerator generator = MakeGenerator(GetParam().options);
  constexpr int kKinds = static_cast<int>(Corruption::kCount);
  int64_t eligible[3][kKinds] = {};
  int64_t applied[3][kKinds] = {};
  for (int64_t q = 0; q < kQueries; ++q) {
    const Query query = generator.Generate(q);
    const int agency = static_cast<int>(query.agency);
    for (int c = 0; c < kKinds; ++c) {
      eligible[agency][c] += query.corruptions.WasEligible(static_cast<Corruption>(c));
      applied[agency][c] += query.corruptions.WasApplied(static_cast<Corruption>(c));
      ASSERT_TRUE(query.corruptions.WasEligible(static_cast<Corruption>(c)) ||
                  !query.corruptions.WasApplied(static_cast<Corruption>(c)));
    }
  }
  int64_t total_eligible[kKinds] = {};
  for (Agency agency : kAgencies) {
    const int a = static_cast<int>(agency);
    const AgencyProfile& profile = generator.options().profiles.For(agency);
    for (int c = 0; c < kKinds; ++c) {
      total_eligible[c] += eligible[a][c];
      if (eligible[a][c] == 0) continue;
      const double expected = ConfiguredRate(static_cast<Corruption>(c), generator.options().rates, profile);
      const double observed = static_cast<double>(applied[a][c]) / eligible[a][c];
      const double tolerance = 4.5 * std::sqrt(expected * (1 - expected) / eligible[a][c]) + 0.003;
      EXPECT_NEAR(observed, expected, tolerance)
          << CorruptionName(static_cast<Corruption>(c)) << " from " << AgencyName(agency) << ": " << applied[a][c]
          << " of " << eligible[a][c];
    }
  }
  for (int c = 0; c < kKinds; ++c) {
    EXPECT_GT(total_eligible[c], 20) << "never eligible: " << CorruptionName(static_cast<Corruption>(c));
  }
}

INSTANTIATE_TEST_SUITE_P(Rates, CorruptionRateTest,
                         testing::Values(RateCase{"defaults", QueryOptions{}}, RateCase{"all_half", AllRates(0.5)}),
                         [](const testing::TestParamInfo<RateCase>& info) { return info.param.name; });

// One corruption at rate 1, everything else faithful: its effect is visible.
TEST(QueryGeneratorTest, EachCorruptionDoesWhatItSays) {
  QueryOptions options = Faithful();
  options.match_rate = 1;
  options.rates.name_swap = 1;
  options.rates.dob_day_month_swap = 1;
  options.rates.wrong_identifier = 1;
  options.rates.diacritics_dropped = 1;
  const QueryGenerator generator = MakeGenerator(options);
  for (int64_t q = 0; q < 500; ++q) {
    const Query query = generator.Generate(q);
    const auto truth = TestPopulation().IndexPerson(query.index_person).record;
    const auto& p = query.person;
    const std::string dob = truth.date_of_birth();
    if (query.corruptions.WasApplied(Corruption::kDobDayMonthSwap)) {
      EXPECT_EQ(p.date_of_birth(), dob.substr(0, 5) + dob.substr(8, 2) + "-" + dob.substr(5, 2));
    } else {
      EXPECT_EQ(dob.substr(5, 2), dob.substr(8, 2));
    }
    const std::string pnc = Identifier(p, liaison::v1::IDENTIFIER_TYPE_PNC);
    if (!pnc.empty()) {
      EXPECT_TRUE(query.corruptions.WasApplied(Corruption::kWrongIdentifier));
      EXPECT_NE(pnc, TestPopulation().IndexPnc(query.index_person));
      EXPECT_TRUE(identifiers::CanonicalPnc(pnc, absl::CivilYear(2026)).ok()) << pnc;
    }
    EXPECT_TRUE(IsAscii(p.name().given_names() + p.name().family_name()));
    EXPECT_EQ(AsciiFold(p.name().family_name()), AsciiFold(truth.name().given_names()));
  }
}

TEST(QueryGeneratorTest, CreateRejectsBadOptions) {
  QueryOptions options;
  options.index_count = kIndexCount;
  options.match_rate = 1.2;
  EXPECT_FALSE(QueryGenerator::Create(TestPopulation(), options).ok());
  options.match_rate = 0.7;
  options.police_share = 0.9;
  EXPECT_FALSE(QueryGenerator::Create(TestPopulation(), options).ok());
  options.police_share = 0.5;
  options.rates.postcode_typo = -1;
  EXPECT_FALSE(QueryGenerator::Create(TestPopulation(), options).ok());
  options.rates.postcode_typo = 0.02;
  options.profiles.prison.noms = 2;
  EXPECT_FALSE(QueryGenerator::Create(TestPopulation(), options).ok());
  options.profiles.prison.noms = 0.9;
  options.index_count = 0;
  EXPECT_FALSE(QueryGenerator::Create(TestPopulation(), options).ok());
  options.index_count = Population::kMaxIndexPeople + 1;
  EXPECT_FALSE(QueryGenerator::Create(TestPopulation(), options).ok());
  options.index_count = kIndexCount;
  EXPECT_TRUE(QueryGenerator::Create(TestPopulation(), options).ok());
}

}  // namespace
}  // namespace liaison::synth
