#ifndef LIAISON_BROKER_CTL_USAGE_H_
#define LIAISON_BROKER_CTL_USAGE_H_

// liaisonctl's commands: their names, arguments and flags, the usage text,
// and the check that a parsed command line names one of them properly.

#include <cstddef>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "broker/ctl/args.h"

namespace liaison::ctl {

enum class CommandId {
  kOffendersLoad,
  kOffendersGet,
  kOffendersAllocate,
  kOffendersMerge,
  kOffendersUnmerge,
  kSubmit,
  kInboxList,
  kInboxGet,
  kInboxAck,
  kInboxWatch,
  kAuditQuery,
  kAuditVerify,
  kReviewList,
  kReviewShow,
  kReviewResolve,
  kPolicyValidate,
  kPolicyTest,
  kPolicyExplain,
  kPolicyReload,
  kPolicyShow,
  kAuditCheckpoint,
  kAuditProve,
  kAuditConsistency,
  kAuditExport,
  kKeysGenerate,
  kKeysRotate,
  kStoreKeyUsage,
  kStoreReencrypt,
  kBackup,
  kRestore,
};

struct CommandSpec {
  CommandId id;
  // One or two words: "submit", "offenders load".
  absl::string_view name;
  // Shown in the usage text, e.g. "FILE.csv [--chunk=N]".
  absl::string_view synopsis;
  size_t min_args;
  size_t max_args;
  // Flags this command accepts besides the global ones (canonical names).
  std::vector<absl::string_view> flags;
};

// Flags every command accepts (canonical names).
const std::vector<absl::string_view>& GlobalFlags();

// Every command, in usage order.
const std::vector<CommandSpec>& Commands();

// True for commands that work on files alone (policy validate, policy
// test, keys, store): they need no broker, no connection flags and no
// certificates.
bool RunsOffline(CommandId id);

// A command and its positional arguments.
struct Invocation {
  const CommandSpec* command = nullptr;
  std::vector<std::string> args;
};

// True for an invocation that needs no broker: RunsOffline(id), and
// `audit verify EXPORT_DIR` (an export checked offline).
bool RunsOffline(const Invocation& invocation);

// The command `parsed` names. INVALID_ARGUMENT for a missing or unknown
// command, too few or too many arguments, or a flag the command does not
// take (the message names it).
absl::StatusOr<Invocation> ResolveCommand(const ParsedArgs& parsed);

// The usage text: the commands, and with `verbose` the global flags too.
std::string UsageText(bool verbose);

}  // namespace liaison::ctl

#endif  // LIAISON_BROKER_CTL_USAGE_H_
