#include "broker/synth/permutation.h"

#include "broker/synth/synth_random.h"

namespace liaison::synth {

Permutation::Permutation(uint64_t n, uint64_t key) : n_(n) {
  // The smallest even bit width covering n, so both halves are equal; the
  // domain is then < 4n and cycle walking takes < 4 steps on average.
  int bits = 2;
  while ((uint64_t{1} << bits) < n) bits += 2;
  half_bits_ = bits / 2;
  half_mask_ = (uint64_t{1} << half_bits_) - 1;
  for (int r = 0; r < kRounds; ++r) keys_[r] = Mix64(key + 0x9E3779B97F4A7C15ULL * (r + 1));
}

uint64_t Permutation::Round(int round, uint64_t half) const { return Mix64(keys_[round] ^ half) & half_mask_; }

uint64_t Permutation::Forward(uint64_t x) const {
  uint64_t left = x >> half_bits_;
  uint64_t right = x & half_mask_;
  for (int r = 0; r < kRounds; ++r) {
    const uint64_t next = left ^ Round(r, right);
    left = right;
    right = next;
  }
  return (left << half_bits_) | right;
}

uint64_t Permutation::Backward(uint64_t y) const {
  uint64_t left = y >> half_bits_;
  uint64_t right = y & half_mask_;
  for (int r = kRounds - 1; r >= 0; --r) {
    const uint64_t previous = right ^ Round(r, left);
    right = left;
    left = previous;
  }
  return (left << half_bits_) | right;
}

// Cycle walking: a bijection on the 2^bits domain restricted to [0, n) by
// re-applying until the value lands inside.
uint64_t Permutation::Apply(uint64_t x) const {
  uint64_t y = Forward(x);
  while (y >= n_) y = Forward(y);
  return y;
}

uint64_t Permutation::Invert(uint64_t y) const {
  uint64_t x = Backward(y);
  while (x >= n_) x = Backward(x);
  return x;
}

}  // namespace liaison::synth
