#include "broker/matching/probabilistic_matcher.h"

#include <algorithm>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "broker/common/proto_util.h"
#include "broker/common/status_macros.h"
#include "broker/identifiers/identifiers.h"
#include "broker/matching/blocking.h"
#include "broker/storage/kv_store.h"

namespace liaison::matching {
namespace {

using liaison::v1::MatchDecision;

MatchDecision ToDecision(Verdict verdict) {
  switch (verdict) {
    case Verdict::kLink: return liaison::v1::MATCH_DECISION_LINKED;
    case Verdict::kReview: return liaison::v1::MATCH_DECISION_REVIEW;
    case Verdict::kSuspicious: return liaison::v1::MATCH_DECISION_SUSPICIOUS;
    case Verdict::kConflict: return liaison::v1::MATCH_DECISION_CONFLICT;
    case Verdict::kNoMatch: return liaison::v1::MATCH_DECISION_NO_MATCH;
  }
  return liaison::v1::MATCH_DECISION_NO_MATCH;
}

liaison::v1::IdentifierType IdentifierTypeOf(absl::string_view name) {
  for (auto type : {liaison::v1::IDENTIFIER_TYPE_PNC, liaison::v1::IDENTIFIER_TYPE_CRO,
                    liaison::v1::IDENTIFIER_TYPE_NOMS, liaison::v1::IDENTIFIER_TYPE_CRN}) {
    if (identifiers::TypeName(type) == name) return type;
  }
  return liaison::v1::IDENTIFIER_TYPE_UNSPECIFIED;
}

v1::Thresholds Effective(v1::Thresholds derived, const v1::Thresholds& overrides) {
  v1::Thresholds t = derived;
  if (overrides.auto_link_weight() != 0) t.set_auto_link_weight(overrides.auto_link_weight());
  if (overrides.review_weight() != 0) t.set_review_weight(overrides.review_weight());
  if (overrides.ambiguity_margin() != 0) t.set_ambiguity_margin(overrides.ambiguity_margin());
  return t;
}

// The index's term frequencies for one match, each value read once and the
// record count once: the candidates of a query mostly agree on the same
// names, and each read walks the store. Not thread-safe (one per match).
class MemoisedFrequencies : public TermFrequencies {
 public:
  explicit MemoisedFrequencies(const MatchIndex* index) : index_(index), records_(index->RecordCount()) {}

  std::optional<double> Frequency(absl::string_view field, absl::string_view value) const override {
    const auto [it, added] = memo_.try_emplace(absl::StrCat(field, absl::string_view("\0", 1), value));
    if (added) it->second = index_->Frequency(field, value, records_);
    return it->second;
  }

