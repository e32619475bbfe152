#ifndef LIAISON_BROKER_CTL_ARGS_H_
#define LIAISON_BROKER_CTL_ARGS_H_

// liaisonctl's command-line splitting: positional words and flags in any
// order, with the flag values set through a FlagSink (in the binary, the
// process's absl flags, which main.cc defines).

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace liaison::ctl {

// Where parsed flag values go. Names are canonical: '_' not '-'.
class FlagSink {
 public:
  enum class Kind { kUnknown, kBool, kValue };

  virtual ~FlagSink() = default;
  virtual Kind KindOf(absl::string_view name) const = 0;
  // Sets the flag. INVALID_ARGUMENT (with the reason) when `value` is not
  // valid for it. REQUIRES: KindOf(name) != kUnknown.
  virtual absl::Status Set(absl::string_view name, absl::string_view value) = 0;
};

// The process's absl flags, found with absl::FindCommandLineFlag.
std::unique_ptr<FlagSink> NewAbslFlagSink();

struct ParsedArgs {
  std::vector<std::string> positional;
  // The canonical names of the flags given, in order (repeats kept).
  std::vector<std::string> flags;
};

// Splits `args` (the command line without the program name), setting each
// flag through `sink` as it is met. Accepted: --name=value, --name value
// (non-bool flags), --name and --noname (bool flags), a single leading '-'
// instead of two, and -h for --help; '-' inside a name is read as '_'; a
// lone "--" makes everything after it positional. INVALID_ARGUMENT naming
// the flag for an unknown flag, a missing value, or a value the flag
// rejects.
absl::StatusOr<ParsedArgs> ParseArgs(const std::vector<std::string>& args, FlagSink& sink);

}  // namespace liaison::ctl

#endif  // LIAISON_BROKER_CTL_ARGS_H_
