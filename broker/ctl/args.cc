#include "broker/ctl/args.h"

#include <optional>
#include <utility>

#include "absl/flags/commandlineflag.h"
#include "absl/flags/reflection.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/strip.h"

namespace liaison::ctl {
namespace {

class AbslFlagSink : public FlagSink {
 public:
  Kind KindOf(absl::string_view name) const override {
    const absl::CommandLineFlag* flag = absl::FindCommandLineFlag(name);
    if (flag == nullptr || flag->IsRetired()) return Kind::kUnknown;
    return flag->IsOfType<bool>() ? Kind::kBool : Kind::kValue;
  }

  absl::Status Set(absl::string_view name, absl::string_view value) override {
    absl::CommandLineFlag* flag = absl::FindCommandLineFlag(name);
    if (flag == nullptr) return absl::InvalidArgumentError(absl::StrCat("unknown flag ", name));
    std::string error;
    if (!flag->ParseFrom(value, &error)) return absl::InvalidArgumentError(error);
    return absl::OkStatus();
  }
};

// "--server-name=x" -> name "server_name", value "x".
struct FlagToken {
  std::string name;
  std::optional<std::string> value;
};

FlagToken SplitFlag(absl::string_view arg) {
  if (!absl::ConsumePrefix(&arg, "--")) absl::ConsumePrefix(&arg, "-");
  FlagToken token;
  const size_t equals = arg.find('=');
  if (equals != absl::string_view::npos) {
    token.value = std::string(arg.substr(equals + 1));
    arg = arg.substr(0, equals);
  }
  token.name = absl::StrReplaceAll(arg, {{"-", "_"}});
  if (token.name == "h") token.name = "help";
  return token;
}

absl::Status FlagError(absl::string_view name, absl::string_view problem) {
  return absl::InvalidArgumentError(
      absl::StrCat("--", absl::StrReplaceAll(name, {{"_", "-"}}), ": ", problem));
}

// Applies one flag; may take the next argument as its value (advancing *i).
absl::Status ApplyFlag(const std::vector<std::string>& args, size_t* i, FlagSink& sink,
                       ParsedArgs& parsed) {
  FlagToken token = SplitFlag(args[*i]);
  FlagSink::Kind kind = sink.KindOf(token.name);
  if (kind == FlagSink::Kind::kUnknown && !token.value.has_value() &&
      absl::StartsWith(token.name, "no") &&
      sink.KindOf(token.name.substr(2)) == FlagSink::Kind::kBool) {
    token = {token.name.substr(2), "false"};
    kind = FlagSink::Kind::kBool;
  }
  if (kind == FlagSink::Kind::kUnknown) return FlagError(token.name, "unknown flag");
  if (!token.value.has_value()) {
    if (kind == FlagSink::Kind::kBool) {
      token.value = "true";
    } else if (*i + 1 < args.size()) {
      token.value = args[++*i];
    } else {
      return FlagError(token.name, "missing value");
    }
  }
  const absl::Status status = sink.Set(token.name, *token.value);
  if (!status.ok()) {
    // absl's own message ("Illegal value '...' specified for flag ...") only
    // repeats what this one says; anything else is a useful detail.
    const bool detail =
        !status.message().empty() && !absl::StartsWith(status.message(), "Illegal value");
    return FlagError(token.name, absl::StrCat("invalid value \"", *token.value, "\"",
                                              detail ? ": " : "", detail ? status.message() : ""));
  }
  parsed.flags.push_back(token.name);
  return absl::OkStatus();
}

}  // namespace

std::unique_ptr<FlagSink> NewAbslFlagSink() { return std::make_unique<AbslFlagSink>(); }

absl::StatusOr<ParsedArgs> ParseArgs(const std::vector<std::string>& args, FlagSink& sink) {
  ParsedArgs parsed;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--") {
      parsed.positional.insert(parsed.positional.end(), args.begin() + i + 1, args.end());
      break;
    }
    if (arg.size() < 2 || arg[0] != '-') {
      parsed.positional.push_back(arg);
      continue;
    }
    const absl::Status status = ApplyFlag(args, &i, sink, parsed);
    if (!status.ok()) return status;
  }
  return parsed;
}

}  // namespace liaison::ctl