 private:
  const MatchIndex* index_;
  const int64_t records_;
  mutable absl::flat_hash_map<std::string, std::optional<double>> memo_;
};

}  // namespace

ProbabilisticMatcher::ProbabilisticMatcher(const storage::KvStore* store, std::shared_ptr<const Model> model,
                                           const normalise::NameNormaliser* names, Options options)
    : store_(store),
      model_(std::move(model)),
      forms_(names),
      index_(store, options.candidates),
      options_(std::move(options)) {}

v1::Thresholds ProbabilisticMatcher::thresholds() const {
  const v1::Thresholds derived = RecommendedThresholds(static_cast<double>(index_.RecordCount()),
                                                       options_.auto_link_probability, options_.review_probability);
  return Effective(derived, options_.thresholds);
}

absl::StatusOr<std::vector<ScoredCandidate>> ProbabilisticMatcher::ScoreAll(const v1::MatchForm& query,
                                                                            const MatchOptions& options) const {
  ASSIGN_OR_RETURN(CandidateSet candidates, index_.Candidates(query));
  const absl::flat_hash_set<std::string> excluded(options.excluded_crns.begin(), options.excluded_crns.end());
  std::vector<ScoredCandidate> scored;
  scored.reserve(std::min(candidates.ids.size(), options_.max_scored));
  const MemoisedFrequencies frequencies(&index_);
  // One message reused for every candidate: parsing into it keeps its
  // allocations (MatchIndex::Form would make a new one each time).
  v1::MatchForm form;
  for (const std::string& stored_id : candidates.ids) {
    if (scored.size() >= options_.max_scored) break;
    // Only the candidates scored are decoded; the form is read by the id as
    // stored, which saves encoding it again.
    ASSIGN_OR_RETURN(std::string id, store_->DecodeKey(storage::Table::kMatchForms, stored_id));
    if (excluded.contains(id) || (!query.id().empty() && id == query.id())) continue;
    ASSIGN_OR_RETURN(std::optional<std::string> stored, store_->Get(storage::Table::kMatchForms, stored_id));
    if (!stored.has_value()) continue;  // removed since the keys were read
    if (!form.ParseFromString(*stored)) return StoredParseError("match form");
    ComparisonVector gamma = Compare(query, form, model_->specs());
    scored.push_back({std::move(id), ScorePair(*model_, gamma, &frequencies)});
  }
  std::sort(scored.begin(), scored.end(), [](const ScoredCandidate& a, const ScoredCandidate& b) {
    return a.score.weight != b.score.weight ? a.score.weight > b.score.weight : a.id < b.id;
  });
  return scored;
}

std::vector<liaison::v1::FieldComparison> ProbabilisticMatcher::Explain(const PairScore& score) const {
  std::vector<liaison::v1::FieldComparison> out;
  for (size_t i = 0; i < model_->size(); ++i) {
    liaison::v1::FieldComparison c;
    c.set_field(model_->ComparisonName(i));
    const FieldScore& f = score.fields[i];
    c.set_level(f.level == kNull ? "missing" : model_->LevelName(i, f.level));
    c.set_weight(f.weight);
    c.set_tf_adjustment(f.tf_adjustment);
    out.push_back(std::move(c));
  }
  return out;
}

absl::Status ProbabilisticMatcher::FillLinked(const ScoredCandidate& best, MatchOutcome* outcome) const {
  ASSIGN_OR_RETURN(std::optional<std::string> stored, store_->Get(storage::Table::kOffenders, best.id));
  if (!stored.has_value()) return absl::DataLossError("match form without an offender record");
  ASSIGN_OR_RETURN(liaison::v1::OffenderRecord record, ParseStored<liaison::v1::OffenderRecord>(*stored, "offender"));
  outcome->offender = std::move(record);
  return absl::OkStatus();
}

absl::StatusOr<MatchOutcome> ProbabilisticMatcher::Match(const liaison::v1::PersonDescriptor& subject,
                                                         const MatchOptions& options) const {
  return MatchQueryForm(forms_.FromDescriptor(subject, ""), options);
}

absl::StatusOr<MatchOutcome> ProbabilisticMatcher::MatchQueryForm(const v1::MatchForm& query,
                                                             const MatchOptions& options) const {
  ASSIGN_OR_RETURN(std::vector<ScoredCandidate> scored, ScoreAll(query, options));
  std::vector<PairScore> scores;
  scores.reserve(scored.size());
  for (const ScoredCandidate& c : scored) scores.push_back(c.score);
  const v1::Thresholds thresholds = this->thresholds();
  const Decision decision = Decide(*model_, thresholds, scores);

  MatchOutcome outcome;
  liaison::v1::MatchResult& result = outcome.result;
  result.set_decision(ToDecision(decision.verdict));
  result.set_method(liaison::v1::MATCH_METHOD_PROBABILISTIC);
  result.set_reason(decision.reason);
  result.set_model_version(model_->version());
  result.set_candidates(static_cast<uint32_t>(scored.size()));
  if (decision.best >= 0) {
    const ScoredCandidate& best = scored[decision.best];
    result.set_weight(best.score.weight);
    result.set_via_alias(best.score.via_alias);
    for (liaison::v1::FieldComparison& c : Explain(best.score)) *result.add_comparisons() = std::move(c);
    for (size_t i = 0; i < model_->size(); ++i) {
      const ComparisonSpec& spec = model_->specs()[i];
      if (spec.kind == ComparisonKind::kIdentifier && best.score.fields[i].level == 0) {
        result.add_identifiers_used(IdentifierTypeOf(spec.identifier_type));
      }
    }
    if (decision.verdict != Verdict::kNoMatch) result.set_crn(best.id);
  }
  if (decision.verdict == Verdict::kLink) {
    RETURN_IF_ERROR(FillLinked(scored[decision.best], &outcome));
    return outcome;
  }
  if (decision.verdict != Verdict::kNoMatch) {
    // The candidate decided on first, then the others a person could
    // choose: at or above the review threshold and not set aside.
    auto offer = [&](const ScoredCandidate& c) {
      liaison::v1::ReviewCandidate* candidate = &outcome.candidates.emplace_back();
      candidate->set_crn(c.id);
      candidate->set_weight(c.score.weight);
      for (liaison::v1::FieldComparison& f : Explain(c.score)) *candidate->add_comparisons() = std::move(f);
    };
    offer(scored[decision.best]);
    for (int i = 0; i < static_cast<int>(scored.size()); ++i) {
      if (outcome.candidates.size() >= options_.review_candidates) break;
      if (scored[i].score.weight < thresholds.review_weight()) break;
      if (i == decision.best || SetAside(*model_, scored[i].score)) continue;
      offer(scored[i]);
    }
  }
  outcome.retention_keys = QueryKeys(query);
  return outcome;
}

}  // namespace liaison::matching
