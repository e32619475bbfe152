#include "broker/matching/em.h"

#include <algorithm>
#include <cmath>

#include "absl/strings/str_cat.h"
#include "broker/matching/comparisons.h"

namespace liaison::matching {
namespace {

absl::Status CheckShape(const GammaCounts& pairs, const v1::MatchModel& model) {
  if (pairs.total() == 0) return absl::InvalidArgumentError("no pairs to estimate from");
  for (const auto& [levels, count] : pairs.counts()) {
    if (levels.size() != static_cast<size_t>(model.comparisons_size())) {
      return absl::InvalidArgumentError(absl::StrCat("a comparison vector has ", levels.size(),
                                                     " levels; the model has ", model.comparisons_size(),
                                                     " comparisons"));
    }
    for (size_t k = 0; k < levels.size(); ++k) {
      if (levels[k] < kNull || levels[k] >= model.comparisons(k).levels_size()) {
        return absl::InvalidArgumentError(absl::StrCat("level ", levels[k], " out of range for ",
                                                       model.comparisons(k).name()));
      }
    }
  }
  return absl::OkStatus();
}

// Per comparison, per level: accumulated weight.
using Tally = std::vector<std::vector<double>>;

Tally EmptyTally(const v1::MatchModel& model) {
  Tally t(model.comparisons_size());
  for (int k = 0; k < model.comparisons_size(); ++k) t[k].assign(model.comparisons(k).levels_size(), 0.0);
  return t;
}

// Normalises each comparison's tally into probabilities, adding `pseudo`
// to every level and flooring at `floor`.
std::vector<std::vector<double>> Normalise(const Tally& tally, double pseudo, double floor) {
  std::vector<std::vector<double>> out(tally.size());
  for (size_t k = 0; k < tally.size(); ++k) {
    double sum = 0;
    for (double v : tally[k]) sum += v + pseudo;
    for (double v : tally[k]) out[k].push_back(sum > 0 ? std::max((v + pseudo) / sum, floor) : 1.0 / tally[k].size());
  }
  return out;
}

// P(match | levels) under lambda, m and u (log space for stability).
double MatchProbability(const std::vector<int8_t>& levels, double lambda, const v1::MatchModel& model) {
  double log_m = std::log(lambda), log_u = std::log(1 - lambda);
  for (size_t k = 0; k < levels.size(); ++k) {
    if (levels[k] == kNull) continue;
    const v1::LevelParams& p = model.comparisons(k).levels(levels[k]);
    log_m += std::log(p.m());
    log_u += std::log(p.u());
  }
  const double diff = log_u - log_m;
  return diff > 700 ? 0.0 : 1.0 / (1.0 + std::exp(diff));
}

}  // namespace

absl::Status EstimateU(const GammaCounts& random_pairs, v1::MatchModel* model) {
  if (absl::Status s = CheckShape(random_pairs, *model); !s.ok()) return s;
  Tally tally = EmptyTally(*model);
  for (const auto& [levels, count] : random_pairs.counts()) {
    for (size_t k = 0; k < levels.size(); ++k) {
      if (levels[k] != kNull) tally[k][levels[k]] += static_cast<double>(count);
    }
  }
  const std::vector<std::vector<double>> u = Normalise(tally, 0.5, 0.0);
  for (int k = 0; k < model->comparisons_size(); ++k) {
    for (int l = 0; l < model->comparisons(k).levels_size(); ++l) {
      model->mutable_comparisons(k)->mutable_levels(l)->set_u(u[k][l]);
    }
  }
  return absl::OkStatus();
}

std::vector<uint64_t> EstimateMFromAnchors(const GammaCounts& candidate_pairs, uint64_t min_pairs,
                                           v1::MatchModel* model) {
  const int n = model->comparisons_size();
  std::vector<ComparisonKind> kinds(n, ComparisonKind::kIdentifier);
  int forename = -1, surname = -1, dob = -1;
  for (int k = 0; k < n; ++k) {
    absl::StatusOr<ComparisonSpec> spec = ParseComparisonName(model->comparisons(k).name());
    if (!spec.ok()) return std::vector<uint64_t>(n, 0);
    kinds[k] = spec->kind;
    if (spec->kind == ComparisonKind::kForename) forename = k;
    if (spec->kind == ComparisonKind::kSurname) surname = k;
    if (spec->kind == ComparisonKind::kDob) dob = k;
  }
  auto exact = [](const std::vector<int8_t>& g, int k) { return k >= 0 && g[k] == 0; };
  Tally tally = EmptyTally(*model);
  std::vector<uint64_t> used(n, 0);
  for (const auto& [levels, count] : candidate_pairs.counts()) {
    bool id_agrees = false;
    for (int k = 0; k < n; ++k) id_agrees = id_agrees || (kinds[k] == ComparisonKind::kIdentifier && levels[k] == 0);
    const bool person_agrees = exact(levels, forename) && exact(levels, surname) && exact(levels, dob);
    for (int k = 0; k < n; ++k) {
      if (levels[k] == kNull) continue;
      const bool anchored = kinds[k] == ComparisonKind::kIdentifier ? person_agrees : id_agrees;
      if (!anchored) continue;
      tally[k][levels[k]] += static_cast<double>(count);
      used[k] += count;
    }
  }
  const std::vector<std::vector<double>> m = Normalise(tally, 0.5, 0.0);
  for (int k = 0; k < n; ++k) {
    if (used[k] < min_pairs) {
      used[k] = 0;
      continue;
    }
    for (int l = 0; l < model->comparisons(k).levels_size(); ++l) {
      model->mutable_comparisons(k)->mutable_levels(l)->set_m(m[k][l]);
    }
  }
  return used;
}

absl::StatusOr<EmResult> EstimateM(const GammaCounts& candidate_pairs, const EmOptions& options,
                                   v1::MatchModel* model) {
  if (absl::Status s = CheckShape(candidate_pairs, *model); !s.ok()) return s;
  EmResult result;
  double lambda = options.initial_lambda;
  for (result.iterations = 1; result.iterations <= options.max_iterations; ++result.iterations) {
    Tally tally = EmptyTally(*model);
    double matched = 0;
    for (const auto& [levels, count] : candidate_pairs.counts()) {
      const double p = MatchProbability(levels, lambda, *model) * static_cast<double>(count);
      matched += p;
      for (size_t k = 0; k < levels.size(); ++k) {
        if (levels[k] != kNull) tally[k][levels[k]] += p;
      }
    }
    const double new_lambda = std::clamp(matched / static_cast<double>(candidate_pairs.total()), 1e-9, 1 - 1e-9);
    const std::vector<std::vector<double>> m = Normalise(tally, 0.0, options.min_m);
    double moved = std::abs(new_lambda - lambda);
    for (int k = 0; k < model->comparisons_size(); ++k) {
      if (k < static_cast<int>(options.fixed_m.size()) && options.fixed_m[k]) continue;
      for (int l = 0; l < model->comparisons(k).levels_size(); ++l) {
        v1::LevelParams* level = model->mutable_comparisons(k)->mutable_levels(l);
        moved = std::max(moved, std::abs(level->m() - m[k][l]));
        level->set_m(m[k][l]);
      }
    }
    lambda = new_lambda;
    if (moved < options.tolerance) {
      result.converged = true;
      break;
    }
  }
  result.iterations = std::min(result.iterations, options.max_iterations);
  result.lambda = lambda;
  return result;
}

}  // namespace liaison::matching
