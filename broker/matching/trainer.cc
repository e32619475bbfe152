#include "broker/matching/trainer.h"

#include <random>

#include "absl/strings/str_cat.h"
#include "broker/common/status_macros.h"
#include "broker/matching/comparisons.h"
#include "broker/matching/model.h"
#include "liaison/v1/offender.pb.h"

namespace liaison::matching {
namespace {

constexpr size_t kLoadBatch = 2000;

// Comparison vectors of every candidate pair (each unordered pair once in
// dedupe mode).
absl::StatusOr<GammaCounts> CandidatePairs(const std::vector<ComparisonSpec>& specs, const TrainingInput& input,
                                           const TrainerOptions& options, uint64_t* pairs) {
  MatchIndex index(input.store, options.candidates);
  const std::vector<v1::MatchForm>& queries = input.queries != nullptr ? *input.queries : *input.index;
  GammaCounts counts;
  for (const v1::MatchForm& query : queries) {
    ASSIGN_OR_RETURN(CandidateSet candidates, index.Candidates(query));
    for (const std::string& stored_id : candidates.ids) {
      ASSIGN_OR_RETURN(std::string id, input.store->DecodeKey(storage::Table::kMatchForms, stored_id));
      if (input.queries == nullptr && id <= query.id()) continue;
      ASSIGN_OR_RETURN(std::optional<v1::MatchForm> form, index.Form(id));
      if (!form.has_value()) continue;
      counts.Add(Compare(query, *form, specs).levels);
    }
  }
  *pairs = counts.total();
  return counts;
}

GammaCounts RandomPairs(const std::vector<ComparisonSpec>& specs, const TrainingInput& input,
                        const TrainerOptions& options) {
  std::mt19937_64 rng(options.seed);
  const std::vector<v1::MatchForm>& left = *input.index;
  const std::vector<v1::MatchForm>& right = input.queries != nullptr ? *input.queries : *input.index;
  GammaCounts counts;
  if (left.empty() || right.empty()) return counts;
  for (uint64_t n = 0; n < options.random_pairs; ++n) {
    const size_t i = rng() % left.size();
    const size_t j = rng() % right.size();
    if (input.queries == nullptr && i == j) continue;
    counts.Add(Compare(left[i], right[j], specs).levels);
  }
  return counts;
}

}  // namespace

absl::Status LoadIndex(const std::vector<v1::MatchForm>& forms, storage::KvStore* store) {
  std::vector<storage::KvWrite> batch;
  for (size_t i = 0; i < forms.size(); ++i) {
    for (storage::KvWrite& w : MatchIndex::Writes(forms[i].id(), nullptr, &forms[i])) batch.push_back(std::move(w));
    liaison::v1::OffenderRecord record;
    record.set_crn(forms[i].id());
    batch.push_back({storage::Table::kOffenders, forms[i].id(), record.SerializeAsString()});
    if (batch.size() >= kLoadBatch || i + 1 == forms.size()) {
      RETURN_IF_ERROR(store->Write(batch, /*sync=*/false));
      batch.clear();
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<v1::MatchModel> Train(const std::vector<std::string>& comparison_names, const TrainingInput& input,
                                     const TrainerOptions& options) {
  if (input.index == nullptr || input.index->empty() || input.store == nullptr) {
    return absl::InvalidArgumentError("training needs a loaded, non-empty index");
  }
  v1::MatchModel proto = StartingModel(comparison_names);
  std::vector<ComparisonSpec> specs;
  for (const std::string& name : comparison_names) {
    absl::StatusOr<ComparisonSpec> spec = ParseComparisonName(name);
    if (!spec.ok()) return absl::InvalidArgumentError(absl::StrCat(name, ": ", spec.status().message()));
    specs.push_back(*spec);
  }
  uint64_t candidate_pairs = 0;
  ASSIGN_OR_RETURN(GammaCounts candidates, CandidatePairs(specs, input, options, &candidate_pairs));
  const GammaCounts random = RandomPairs(specs, input, options);
  RETURN_IF_ERROR(EstimateU(random, &proto));
  EmOptions em_options = options.em;
  if (options.method == TrainerOptions::Method::kAnchored) {
    const std::vector<uint64_t> anchored = EstimateMFromAnchors(candidates, options.min_anchor_pairs, &proto);
    em_options.fixed_m.clear();
    for (uint64_t pairs : anchored) em_options.fixed_m.push_back(pairs > 0);
    std::string note = "m from anchor pairs:";
    for (int k = 0; k < proto.comparisons_size(); ++k) {
      absl::StrAppend(&note, " ", proto.comparisons(k).name(), "=", anchored[k] > 0 ? absl::StrCat(anchored[k]) : "EM");
    }
    proto.set_description(note);
  } else {
    proto.set_description("m by EM over candidate pairs");
  }
  ASSIGN_OR_RETURN(EmResult em, EstimateM(candidates, em_options, &proto));
  v1::TrainingInfo* info = proto.mutable_training();
  info->set_records(input.index->size() + (input.queries != nullptr ? input.queries->size() : 0));
  info->set_candidate_pairs(candidate_pairs);
  info->set_random_pairs(random.total());
  info->set_em_iterations(em.iterations);
  info->set_lambda(em.lambda);
  return proto;
}

}  // namespace liaison::matching
