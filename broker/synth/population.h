#ifndef LIAISON_BROKER_SYNTH_POPULATION_H_
#define LIAISON_BROKER_SYNTH_POPULATION_H_

// The synthetic offender index and the people outside it. Index person i
// (0 <= i < kMaxIndexPeople) and non-member k are pure functions of (seed,
// i) and (seed, k): nothing is stored, so 10 million records stream in
// constant memory and any person can be regenerated for a query. The model
// and its rates: broker/synth/README.md. Immutable; thread-safe.

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "broker/synth/household.h"
#include "broker/synth/names.h"
#include "broker/synth/synth_identifiers.h"
#include "liaison/v1/offender.pb.h"

namespace liaison::synth {

struct PopulationOptions {
  uint64_t seed = 1;
  // Probation caseloads are mostly men.
  double male_share = 0.85;
  // People with a middle name (the rest have one forename).
  double middle_name_rate = 0.6;
  double hyphenated_surname_rate = 0.03;
  // People with aliases (of those, 20% have two).
  double alias_rate = 0.10;
  // People whose record also holds a previous address.
  double previous_address_rate = 0.25;
  // Strong identifiers held, each independently.
  double pnc_rate = 0.85;
  double cro_rate = 0.40;
  double noms_rate = 0.30;
  // CRO numbers written in the SF form.
  double cro_sf_form_rate = 0.10;
  HouseholdRates household;
};

struct SyntheticPerson {
  Sex sex = Sex::kMale;
  // Index people: how they relate to index person i-1. Non-members: kNone.
  Kinship kinship = Kinship::kNone;
  // The person as the index holds them: identifiers (PNC, CRO, NOMS in that
  // order, each when held), name, aliases, date of birth, the current
  // address then any previous one, offender manager, team and area. A
  // non-member's record has no CRN and no probation staff.
  liaison::v1::OffenderRecord record;
};

class Population {
 public:
  static constexpr int64_t kMaxIndexPeople = IdentifierSpace::kMaxIndexPeople;
  static constexpr int64_t kMaxNonMembers = IdentifierSpace::kMaxNonMembers;

  // INVALID_ARGUMENT naming the field when a rate is outside [0, 1].
  static absl::StatusOr<Population> Create(PopulationOptions options);

  // REQUIRES: 0 <= i < kMaxIndexPeople.
  SyntheticPerson IndexPerson(int64_t i) const;

  // A person not in the index, drawn from the same distributions (never in
  // a household with or a twin of anyone). REQUIRES: 0 <= k < kMaxNonMembers.
  SyntheticPerson NonMember(int64_t k) const;

  // Which strong identifiers index person i holds, without generating the
  // rest of the person. REQUIRES: 0 <= i < kMaxIndexPeople.
  struct Holdings {
    bool pnc = false;
    bool cro = false;
    bool noms = false;
  };
  Holdings IndexHoldings(int64_t i) const;

  // The PNC index person i would carry (whether or not they do), and the
  // NOMS number of non-member k (whether or not NonMember(k) holds one:
  // prisons number everyone they hold). REQUIRES: i, k in range.
  std::string IndexPnc(int64_t i) const;
  std::string NonMemberNoms(int64_t k) const;

  const PopulationOptions& options() const { return options_; }

 private:
  explicit Population(PopulationOptions options);

  // The identifier stream's draws for person n.
  struct IdentifierDraws {
    Holdings holds;
    int first_record_age = 0;
    bool cro_sf_form = false;
  };
  IdentifierDraws DrawIdentifiers(int64_t n, bool non_member) const;
  int IndexPncYear(int64_t i) const;
  void AddIdentifiers(int64_t n, bool non_member, int birth_year, liaison::v1::OffenderRecord& record) const;
  std::string NonMemberPnc(int64_t k, int year) const;
  void AddOffenderManager(int64_t i, liaison::v1::OffenderRecord& record) const;

  PopulationOptions options_;
  IdentifierSpace ids_;
};

}  // namespace liaison::synth

#endif  // LIAISON_BROKER_SYNTH_POPULATION_H_
