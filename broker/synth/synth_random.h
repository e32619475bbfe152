#ifndef LIAISON_BROKER_SYNTH_SYNTH_RANDOM_H_
#define LIAISON_BROKER_SYNTH_SYNTH_RANDOM_H_

// The generator's randomness. Every random choice comes from an Rng seeded
// by StreamRng(seed, stream, index), so a person (or a query) is a pure
// function of the seed and its index: it can be regenerated in any order,
// on any thread, without the rest of the population. The reductions to
// ranges are written here (not std distributions, which differ between
// standard libraries), so output is identical everywhere. Not thread-safe
// (an Rng is a small value: make one per use).

#include <cstdint>

#include "absl/types/span.h"

namespace liaison::synth {

// The splitmix64 finaliser: a bijective 64-bit mixer.
inline constexpr uint64_t Mix64(uint64_t z) {
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

// A splitmix64 sequence.
class Rng {
 public:
  explicit Rng(uint64_t state) : state_(state) {}

  uint64_t Next() {
    state_ += 0x9E3779B97F4A7C15ULL;
    return Mix64(state_);
  }

  // Uniform in [0, n). REQUIRES: n > 0.
  uint64_t Below(uint64_t n) { return static_cast<uint64_t>((static_cast<unsigned __int128>(Next()) * n) >> 64); }

  // Uniform in [lo, hi]. REQUIRES: lo <= hi.
  int Uniform(int lo, int hi) {
    return lo + static_cast<int>(Below(static_cast<uint64_t>(static_cast<int64_t>(hi) - lo) + 1));
  }

  // Uniform in [0, 1), 53 bits.
  double Fraction() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }

  // True with probability p (p <= 0: never; p >= 1: always).
  bool Chance(double p) { return Fraction() < p; }

  // REQUIRES: !items.empty().
  template <typename T>
  const T& Pick(absl::Span<const T> items) {
    return items[Below(items.size())];
  }

 private:
  uint64_t state_;
};

// Independent random streams per person or query. Values are part of the
// output's definition: never renumber, only append.
enum class Stream : uint64_t {
  kHousehold = 1,
  kSex = 2,
  kGivenNames = 3,
  kFamilyName = 4,
  kDateOfBirth = 5,
  kAddress = 6,
  kPreviousAddress = 7,
  kAliases = 8,
  kIdentifiers = 9,
  kOffenderManager = 10,
  kStaffName = 11,
  kQuery = 12,
  // Non-members take every person stream shifted by this offset.
  kNonMemberOffset = 1000,
};

// The Rng for (seed, stream, index); distinct arguments give unrelated
// sequences.
inline Rng StreamRng(uint64_t seed, uint64_t stream, uint64_t index) {
  const uint64_t stream_key = Mix64(seed ^ Mix64(stream * 0xD6E8FEB86659FD93ULL + 1));
  return Rng(Mix64(stream_key + Mix64(index + 0x2545F4914F6CDD1DULL)));
}

inline Rng StreamRng(uint64_t seed, Stream stream, uint64_t index) {
  return StreamRng(seed, static_cast<uint64_t>(stream), index);
}

}  // namespace liaison::synth

#endif  // LIAISON_BROKER_SYNTH_SYNTH_RANDOM_H_
