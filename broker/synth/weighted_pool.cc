#include "broker/synth/weighted_pool.h"

#include <cmath>
#include <utility>

namespace liaison::synth {

// Vose's construction of the alias table: slots under the average weight
// are topped up by one slot over it.
WeightedPool::WeightedPool(absl::Span<const absl::string_view> items, const std::vector<double>& weights)
    : items_(items), keep_(items.size(), 1.0), alias_(items.size()) {
  double total = 0;
  for (double weight : weights) total += weight;
  std::vector<double> scaled(items.size());
  std::vector<size_t> small, large;
  for (size_t r = 0; r < items.size(); ++r) {
    shares_.push_back(weights[r] / total);
    scaled[r] = shares_[r] * static_cast<double>(items.size());
    alias_[r] = r;
    (scaled[r] < 1.0 ? small : large).push_back(r);
  }
  while (!small.empty() && !large.empty()) {
    const size_t under = small.back();
    small.pop_back();
    const size_t over = large.back();
    keep_[under] = scaled[under];
    alias_[under] = over;
    scaled[over] -= 1.0 - scaled[under];
    if (scaled[over] < 1.0) {
      large.pop_back();
      small.push_back(over);
    }
  }
}

WeightedPool WeightedPool::Zipf(absl::Span<const absl::string_view> items, double offset, double exponent) {
  std::vector<double> weights(items.size());
  for (size_t r = 0; r < items.size(); ++r) {
    weights[r] = 1.0 / std::pow(static_cast<double>(r) + 1.0 + offset, exponent);
  }
  return WeightedPool(items, weights);
}

WeightedPool WeightedPool::Flat(absl::Span<const absl::string_view> items) {
  return WeightedPool(items, std::vector<double>(items.size(), 1.0));
}

WeightedPool WeightedPool::FromWeights(absl::Span<const absl::string_view> items, std::vector<double> weights) {
  return WeightedPool(items, weights);
}

size_t WeightedPool::PickRank(Rng& rng) const {
  const size_t slot = rng.Below(items_.size());
  return rng.Fraction() < keep_[slot] ? slot : alias_[slot];
}

}  // namespace liaison::synth
