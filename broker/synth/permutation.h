#ifndef LIAISON_BROKER_SYNTH_PERMUTATION_H_
#define LIAISON_BROKER_SYNTH_PERMUTATION_H_

// A keyed bijection on [0, n): a small Feistel network with cycle walking.
// Gives identifiers that look scattered but are unique by construction
// (person i's number is Apply(i)), with no table of issued values. Immutable;
// thread-safe.

#include <cstdint>

namespace liaison::synth {

class Permutation {
 public:
  // REQUIRES: 1 <= n <= 2^62.
  Permutation(uint64_t n, uint64_t key);

  uint64_t size() const { return n_; }

  // REQUIRES: x < size(). The result is < size(); distinct x give distinct
  // results.
  uint64_t Apply(uint64_t x) const;

  // The x with Apply(x) == y. REQUIRES: y < size().
  uint64_t Invert(uint64_t y) const;

 private:
  static constexpr int kRounds = 4;

  uint64_t Round(int round, uint64_t half) const;
  uint64_t Forward(uint64_t x) const;
  uint64_t Backward(uint64_t y) const;

  uint64_t n_;
  int half_bits_;
  uint64_t half_mask_;
  uint64_t keys_[kRounds];
};

}  // namespace liaison::synth

#endif  // LIAISON_BROKER_SYNTH_PERMUTATION_H_
