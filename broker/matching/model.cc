#include "broker/matching/model.h"

#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "broker/common/status_macros.h"
#include "google/protobuf/io/tokenizer.h"
#include "google/protobuf/text_format.h"

namespace liaison::matching {
namespace {

// Collects the first parse error with its position.
class ErrorCollector : public google::protobuf::io::ErrorCollector {
 public:
  void AddError(int line, int column, const std::string& message) override {
    if (first_.empty()) first_ = absl::StrCat("line ", line + 1, ":", column + 1, ": ", message);
  }
  const std::string& first() const { return first_; }

 private:
  std::string first_;
};

absl::Status CheckProbability(double p, absl::string_view path) {
  if (!(p > 0.0 && p <= 1.0)) return absl::InvalidArgumentError(absl::StrCat(path, ": must be in (0, 1]"));
  return absl::OkStatus();
}

absl::Status CheckComparison(const v1::ComparisonParams& c, const std::string& path, ComparisonSpec* spec) {
  absl::StatusOr<ComparisonSpec> parsed = ParseComparisonName(c.name());
  if (!parsed.ok()) return absl::InvalidArgumentError(absl::StrCat(path, ".name: ", parsed.status().message()));
  *spec = *parsed;
  const std::vector<std::string>& expected = LevelNames(spec->kind);
  if (c.levels_size() != static_cast<int>(expected.size())) {
    return absl::InvalidArgumentError(absl::StrCat(path, ".levels: ", c.name(), " has ", expected.size(),
                                                   " levels (", absl::StrJoin(expected, ", "), "), not ",
                                                   c.levels_size()));
  }
  for (int l = 0; l < c.levels_size(); ++l) {
    const std::string level_path = absl::StrCat(path, ".levels[", l, "]");
    if (c.levels(l).name() != expected[l]) {
      return absl::InvalidArgumentError(absl::StrCat(level_path, ".name: expected \"", expected[l], "\""));
    }
    RETURN_IF_ERROR(CheckProbability(c.levels(l).m(), level_path + ".m"));
    RETURN_IF_ERROR(CheckProbability(c.levels(l).u(), level_path + ".u"));
  }
  if (c.tf_adjust() && spec->kind != ComparisonKind::kForename && spec->kind != ComparisonKind::kSurname) {
    return absl::InvalidArgumentError(absl::StrCat(path, ".tf_adjust: only forename and surname are adjusted"));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::shared_ptr<const Model>> Model::FromProto(v1::MatchModel proto) {
  if (proto.version().empty()) return absl::InvalidArgumentError("version: is required");
  if (proto.comparisons().empty()) return absl::InvalidArgumentError("comparisons: at least one is required");
  auto model = std::shared_ptr<Model>(new Model());
  for (int i = 0; i < proto.comparisons_size(); ++i) {
    const v1::ComparisonParams& c = proto.comparisons(i);
    ComparisonSpec spec;
    RETURN_IF_ERROR(CheckComparison(c, absl::StrCat("comparisons[", i, "]"), &spec));
    for (int j = 0; j < i; ++j) {
      if (proto.comparisons(j).name() == c.name()) {
        return absl::InvalidArgumentError(absl::StrCat("comparisons[", i, "].name: ", c.name(), " appears twice"));
      }
    }
    std::vector<double> weights;
    for (const v1::LevelParams& level : c.levels()) weights.push_back(std::log2(level.m() / level.u()));
    model->specs_.push_back(spec);
    model->weights_.push_back(std::move(weights));
    model->top_log_u_.push_back(std::log2(c.levels(0).u()));
  }
  const v1::Thresholds& t = proto.thresholds();
  if (t.review_weight() > t.auto_link_weight()) {
    return absl::InvalidArgumentError("thresholds.review_weight: must not exceed auto_link_weight");
  }
  if (t.ambiguity_margin() < 0) return absl::InvalidArgumentError("thresholds.ambiguity_margin: must be >= 0");
  model->proto_ = std::move(proto);
  return std::shared_ptr<const Model>(std::move(model));
}

namespace {

// The line of the element a validation message's path starts with
// ("comparisons[2].levels[1].u: ..."), or 0 when unknown.
int LineOf(absl::string_view message, const google::protobuf::TextFormat::ParseInfoTree& tree) {
  const auto* descriptor = v1::MatchModel::descriptor();
  int comparison = -1, level = -1;
  if (std::sscanf(std::string(message).c_str(), "comparisons[%d].levels[%d]", &comparison, &level) < 1) {
    for (const char* field : {"thresholds", "version"}) {  // singular fields only
      if (absl::StartsWith(message, field)) {
        const auto location = tree.GetLocation(descriptor->FindFieldByName(field), -1);
        return location.line >= 0 ? location.line + 1 : 0;
      }
    }
    return 0;
  }
  const auto* comparisons = descriptor->FindFieldByName("comparisons");
  if (level >= 0) {
    const auto* nested = tree.GetTreeForNested(comparisons, comparison);
    if (nested != nullptr) {
      const auto location = nested->GetLocation(v1::ComparisonParams::descriptor()->FindFieldByName("levels"), level);
      if (location.line >= 0) return location.line + 1;
    }
  }
  const auto location = tree.GetLocation(comparisons, comparison);
  return location.line >= 0 ? location.line + 1 : 0;
}

}  // namespace

absl::StatusOr<std::shared_ptr<const Model>> Model::FromText(absl::string_view text, absl::string_view origin) {
  v1::MatchModel proto;
  google::protobuf::TextFormat::Parser parser;
  google::protobuf::TextFormat::ParseInfoTree tree;
  ErrorCollector errors;
  parser.RecordErrorsTo(&errors);
  parser.WriteLocationsTo(&tree);
  if (!parser.ParseFromString(std::string(text), &proto)) {
    return absl::InvalidArgumentError(absl::StrCat(origin, ":", errors.first()));
  }
  absl::StatusOr<std::shared_ptr<const Model>> model = FromProto(std::move(proto));
  if (!model.ok()) {
    const int line = LineOf(model.status().message(), tree);
    return absl::InvalidArgumentError(line > 0 ? absl::StrCat(origin, ":line ", line, ": ", model.status().message())
                                               : absl::StrCat(origin, ": ", model.status().message()));
  }
  return model;
}

absl::StatusOr<std::shared_ptr<const Model>> Model::FromFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(absl::StrCat(path, ": cannot read the model file"));
  std::stringstream text;
  text << in.rdbuf();
  return FromText(text.str(), path);
}

v1::MatchModel StartingModel(const std::vector<std::string>& comparison_names) {
  v1::MatchModel model;
  model.set_version("untrained");
  for (const std::string& name : comparison_names) {
    v1::ComparisonParams* c = model.add_comparisons();
    c->set_name(name);
    absl::StatusOr<ComparisonSpec> spec = ParseComparisonName(name);
    if (!spec.ok()) continue;  // FromProto will name it
    const std::vector<std::string>& levels = LevelNames(spec->kind);
    const int n = static_cast<int>(levels.size());
    for (int l = 0; l < n; ++l) {
      v1::LevelParams* p = c->add_levels();
      p->set_name(levels[l]);
      // m falls geometrically from the top level; u rises towards the last.
      const double m = l == 0 ? 0.9 : 0.1 / (n - 1);
      const double u = l == n - 1 ? 0.9 : 0.1 / (n - 1);
      p->set_m(m);
      p->set_u(u);
    }
    c->set_tf_adjust(spec->kind == ComparisonKind::kForename || spec->kind == ComparisonKind::kSurname);
  }
  model.mutable_thresholds()->set_auto_link_weight(20);
  model.mutable_thresholds()->set_review_weight(10);
  model.mutable_thresholds()->set_ambiguity_margin(5);
  return model;
}

}  // namespace liaison::matching
