#include "broker/ctl/policy_offline_commands.h"

#include <filesystem>
#include <memory>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "broker/common/status_macros.h"
#include "broker/ctl/command_status.h"
#include "broker/ctl/file_util.h"
#include "google/protobuf/io/tokenizer.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/text_format.h"
#include "liaison/config/v1/config.pb.h"
#include "policy/golden.h"
#include "policy/loader.h"

namespace liaison::ctl {
namespace {

using google::protobuf::Struct;
using google::protobuf::Value;

// A policy or config file is small; a bigger one is the wrong file.
constexpr size_t kMaxFileBytes = 4 << 20;

class FirstError : public google::protobuf::io::ErrorCollector {
 public:
  void AddError(int line, int column, const std::string& message) override {
    if (first.empty()) first = absl::StrCat(line + 1, ":", column + 1, ": ", message);
  }
  std::string first;
};

// The problems of a policy the loader refused: its report without the
// "invalid policy ...:" heading, one problem per line.
std::vector<std::string> Problems(const absl::Status& refusal) {
  std::vector<std::string> lines = absl::StrSplit(refusal.message(), '\n', absl::SkipEmpty());
  if (!lines.empty() && absl::StartsWith(lines.front(), "invalid policy")) lines.erase(lines.begin());
  return lines;
}

std::string CountOf(size_t n, absl::string_view noun) { return absl::StrCat(n, " ", noun, n == 1 ? "" : "s"); }

Value StringValue(absl::string_view text) {
  Value value;
  value.set_string_value(std::string(text));
  return value;
}

Value ListValue(const std::vector<std::string>& items) {
  Value value;
  auto* list = value.mutable_list_value();
  for (const std::string& item : items) *list->add_values() = StringValue(item);
  return value;
}

struct Validation {
  std::shared_ptr<const policy::RulePolicy> policy;  // null when invalid
  std::vector<std::string> problems;
};

// Parses `text` from `origin`; a refusal other than INVALID_ARGUMENT is an
// error.
absl::StatusOr<Validation> Validate(absl::string_view text, absl::string_view origin,
                                    const policy::v1::Directory& directory) {
  absl::StatusOr<std::shared_ptr<const policy::RulePolicy>> parsed = policy::ParsePolicy(text, origin, directory);
  Validation result;
  if (parsed.ok()) {
    result.policy = *std::move(parsed);
  } else if (parsed.status().code() == absl::StatusCode::kInvalidArgument) {
    result.problems = Problems(parsed.status());
  } else {
    return parsed.status();
  }
  return result;
}

absl::Status InvalidPolicy(absl::string_view origin, size_t problems) {
  return absl::InvalidArgumentError(absl::StrCat(origin, ": invalid policy (", CountOf(problems, "problem"), ")"));
}

// Each problem on output.err, one per line; the one-line status.
absl::Status ReportInvalid(absl::string_view origin, const std::vector<std::string>& problems, const Output& output) {
  for (const std::string& problem : problems) output.err << problem << "\n";
  return InvalidPolicy(origin, problems.size());
}

// `policy validate --json`: the verdict as one object.
absl::Status PrintVerdictJson(const PolicyValidateOptions& options, const Validation& validation,
                              const Output& output) {
  Struct line;
  auto& fields = *line.mutable_fields();
  fields["file"] = StringValue(options.file);
  fields["valid"].set_bool_value(validation.policy != nullptr);
  fields["directory"] = StringValue(options.config.empty() ? "empty" : options.config);
  if (validation.policy != nullptr) {
    fields["version"] = StringValue(validation.policy->version());
    fields["rules"].set_number_value(validation.policy->proto().rules_size());
  }
  fields["problems"] = ListValue(validation.problems);
  return WriteJsonLine(line, output.out);
}

absl::Status PrintCase(const policy::GoldenResult& result, const Output& output) {
  if (output.json) {
    Struct line;
    (*line.mutable_fields())["file"] = StringValue(result.file);
    (*line.mutable_fields())["name"] = StringValue(result.name);
    (*line.mutable_fields())["passed"].set_bool_value(result.passed());
    (*line.mutable_fields())["failures"] = ListValue(result.failures);
    return WriteJsonLine(line, output.out);
  }
  output.out << (result.passed() ? "PASS " : "FAIL ") << result.name << " ("
             << std::filesystem::path(result.file).filename().string() << ")\n";
  for (const std::string& failure : result.failures) output.out << "  " << failure << "\n";
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<policy::v1::Directory> ReadConfigDirectory(const std::string& path) {
  ASSIGN_OR_RETURN(std::string text, ReadFileToString(path, kMaxFileBytes));
  config::v1::BrokerConfig config;
  google::protobuf::TextFormat::Parser parser;
  FirstError errors;
  parser.RecordErrorsTo(&errors);
  if (!parser.ParseFromString(text, &config)) {
    return absl::InvalidArgumentError(absl::StrCat(path, ":", errors.first));
  }
  if (absl::Status directory = policy::ValidateDirectory(config.directory()); !directory.ok()) {
    return absl::InvalidArgumentError(absl::StrCat(path, ": ", directory.message()));
  }
  return config.directory();
}

absl::Status PolicyValidate(const PolicyValidateOptions& options, const Output& output) {
  policy::v1::Directory directory;
  if (options.config.empty()) {
    output.err << "note: no --config: recipients the directory resolves (areas, prisons, teams) were checked "
                  "against an empty directory; give --config=BROKER_CONFIG to check them against the broker's\n";
  } else {
    ASSIGN_OR_RETURN(directory, ReadConfigDirectory(options.config));
  }
  ASSIGN_OR_RETURN(std::string text, ReadFileToString(options.file, kMaxFileBytes));
  ASSIGN_OR_RETURN(Validation validation, Validate(text, options.file, directory));
  if (output.json) {
    RETURN_IF_ERROR(PrintVerdictJson(options, validation, output));
    if (validation.policy == nullptr) return InvalidPolicy(options.file, validation.problems.size());
    return absl::OkStatus();
  }
  if (validation.policy == nullptr) return ReportInvalid(options.file, validation.problems, output);
  output.out << options.file << ": valid, version " << validation.policy->version() << ", "
             << CountOf(static_cast<size_t>(validation.policy->proto().rules_size()), "rule")
             << (options.config.empty() ? " (against an empty directory)" : "") << "\n";
  return absl::OkStatus();
}

absl::Status PolicyTest(const PolicyTestOptions& options, const Output& output) {
  ASSIGN_OR_RETURN(policy::GoldenDir golden, policy::ReadGoldenDir(options.dir));
  std::string text(policy::BuiltInPolicyText());
  std::string origin = policy::kBuiltInPolicyOrigin;
  if (!options.policy_file.empty()) {
    ASSIGN_OR_RETURN(text, ReadFileToString(options.policy_file, kMaxFileBytes));
    origin = options.policy_file;
  }
  ASSIGN_OR_RETURN(Validation validation, Validate(text, origin, golden.directory));
  if (validation.policy == nullptr) return ReportInvalid(origin, validation.problems, output);
  size_t failed = 0;
  for (const auto& [file, golden_case] : golden.cases) {
    policy::GoldenResult result = policy::RunGoldenCase(golden_case, *validation.policy);
    result.file = file;
    if (!result.passed()) ++failed;
    RETURN_IF_ERROR(PrintCase(result, output));
  }
  const size_t total = golden.cases.size();
  if (output.json) {
    Struct summary;
    (*summary.mutable_fields())["cases"].set_number_value(static_cast<double>(total));
    (*summary.mutable_fields())["failed"].set_number_value(static_cast<double>(failed));
    (*summary.mutable_fields())["policy"] = StringValue(validation.policy->version());
    RETURN_IF_ERROR(WriteJsonLine(summary, output.out));
  } else {
    output.out << CountOf(total, "case") << ", " << failed << " failed (policy " << validation.policy->version()
               << ")\n";
  }
  if (failed == 0) return absl::OkStatus();
  return ItemsFailed(absl::StatusCode::kFailedPrecondition, failed, total, "cases");
}

}  // namespace liaison::ctl
