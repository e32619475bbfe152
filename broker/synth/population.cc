#include "broker/synth/population.h"

#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "broker/identifiers/identifiers.h"
#include "broker/synth/addresses.h"
#include "broker/synth/person_traits.h"
#include "broker/synth/staff.h"

namespace liaison::synth {
namespace {

using liaison::v1::OffenderRecord;

// First records come in the teens to mid-thirties; the PNC as we know it
// starts in the 1970s.
constexpr int kFirstPncYear = 1975;
constexpr int kLastPncYear = 2024;

// Whose random streams supply an index person's shared traits.
struct TraitSources {
  int64_t surname;
  int64_t date_of_birth;
  int64_t address;
  int64_t previous_address;
  HouseholdLink link;
};

TraitSources SourcesOf(uint64_t seed, const HouseholdRates& rates, int64_t i) {
  const int64_t block_start = i - i % kHouseholdBlock;
  const BlockLinks links = LinksInBlock(seed, rates, i / kHouseholdBlock);
  const HouseholdLink link = links[i - block_start];
  TraitSources sources{i, i, i, i, link};
  // The household head is the first person of the chain of links.
  while (sources.address > block_start && links[sources.address - block_start].kinship != Kinship::kNone) {
    --sources.address;
  }
  while (sources.surname > block_start) {
    const HouseholdLink& at = links[sources.surname - block_start];
    if (at.kinship == Kinship::kNone || !at.shares_surname) break;
    --sources.surname;
  }
  if (link.kinship == Kinship::kTwin) {
    sources.date_of_birth = i - 1;
    sources.previous_address = i - 1;
  }
  return sources;
}

void AddIdentifier(liaison::v1::IdentifierType type, std::string value, OffenderRecord& record) {
  liaison::v1::Identifier* identifier = record.add_identifiers();
  identifier->set_type(type);
  identifier->set_value(std::move(value));
}

// The person's name, aliases, date of birth and addresses; `avoid` is a
// forename the first must differ from (a twin's).
void SetPersonFields(const PersonTraits& traits, int64_t n, const TraitSources& sources, Sex sex,
                     absl::string_view avoid, OffenderRecord& record) {
  liaison::v1::PersonName* name = record.mutable_name();
  name->set_given_names(absl::StrJoin(traits.GivenNames(n, sex, avoid), " "));
  name->set_family_name(NamePools::SurnameForSex(traits.FamilyName(sources.surname), sex));
  for (auto& alias : traits.Aliases(n, sex, *name)) *record.add_aliases() = std::move(alias);
  record.set_date_of_birth(FormatDate(traits.DateOfBirth(sources.date_of_birth)));
  *record.add_addresses() = traits.CurrentAddress(sources.address);
  if (auto previous = traits.PreviousAddress(sources.previous_address)) {
    *record.add_addresses() = *std::move(previous);
  }
}

int BirthYear(const OffenderRecord& record) { return std::stoi(record.date_of_birth().substr(0, 4)); }

}  // namespace

absl::StatusOr<Population> Population::Create(PopulationOptions options) {
  const std::pair<const char*, double> rates[] = {
      {"male_share", options.male_share},
      {"middle_name_rate", options.middle_name_rate},
      {"hyphenated_surname_rate", options.hyphenated_surname_rate},
      {"alias_rate", options.alias_rate},
      {"previous_address_rate", options.previous_address_rate},
      {"pnc_rate", options.pnc_rate},
      {"cro_rate", options.cro_rate},
      {"noms_rate", options.noms_rate},
      {"cro_sf_form_rate", options.cro_sf_form_rate},
      {"household.household", options.household.household},
      {"household.shared_surname", options.household.shared_surname},
      {"household.twin", options.household.twin},
  };
  for (const auto& [name, rate] : rates) {
    if (!(rate >= 0 && rate <= 1)) {
      return absl::InvalidArgumentError(absl::StrCat(name, ": a rate must be in [0, 1]"));
    }
  }
  return Population(std::move(options));
}

Population::Population(PopulationOptions options) : options_(std::move(options)), ids_(options_.seed) {}

SyntheticPerson Population::IndexPerson(int64_t i) const {
  const PersonTraits traits(options_, /*non_member=*/false);
  const TraitSources sources = SourcesOf(options_.seed, options_.household, i);
  SyntheticPerson person;
  person.kinship = sources.link.kinship;
  // Twins are of one sex (so their surnames agree, "Kowalska" and
  // "Kowalska") and differ in forename.
  const bool twin = person.kinship == Kinship::kTwin;
  person.sex = traits.SexOf(twin ? i - 1 : i);
  const std::string avoid = twin ? traits.GivenNames(i - 1, person.sex)[0] : "";
  person.record.set_crn(ids_.Crn(i));
  SetPersonFields(traits, i, sources, person.sex, avoid, person.record);
  AddIdentifiers(i, /*non_member=*/false, BirthYear(person.record), person.record);
  AddOffenderManager(i, person.record);
  return person;
}

SyntheticPerson Population::NonMember(int64_t k) const {
  const PersonTraits traits(options_, /*non_member=*/true);
  SyntheticPerson person;
  person.sex = traits.SexOf(k);
  SetPersonFields(traits, k, TraitSources{k, k, k, k, {}}, person.sex, "", person.record);
  AddIdentifiers(k, /*non_member=*/true, BirthYear(person.record), person.record);
  return person;
}

Population::IdentifierDraws Population::DrawIdentifiers(int64_t n, bool non_member) const {
  Rng rng = PersonTraits(options_, non_member).StreamFor(Stream::kIdentifiers, n);
  IdentifierDraws draws;
  draws.holds.pnc = rng.Chance(options_.pnc_rate);
  draws.first_record_age = rng.Uniform(14, 35);
  draws.holds.cro = rng.Chance(options_.cro_rate);
  draws.cro_sf_form = rng.Chance(options_.cro_sf_form_rate);
  draws.holds.noms = rng.Chance(options_.noms_rate);
  return draws;
}

Population::Holdings Population::IndexHoldings(int64_t i) const {
  return DrawIdentifiers(i, /*non_member=*/false).holds;
}

void Population::AddIdentifiers(int64_t n, bool non_member, int birth_year, OffenderRecord& record) const {
  const IdentifierDraws draws = DrawIdentifiers(n, non_member);
  const int year = std::clamp(birth_year + draws.first_record_age, kFirstPncYear, kLastPncYear);
  if (draws.holds.pnc) {
    AddIdentifier(liaison::v1::IDENTIFIER_TYPE_PNC,
                  non_member ? NonMemberPnc(n, year) : identifiers::FormatPnc(year, ids_.IndexPncSerial(n)), record);
  }
  if (draws.holds.cro) {
    AddIdentifier(liaison::v1::IDENTIFIER_TYPE_CRO,
                  non_member ? ids_.NonMemberCro(n, draws.cro_sf_form) : ids_.IndexCro(n, draws.cro_sf_form), record);
  }
  if (draws.holds.noms) {
    AddIdentifier(liaison::v1::IDENTIFIER_TYPE_NOMS, non_member ? ids_.NonMemberNoms(n) : ids_.IndexNoms(n), record);
  }
}

int Population::IndexPncYear(int64_t i) const {
  const PersonTraits traits(options_, /*non_member=*/false);
  const TraitSources sources = SourcesOf(options_.seed, options_.household, i);
  const int birth_year = static_cast<int>(traits.DateOfBirth(sources.date_of_birth).year());
  return std::clamp(birth_year + DrawIdentifiers(i, false).first_record_age, kFirstPncYear, kLastPncYear);
}

std::string Population::IndexPnc(int64_t i) const {
  return identifiers::FormatPnc(IndexPncYear(i), ids_.IndexPncSerial(i));
}

// Non-members' serials repeat index people's: the year tells them apart.
std::string Population::NonMemberPnc(int64_t k, int year) const {
  const int serial = ids_.NonMemberPncSerial(k);
  if (year == IndexPncYear(ids_.IndexPersonWithPncSerial(serial))) {
    year += year > kFirstPncYear ? -1 : 1;
  }
  return identifiers::FormatPnc(year, serial);
}

std::string Population::NonMemberNoms(int64_t k) const { return ids_.NonMemberNoms(k); }

void Population::AddOffenderManager(int64_t i, OffenderRecord& record) const {
  Rng rng = PersonTraits(options_, false).StreamFor(Stream::kOffenderManager, i);
  const int region = RegionOfPostcode(record.addresses(0).postcode());
  OffenderManager om = AssignOffenderManager(options_.seed, region, rng);
  record.mutable_offender_manager()->set_staff_code(std::move(om.staff_code));
  record.mutable_offender_manager()->set_name(std::move(om.name));
  record.mutable_offender_manager()->set_team_code(om.team_code);
  record.set_team_code(std::move(om.team_code));
  record.set_area_code(std::move(om.area_code));
}

}  // namespace liaison::synth
