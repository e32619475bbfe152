// The audit commands' flags (defined in main.cc) and positional arguments
// made into options structs and a runner.

#include "broker/ctl/audit_flags.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/flags/declare.h"
#include "absl/flags/flag.h"
#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "broker/ctl/audit_commands.h"
#include "broker/ctl/audit_log_commands.h"

ABSL_DECLARE_FLAG(std::string, recipient);
ABSL_DECLARE_FLAG(std::string, person);
ABSL_DECLARE_FLAG(std::string, source);
ABSL_DECLARE_FLAG(std::string, notification);
ABSL_DECLARE_FLAG(std::string, since);
ABSL_DECLARE_FLAG(std::string, until);
ABSL_DECLARE_FLAG(uint64_t, limit);
ABSL_DECLARE_FLAG(std::string, public_key);

namespace liaison::ctl {
namespace {

absl::StatusOr<std::optional<absl::Time>> OptionalTimeFlag(const absl::Flag<std::string>& flag,
                                                           absl::string_view name) {
  const std::string value = absl::GetFlag(flag);
  if (value.empty()) return std::nullopt;
  absl::StatusOr<absl::Time> time = ParseTimeFlag(name, value);
  if (!time.ok()) return time.status();
  return *time;
}

// The positional number arguments, named for errors; 0 for absent ones.
absl::StatusOr<std::vector<uint64_t>> NumberArgs(const Invocation& invocation,
                                                 std::vector<absl::string_view> names) {
  std::vector<uint64_t> numbers(names.size(), 0);
  for (size_t i = 0; i < names.size() && i < invocation.args.size(); ++i) {
    absl::StatusOr<uint64_t> number = ParseNumberArg(names[i], invocation.args[i]);
    if (!number.ok()) return number.status();
    numbers[i] = *number;
  }
  return numbers;
}

absl::StatusOr<Runner> PrepareAuditLog(const Invocation& invocation) {
  const std::string key = absl::GetFlag(FLAGS_public_key);
  const CommandId id = invocation.command->id;
  if (id == CommandId::kAuditExport) {
    const std::string dir = invocation.args[0];
    return Runner([dir](auto& c, auto& o) { return AuditExport(c, dir, o); });
  }
  absl::StatusOr<std::vector<uint64_t>> n =
      id == CommandId::kAuditCheckpoint ? NumberArgs(invocation, {"TREE_SIZE"})
      : id == CommandId::kAuditProve   ? NumberArgs(invocation, {"SEQUENCE", "TREE_SIZE"})
                                       : NumberArgs(invocation, {"FROM_SIZE", "TO_SIZE"});
  if (!n.ok()) return n.status();
  if (id == CommandId::kAuditCheckpoint) {
    const AuditCheckpointOptions options{(*n)[0], key};
    return Runner([options](auto& c, auto& o) { return AuditCheckpoint(c, options, o); });
  }
  if (id == CommandId::kAuditProve) {
    const AuditProveOptions options{(*n)[0], (*n)[1], key};
    return Runner([options](auto& c, auto& o) { return AuditProve(c, options, o); });
  }
  const AuditConsistencyOptions options{(*n)[0], (*n)[1], key};
  return Runner([options](auto& c, auto& o) { return AuditConsistency(c, options, o); });
}

}  // namespace

absl::StatusOr<Runner> PrepareAudit(const Invocation& invocation) {
  if (invocation.command->id == CommandId::kAuditVerify) {
    return Runner([](auto& c, auto& o) { return AuditVerify(c, o); });
  }
  if (invocation.command->id != CommandId::kAuditQuery) return PrepareAuditLog(invocation);
  AuditQueryOptions options;
  options.crn = absl::GetFlag(FLAGS_person);
  options.recipient_id = absl::GetFlag(FLAGS_recipient);
  options.source = absl::GetFlag(FLAGS_source);
  options.notification_id = absl::GetFlag(FLAGS_notification);
  options.limit = absl::GetFlag(FLAGS_limit);
  absl::StatusOr<std::optional<absl::Time>> since = OptionalTimeFlag(FLAGS_since, "since");
  if (!since.ok()) return since.status();
  absl::StatusOr<std::optional<absl::Time>> until = OptionalTimeFlag(FLAGS_until, "until");
  if (!until.ok()) return until.status();
  options.since = *since;
  options.until = *until;
  if (options.since && options.until && *options.since > *options.until) {
    return absl::InvalidArgumentError("--since is after --until");
  }
  return Runner([options](auto& c, auto& o) { return AuditQuery(c, options, o); });
}

}  // namespace liaison::ctl
