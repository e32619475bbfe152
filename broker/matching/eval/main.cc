// liaison-match-eval: runs the broker's matcher on labelled data and prints
// pairwise precision, recall and F1 (docs/matching.md).
//
//   liaison-match-eval link --index=A.csv --queries=B.csv --columns=febrl
//   liaison-match-eval dedupe --input=C.csv --columns=febrl
//   liaison-match-eval link ... --write-model=model.textproto   (fit and save)

#include <fstream>
#include <iostream>
#include <optional>
#include <string>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/str_cat.h"
#include "broker/common/flag_names.h"
#include "broker/matching/eval/runner.h"
#include "google/protobuf/text_format.h"

ABSL_FLAG(std::string, index, "", "link: the index CSV (the offender index side).");
ABSL_FLAG(std::string, queries, "", "link: the query CSV (the notifications side).");
ABSL_FLAG(std::string, input, "", "dedupe: the CSV whose rows are matched against each other.");
ABSL_FLAG(std::string, columns, "", "Column mapping or preset (febrl, fake1000, synth-index, synth-queries).");
ABSL_FLAG(std::string, query_columns, "", "link: mapping for the query file, if different from --columns.");
ABSL_FLAG(std::string, model, "", "A model textproto; default: fit one to the data (EM, unsupervised).");
ABSL_FLAG(std::string, write_model, "", "Write the model used (fitted or given) to this file.");
ABSL_FLAG(std::string, decisions, "", "Write one CSV line per link-mode decision to this file.");
ABSL_FLAG(std::optional<double>, auto_link, std::nullopt, "Auto-link threshold (match weight, bits).");
ABSL_FLAG(std::optional<double>, review, std::nullopt, "Review threshold (match weight, bits).");
ABSL_FLAG(std::optional<double>, margin, std::nullopt, "Ambiguity margin (bits).");
ABSL_FLAG(uint64_t, random_pairs, 2000000, "Random pairs for estimating u.");
ABSL_FLAG(uint64_t, seed, 1, "Seed for the random pairs.");
ABSL_FLAG(std::string, method, "anchored", "How m is fitted: anchored (anchor pairs, EM for the rest) or em.");
ABSL_FLAG(bool, joint_place, true, "Compare postcode, address and town as one 'place' (else three comparisons).");

namespace {

using liaison::matching::eval::ColumnMap;
using liaison::matching::eval::Row;

int Fail(const absl::Status& status) {
  std::cerr << "liaison-match-eval: " << status.message() << "\n";
  return 2;
}

absl::StatusOr<std::vector<Row>> Read(const std::string& flag_name, const std::string& path, const ColumnMap& map) {
  if (path.empty()) return absl::InvalidArgumentError(absl::StrCat("--", flag_name, "=FILE is required"));
  return liaison::matching::eval::ReadRows(path, map);
}

absl::Status WriteModel(const liaison::matching::v1::MatchModel& model, const std::string& path) {
  std::string text;
  google::protobuf::TextFormat::PrintToString(model, &text);
  std::ofstream out(path);
  out << "# liaison.matching.v1.MatchModel, written by liaison-match-eval\n" << text;
  if (!out) return absl::UnavailableError(absl::StrCat(path, ": cannot write"));
  return absl::OkStatus();
}

absl::StatusOr<liaison::matching::eval::EvalResult> Run(const std::string& mode, std::ostream* decisions) {
  auto map = liaison::matching::eval::ParseColumnMap(absl::GetFlag(FLAGS_columns));
  if (!map.ok()) return map.status();
  liaison::matching::eval::EvalOptions options;
  options.model_file = absl::GetFlag(FLAGS_model);
  options.trainer.random_pairs = absl::GetFlag(FLAGS_random_pairs);
  options.trainer.seed = absl::GetFlag(FLAGS_seed);
  const std::string method = absl::GetFlag(FLAGS_method);
  if (method != "anchored" && method != "em") return absl::InvalidArgumentError("--method: anchored or em");
  options.trainer.method = method == "em" ? liaison::matching::TrainerOptions::Method::kEm
                                          : liaison::matching::TrainerOptions::Method::kAnchored;
  const bool joint = absl::GetFlag(FLAGS_joint_place);
  options.auto_link_weight = absl::GetFlag(FLAGS_auto_link);
  options.review_weight = absl::GetFlag(FLAGS_review);
  options.ambiguity_margin = absl::GetFlag(FLAGS_margin);
  options.decisions = decisions;
  if (mode == "dedupe") {
    auto rows = Read("input", absl::GetFlag(FLAGS_input), *map);
    if (!rows.ok()) return rows.status();
    std::cout << "dedupe: " << rows->size() << " rows\n";
    return liaison::matching::eval::RunDedupe(*rows, map->ComparisonNames(joint), options);
  }
  const std::string query_spec = absl::GetFlag(FLAGS_query_columns);
  auto query_map = query_spec.empty() ? map : liaison::matching::eval::ParseColumnMap(query_spec);
  if (!query_map.ok()) return query_map.status();
  auto index = Read("index", absl::GetFlag(FLAGS_index), *map);
  if (!index.ok()) return index.status();
  auto queries = Read("queries", absl::GetFlag(FLAGS_queries), *query_map);
  if (!queries.ok()) return queries.status();
  std::cout << "link: " << index->size() << " index rows, " << queries->size() << " queries\n";
  return liaison::matching::eval::RunLink(*index, *queries, map->ComparisonNames(joint), options);
}

}  // namespace

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(
      "liaison-match-eval link|dedupe [flags]: runs the matcher on labelled CSV data and prints pairwise "
      "precision, recall and F1 at the auto-link threshold and counting the review band as links.");
  liaison::NormalizeFlagNames(argc, argv);
  std::vector<char*> args = absl::ParseCommandLine(argc, argv);
  if (args.size() != 2 || (std::string(args[1]) != "link" && std::string(args[1]) != "dedupe")) {
    std::cerr << "usage: liaison-match-eval link|dedupe [flags]; --help lists the flags\n";
    return 2;
  }
  std::ofstream decisions_file;
  if (!absl::GetFlag(FLAGS_decisions).empty()) decisions_file.open(absl::GetFlag(FLAGS_decisions));
  auto result = Run(args[1], decisions_file.is_open() ? &decisions_file : nullptr);
  if (!result.ok()) return Fail(result.status());
  liaison::matching::eval::PrintReport(*result, std::cout);
  if (!absl::GetFlag(FLAGS_write_model).empty()) {
    if (absl::Status s = WriteModel(result->model, absl::GetFlag(FLAGS_write_model)); !s.ok()) return Fail(s);
  }
  return 0;
}
