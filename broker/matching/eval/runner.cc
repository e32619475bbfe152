#include "broker/matching/eval/runner.h"

#include <map>
#include <set>

#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "broker/common/status_macros.h"
#include "broker/matching/normalise/name_normaliser.h"
#include "broker/matching/probabilistic_matcher.h"
#include "broker/storage/mem_kv_store.h"

namespace liaison::matching::eval {
namespace {

double Ratio(uint64_t a, uint64_t b) { return b == 0 ? 0.0 : static_cast<double>(a) / static_cast<double>(b); }

// Everything a run needs: forms, the loaded store, the model and matcher.
struct Setup {
  std::unique_ptr<normalise::NameNormaliser> names;
  std::vector<v1::MatchForm> index;
  std::vector<v1::MatchForm> queries;
  storage::MemKvStore store;
  std::shared_ptr<const Model> model;
  std::unique_ptr<ProbabilisticMatcher> matcher;
};

std::vector<v1::MatchForm> Forms(const FormBuilder& builder, const std::vector<Row>& rows) {
  std::vector<v1::MatchForm> forms;
  forms.reserve(rows.size());
  for (const Row& row : rows) forms.push_back(builder.Build(row.person, row.id));
  return forms;
}

absl::Status Prepare(const std::vector<Row>& index, const std::vector<Row>* queries,
                     const std::vector<std::string>& comparisons, const EvalOptions& options, Setup* setup) {
  ASSIGN_OR_RETURN(setup->names, normalise::NameNormaliser::Create());
  FormBuilder builder(setup->names.get());
  setup->index = Forms(builder, index);
  if (queries != nullptr) setup->queries = Forms(builder, *queries);
  RETURN_IF_ERROR(LoadIndex(setup->index, &setup->store));
  if (!options.model_file.empty()) {
    ASSIGN_OR_RETURN(setup->model, Model::FromFile(options.model_file));
  } else {
    TrainingInput input{&setup->index, queries != nullptr ? &setup->queries : nullptr, &setup->store};
    ASSIGN_OR_RETURN(v1::MatchModel proto, Train(comparisons, input, options.trainer));
    proto.set_version("fitted-to-data");
    ASSIGN_OR_RETURN(setup->model, Model::FromProto(std::move(proto)));
  }
  ProbabilisticMatcher::Options matcher_options;
  matcher_options.candidates = options.trainer.candidates;
  if (options.auto_link_weight) matcher_options.thresholds.set_auto_link_weight(*options.auto_link_weight);
  if (options.review_weight) matcher_options.thresholds.set_review_weight(*options.review_weight);
  if (options.ambiguity_margin) matcher_options.thresholds.set_ambiguity_margin(*options.ambiguity_margin);
  setup->matcher = std::make_unique<ProbabilisticMatcher>(&setup->store, setup->model, setup->names.get(),
                                                          std::move(matcher_options));
  return absl::OkStatus();
}

void Count(bool predicted, bool truth, PairCounts* counts) {
  if (predicted && truth) ++counts->true_positives;
  if (predicted && !truth) ++counts->false_positives;
}

}  // namespace

double PairCounts::Precision() const { return Ratio(true_positives, true_positives + false_positives); }
double PairCounts::Recall() const { return Ratio(true_positives, true_positives + false_negatives); }
double PairCounts::F1() const {
  const double p = Precision(), r = Recall();
  return p + r == 0 ? 0.0 : 2 * p * r / (p + r);
}

absl::StatusOr<EvalResult> RunLink(const std::vector<Row>& index, const std::vector<Row>& queries,
                                   const std::vector<std::string>& comparisons, const EvalOptions& options) {
  Setup setup;
  RETURN_IF_ERROR(Prepare(index, &queries, comparisons, options, &setup));
  std::map<std::string, std::string> entity_of;
  std::map<std::string, uint64_t> index_per_entity;
  for (const Row& row : index) {
    entity_of[row.id] = row.entity;
    if (!row.entity.empty()) ++index_per_entity[row.entity];
  }
  EvalResult result;
  Report& report = result.report;
  const absl::Time start = absl::Now();
  for (size_t q = 0; q < queries.size(); ++q) {
    const std::string& entity = queries[q].entity;
    const uint64_t true_here = entity.empty() ? 0 : index_per_entity[entity];
    report.true_pairs += true_here;
    ++report.queries;
    ASSIGN_OR_RETURN(MatchOutcome outcome, setup.matcher->MatchQueryForm(setup.queries[q], {}));
    const liaison::v1::MatchResult& m = outcome.result;
    const bool linked = m.decision() == liaison::v1::MATCH_DECISION_LINKED;
    const bool reviewed = !linked && m.decision() != liaison::v1::MATCH_DECISION_NO_MATCH;
    const bool correct = !m.crn().empty() && !entity.empty() && entity_of[m.crn()] == entity;
    Count(linked, correct, &report.auto_link);
    Count(linked || reviewed, correct, &report.with_review);
    if (reviewed) ++report.reviewed;
    if (options.decisions != nullptr) {
      *options.decisions << queries[q].id << "," << m.crn() << "," << absl::StrFormat("%.2f", m.weight()) << ","
                         << (correct ? 1 : 0) << "," << (true_here > 0 ? 1 : 0) << ","
                         << liaison::v1::MatchDecision_Name(m.decision()) << ",\"" << m.reason() << "\",";
      for (const liaison::v1::FieldComparison& c : m.comparisons()) {
        *options.decisions << " " << c.field() << ":" << c.level() << absl::StrFormat("(%.1f)", c.weight());
      }
      *options.decisions << "\n";
    }
  }
  report.seconds_matching = absl::ToDoubleSeconds(absl::Now() - start);
  report.auto_link.false_negatives = report.true_pairs - report.auto_link.true_positives;
  report.with_review.false_negatives = report.true_pairs - report.with_review.true_positives;
  result.model = setup.model->proto();
  result.thresholds = setup.matcher->thresholds();
  return result;
}

absl::StatusOr<EvalResult> RunDedupe(const std::vector<Row>& rows, const std::vector<std::string>& comparisons,
                                     const EvalOptions& options) {
  Setup setup;
  RETURN_IF_ERROR(Prepare(rows, nullptr, comparisons, options, &setup));
  std::map<std::string, std::string> entity_of;
  std::map<std::string, uint64_t> cluster_size;
  for (const Row& row : rows) {
    entity_of[row.id] = row.entity;
    if (!row.entity.empty()) ++cluster_size[row.entity];
  }
  EvalResult result;
  Report& report = result.report;
  report.dedupe = true;
  for (const auto& [entity, n] : cluster_size) report.true_pairs += n * (n - 1) / 2;
  const v1::Thresholds& t = setup.matcher->thresholds();
  std::map<std::pair<std::string, std::string>, double> best;  // unordered pair -> max weight
  const absl::Time start = absl::Now();
  for (const v1::MatchForm& form : setup.index) {
    ++report.queries;
    ASSIGN_OR_RETURN(std::vector<ScoredCandidate> scored, setup.matcher->ScoreAll(form, {}));
    for (const ScoredCandidate& c : scored) {
      if (c.score.weight < t.review_weight()) break;
      auto key = form.id() < c.id ? std::make_pair(form.id(), c.id) : std::make_pair(c.id, form.id());
      auto [it, inserted] = best.emplace(key, c.score.weight);
      if (!inserted) it->second = std::max(it->second, c.score.weight);
    }
  }
  report.seconds_matching = absl::ToDoubleSeconds(absl::Now() - start);
  for (const auto& [pair, weight] : best) {
    const std::string& e = entity_of[pair.first];
    const bool truth = !e.empty() && e == entity_of[pair.second];
    Count(weight >= t.auto_link_weight(), truth, &report.auto_link);
    Count(true, truth, &report.with_review);
    if (weight < t.auto_link_weight()) ++report.reviewed;
  }
  report.auto_link.false_negatives = report.true_pairs - report.auto_link.true_positives;
  report.with_review.false_negatives = report.true_pairs - report.with_review.true_positives;
  result.model = setup.model->proto();
  result.thresholds = t;
  return result;
}

void PrintReport(const EvalResult& result, std::ostream& out) {
  const Report& r = result.report;
  const v1::Thresholds& t = result.thresholds;
  out << absl::StrFormat("model %s; thresholds: auto-link %.1f, review %.1f, margin %.1f\n",
                         result.model.version(), t.auto_link_weight(), t.review_weight(), t.ambiguity_margin());
  out << absl::StrFormat("queries %d, true pairs %d\n", r.queries, r.true_pairs);
  auto line = [&](const char* label, const PairCounts& c) {
    out << absl::StrFormat("%-22s TP %6d  FP %5d  FN %5d  precision %.4f  recall %.4f  F1 %.4f\n", label,
                           c.true_positives, c.false_positives, c.false_negatives, c.Precision(), c.Recall(),
                           c.F1());
  };
  line("auto-link", r.auto_link);
  line("auto-link + review", r.with_review);
  if (r.dedupe) {
    out << absl::StrFormat("pairs in the review band %d\n", r.reviewed);
  } else {
    out << absl::StrFormat("sent to review %d (%.2f%% of queries)\n", r.reviewed,
                           100.0 * Ratio(r.reviewed, r.queries));
  }
  out << absl::StrFormat("matching time %.2f s (%.0f queries/s)\n", r.seconds_matching,
                         r.seconds_matching > 0 ? r.queries / r.seconds_matching : 0.0);
}

}  // namespace liaison::matching::eval
