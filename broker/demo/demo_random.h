#ifndef LIAISON_BROKER_DEMO_DEMO_RANDOM_H_
#define LIAISON_BROKER_DEMO_DEMO_RANDOM_H_

// The demo generator's source of randomness. std::mt19937_64 is fully
// specified by the standard, but the std distributions are not, so the
// reductions to ranges are done here: the same seed gives the same output
// with any standard library. Not thread-safe.

#include <cstdint>
#include <random>
#include <vector>

namespace liaison::demo {

class DemoRandom {
 public:
  explicit DemoRandom(uint64_t seed) : engine_(seed) {}

  // Uniform in [lo, hi]. REQUIRES: lo <= hi. (The modulo bias over a 64-bit
  // draw is negligible for demo data.)
  int Uniform(int lo, int hi) {
    const uint64_t span = static_cast<uint64_t>(static_cast<int64_t>(hi) - lo) + 1;
    return static_cast<int>(lo + static_cast<int64_t>(engine_() % span));
  }

  // True with probability percent/100.
  bool Chance(int percent) { return Uniform(0, 99) < percent; }

  // REQUIRES: !items.empty().
  template <typename T>
  const T& Pick(const std::vector<T>& items) {
    return items[Uniform(0, static_cast<int>(items.size()) - 1)];
  }

 private:
  std::mt19937_64 engine_;
};

}  // namespace liaison::demo

#endif  // LIAISON_BROKER_DEMO_DEMO_RANDOM_H_
