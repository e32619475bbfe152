#include "broker/synth/household.h"

#include "broker/synth/synth_random.h"

namespace liaison::synth {

BlockLinks LinksInBlock(uint64_t seed, const HouseholdRates& rates, int64_t block) {
  // Only positions 1..block-1 can link: scale so that twin pairs (two people
  // each) make up `rates.twin` of everyone.
  const double twin_link = rates.twin / 2 * kHouseholdBlock / static_cast<double>(kHouseholdBlock - 1);
  Rng rng = StreamRng(seed, Stream::kHousehold, static_cast<uint64_t>(block));
  BlockLinks links{};
  for (int64_t p = 1; p < kHouseholdBlock; ++p) {
    // Always three draws per position, so one link never shifts another.
    const bool twin_roll = rng.Chance(twin_link);
    const bool household_roll = rng.Chance(rates.household);
    const bool surname_roll = rng.Chance(rates.shared_surname);
    if (twin_roll && links[p - 1].kinship != Kinship::kTwin) {
      links[p] = {Kinship::kTwin, true};
    } else if (household_roll) {
      links[p] = {Kinship::kHousehold, surname_roll};
    }
  }
  return links;
}

HouseholdLink LinkToPrevious(uint64_t seed, const HouseholdRates& rates, int64_t i) {
  return LinksInBlock(seed, rates, i / kHouseholdBlock)[i % kHouseholdBlock];
}

}  // namespace liaison::synth
