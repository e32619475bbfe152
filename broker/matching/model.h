#ifndef LIAISON_BROKER_MATCHING_MODEL_H_
#define LIAISON_BROKER_MATCHING_MODEL_H_

// A validated, immutable Fellegi-Sunter model: the comparisons to run and
// the match weight log2(m/u) of each of their levels.

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "broker/matching/comparisons.h"
#include "liaison/matching/v1/model.pb.h"

namespace liaison::matching {

// Thread-safe (immutable).
class Model {
 public:
  // Checks every comparison name and level list against comparisons.h
  // (names and order exactly), 0 < m, u <= 1, and thresholds
  // (review_weight <= auto_link_weight, margin >= 0). INVALID_ARGUMENT names
  // the field path: "comparisons[2].levels[1].u: must be in (0, 1]".
  static absl::StatusOr<std::shared_ptr<const Model>> FromProto(v1::MatchModel proto);

  // Parses textproto, then FromProto. Errors are prefixed with `origin`
  // (a file name) and the line: "uk.textproto:line 12: comparisons[1]
  // .levels[2].u: must be in (0, 1]"; syntax errors give line and column.
  static absl::StatusOr<std::shared_ptr<const Model>> FromText(absl::string_view text, absl::string_view origin);
  // Reads and parses a file. NOT_FOUND / FAILED_PRECONDITION when unreadable.
  static absl::StatusOr<std::shared_ptr<const Model>> FromFile(const std::string& path);

  // The model built into the broker (broker/matching/models/uk.textproto).
  static std::shared_ptr<const Model> BuiltIn();

  const v1::MatchModel& proto() const { return proto_; }
  const std::string& version() const { return proto_.version(); }
  const std::vector<ComparisonSpec>& specs() const { return specs_; }
  size_t size() const { return specs_.size(); }
  // log2(m/u) of `level` of comparison `i`. REQUIRES: level is valid.
  double Weight(size_t i, int8_t level) const { return weights_[i][level]; }
  // log2(u) of the top level of comparison `i`: the term-frequency baseline.
  double TopLevelLogU(size_t i) const { return top_log_u_[i]; }
  bool TfAdjusted(size_t i) const { return proto_.comparisons(i).tf_adjust(); }
  const std::string& ComparisonName(size_t i) const { return proto_.comparisons(i).name(); }
  const std::string& LevelName(size_t i, int8_t level) const { return proto_.comparisons(i).levels(level).name(); }
  const v1::Thresholds& thresholds() const { return proto_.thresholds(); }

 private:
  Model() = default;
  v1::MatchModel proto_;
  std::vector<ComparisonSpec> specs_;
  std::vector<std::vector<double>> weights_;
  std::vector<double> top_log_u_;
};

// A model proto with every level of `specs` (by name) at neutral starting
// parameters for EM: m high at the top level falling away, u low at the top
// level rising to the last.
v1::MatchModel StartingModel(const std::vector<std::string>& comparison_names);

}  // namespace liaison::matching

#endif  // LIAISON_BROKER_MATCHING_MODEL_H_
