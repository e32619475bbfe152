#ifndef LIAISON_BROKER_SYNTH_WEIGHTED_POOL_H_
#define LIAISON_BROKER_SYNTH_WEIGHTED_POOL_H_

// A list of values (names, street words, ...) drawn with frequency skew.
// Values are views into static data tables. Immutable; thread-safe.

#include <cstddef>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "broker/synth/synth_random.h"

namespace liaison::synth {

class WeightedPool {
 public:
  // Zipf-like skew over `items`, listed most common first: the item of
  // rank r (0-based) has weight 1 / (r + 1 + offset)^exponent. A larger
  // offset flattens the head. REQUIRES: !items.empty(), offset >= 0.
  static WeightedPool Zipf(absl::Span<const absl::string_view> items, double offset, double exponent);

  // Every item equally likely. REQUIRES: !items.empty().
  static WeightedPool Flat(absl::Span<const absl::string_view> items);

  // Explicit weights, one per item. REQUIRES: !items.empty(), equal sizes,
  // weights >= 0 with a positive sum.
  static WeightedPool FromWeights(absl::Span<const absl::string_view> items, std::vector<double> weights);

  absl::string_view Pick(Rng& rng) const { return items_[PickRank(rng)]; }

  // The rank of a drawn item.
  size_t PickRank(Rng& rng) const;

  size_t size() const { return items_.size(); }
  absl::string_view item(size_t rank) const { return items_[rank]; }

  // The probability of drawing the item of `rank`.
  double Share(size_t rank) const { return shares_[rank]; }

 private:
  WeightedPool(absl::Span<const absl::string_view> items, const std::vector<double>& weights);

  absl::Span<const absl::string_view> items_;
  std::vector<double> shares_;
  // Walker's alias method: draw a slot uniformly, keep it with probability
  // keep_[slot], else take alias_[slot]. O(1) per draw.
  std::vector<double> keep_;
  std::vector<size_t> alias_;
};

}  // namespace liaison::synth

#endif  // LIAISON_BROKER_SYNTH_WEIGHTED_POOL_H_
