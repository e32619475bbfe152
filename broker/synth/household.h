#ifndef LIAISON_BROKER_SYNTH_HOUSEHOLD_H_
#define LIAISON_BROKER_SYNTH_HOUSEHOLD_H_

// Households and twins among index people. Index people come in blocks of
// kHouseholdBlock consecutive indices; within a block, person i may be
// linked to person i-1: living in the same household (same address, often
// the same surname) or being their twin (same surname, date of birth and
// address; a different forename). Links are drawn from the block's own
// random stream, so they are a pure function of (seed, i). Pure; thread-safe.

#include <array>
#include <cstdint>

namespace liaison::synth {

inline constexpr int64_t kHouseholdBlock = 8;

enum class Kinship {
  kNone,       // not linked to the previous index person
  kHousehold,  // shares the previous person's household
  kTwin,       // the previous person's twin (never part of a chain of twins)
};

struct HouseholdRates {
  // Probability that a person shares the household of the previous index
  // person (within a block).
  double household = 0.05;
  // Probability that a household member has the same surname.
  double shared_surname = 0.7;
  // The fraction of people who have a twin in the index.
  double twin = 0.003;
};

struct HouseholdLink {
  Kinship kinship = Kinship::kNone;
  // For kHousehold: whether the surname is the previous person's.
  bool shares_surname = false;
};

using BlockLinks = std::array<HouseholdLink, kHouseholdBlock>;

// The links of every person in block `block` (indices block * kHouseholdBlock
// onwards): element p is how person p of the block relates to person p-1.
// Element 0 is always kNone. REQUIRES: block >= 0.
BlockLinks LinksInBlock(uint64_t seed, const HouseholdRates& rates, int64_t block);

// How index person i relates to index person i-1. REQUIRES: i >= 0.
HouseholdLink LinkToPrevious(uint64_t seed, const HouseholdRates& rates, int64_t i);

}  // namespace liaison::synth

#endif  // LIAISON_BROKER_SYNTH_HOUSEHOLD_H_
