#include "broker/demo/synthetic_offenders.h"

#include <functional>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "broker/demo/records.h"
#include "broker/demo/staff.h"
#include "broker/demo/synthetic_pools.h"
#include "broker/identifiers/identifiers.h"

namespace liaison::demo {
namespace {

using liaison::v1::OffenderRecord;

// Draws from `next` until the value is not in `*used`, then records it.
std::string Unique(const std::function<std::string()>& next, std::set<std::string>* used) {
  while (true) {
    std::string value = next();
    if (used->insert(value).second) return value;
  }
}

char RandomLetter(DemoRandom& random) { return static_cast<char>('A' + random.Uniform(0, 25)); }

// A CRO number from the year of the PNC: mostly the standard form, a few
// in the SF form (whose check letter is the standard form's).
std::string RandomCro(DemoRandom& random, int year) {
  const std::string standard = identifiers::FormatCro(random.Uniform(1, 999999), year % 100);
  if (!random.Chance(10)) return standard;
  return absl::StrCat("SF", standard.substr(7, 2), "/", standard.substr(0, 6), standard.substr(9));
}

bool HasBeenInPrison(liaison::v1::SupervisionStatus status) {
  return status != liaison::v1::SUPERVISION_STATUS_COMMUNITY_ORDER &&
         status != liaison::v1::SUPERVISION_STATUS_TERMINATED;
}

void AddIdentifiers(DemoRandom& random, std::set<std::string>* used, OffenderRecord* offender) {
  const int birth_year = std::stoi(offender->date_of_birth().substr(0, 4));
  const int first_record_year = std::min(2025, birth_year + random.Uniform(12, 30));
  if (random.Chance(90)) {
    AddIdentifier(
        liaison::v1::IDENTIFIER_TYPE_PNC,
        Unique([&] { return identifiers::FormatPnc(first_record_year, random.Uniform(1, 999999)); },
               used),
        offender);
    if (random.Chance(75)) {
      AddIdentifier(liaison::v1::IDENTIFIER_TYPE_CRO,
                    Unique([&] { return RandomCro(random, first_record_year); }, used), offender);
    }
  }
  if (HasBeenInPrison(offender->status()) || random.Chance(30)) {
    AddIdentifier(liaison::v1::IDENTIFIER_TYPE_NOMS,
                  Unique(
                      [&] {
                        // Drawn in sequence: argument evaluation order is unspecified.
                        const char first = random.Chance(50) ? 'A' : 'G';
                        const int digits = random.Uniform(1000, 9999);
                        const char suffix1 = RandomLetter(random);
                        const char suffix2 = RandomLetter(random);
                        return absl::StrFormat("%c%04d%c%c", first, digits, suffix1, suffix2);
                      },
                      used),
                  offender);
  }
}

liaison::v1::SupervisionStatus RandomStatus(DemoRandom& random) {
  const int roll = random.Uniform(0, 99);
  if (roll < 40) return liaison::v1::SUPERVISION_STATUS_COMMUNITY_ORDER;
  if (roll < 70) return liaison::v1::SUPERVISION_STATUS_LICENCE;
  if (roll < 85) return liaison::v1::SUPERVISION_STATUS_IN_CUSTODY;
  if (roll < 88) return liaison::v1::SUPERVISION_STATUS_UNLAWFULLY_AT_LARGE;
  if (roll < 95) return liaison::v1::SUPERVISION_STATUS_RECALLED;
  return liaison::v1::SUPERVISION_STATUS_TERMINATED;
}

void AddMappa(DemoRandom& random, OffenderRecord* offender) {
  const int category_roll = random.Uniform(0, 99);
  const int category = category_roll < 35 ? 1 : category_roll < 90 ? 2 : category_roll < 98 ? 3 : 4;
  const int level_roll = random.Uniform(0, 99);
  const int level = level_roll < 70 ? 1 : level_roll < 95 ? 2 : 3;
  offender->set_mappa_category(static_cast<liaison::v1::MappaCategory>(category));
  offender->set_mappa_level(static_cast<liaison::v1::MappaLevel>(level));
  offender->add_registrations("MAPP");
  if (category == 1) {
    offender->add_registrations("ARSO");
    offender->add_registrations("AVIS");
  }
}

// RoSH level with its registration, MAPPA for some, and other flags.
void AddRisk(DemoRandom& random, OffenderRecord* offender) {
  static constexpr const char* kRoshCodes[] = {"", "RLRH", "RMRH", "RHRH", "RVHR"};
  const int roll = random.Uniform(0, 99);
  const int rosh = roll < 35 ? 1 : roll < 75 ? 2 : roll < 95 ? 3 : 4;
  offender->set_rosh_level(static_cast<liaison::v1::RoshLevel>(rosh));
  offender->add_registrations(kRoshCodes[rosh]);
  if (random.Chance(rosh >= 3 ? 30 : 8)) AddMappa(random, offender);
  static constexpr std::pair<const char*, int> kFlags[] = {
      {"ADVP", 20}, {"REG30", 15}, {"RCCO", 10}, {"RCPR", 5}, {"IMAR", 5}, {"ADVV", 3}};
  for (const auto& [code, percent] : kFlags) {
    if (random.Chance(percent)) offender->add_registrations(code);
  }
}

void AssignStaff(DemoRandom& random, OffenderRecord* offender) {
  const auto& pool = OffenderManagerPool();
  const int om = random.Uniform(0, static_cast<int>(pool.size()) - 1);
  *offender->mutable_offender_manager() = pool[om];
  if (random.Chance(20)) {
    const int offset = random.Uniform(1, static_cast<int>(pool.size()) - 1);
    *offender->mutable_co_worker() = pool[(om + offset) % pool.size()];
  }
  offender->set_team_code(pool[om].team_code());
  *offender->mutable_manager() = TeamManager(pool[om].team_code());
  offender->set_area_code(std::string(kAreaCode));
}

bool SameName(const liaison::v1::PersonName& a, const liaison::v1::PersonName& b) {
  return a.given_names() == b.given_names() && a.family_name() == b.family_name();
}

void AddAliases(DemoRandom& random, bool female, OffenderRecord* offender) {
  const int count = random.Chance(35) ? random.Uniform(1, 2) : 0;
  for (int i = 0; i < count; ++i) {
    liaison::v1::PersonName alias = RandomAlias(random, offender->name(), female);
    bool duplicate = SameName(alias, offender->name());
    for (const auto& existing : offender->aliases()) duplicate |= SameName(alias, existing);
    if (!duplicate) *offender->add_aliases() = std::move(alias);
  }
}

OffenderRecord RandomOffender(DemoRandom& random, std::set<std::string>* used) {
  OffenderRecord offender;
  offender.set_crn(Unique([&] { return absl::StrCat("N", random.Uniform(100000, 999999)); }, used));
  const bool female = random.Chance(15);
  *offender.mutable_name() = RandomName(random, female);
  AddAliases(random, female, &offender);
  offender.set_date_of_birth(RandomDateOfBirth(random));
  *offender.add_addresses() = RandomAddress(random);
  offender.set_status(RandomStatus(random));
  if (offender.status() == liaison::v1::SUPERVISION_STATUS_IN_CUSTODY) {
    offender.set_prison_code(random.Pick(PrisonCodePool()));
  }
  AddIdentifiers(random, used, &offender);
  AssignStaff(random, &offender);
  AddRisk(random, &offender);
  return offender;
}

}  // namespace

std::vector<OffenderRecord> GenerateSyntheticOffenders(int count, DemoRandom& random,
                                                       std::set<std::string>* used) {
  std::vector<OffenderRecord> offenders;
  offenders.reserve(count);
  for (int i = 0; i < count; ++i) offenders.push_back(RandomOffender(random, used));
  return offenders;
}

}  // namespace liaison::demo
