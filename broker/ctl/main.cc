// liaisonctl: the command-line client of the Liaison broker. Parses flags
// and hands each command an options struct; the work lives in liaison_ctl.

#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "broker/common/build_info.h"
#include "broker/ctl/args.h"
#include "broker/ctl/audit_flags.h"
#include "broker/ctl/audit_log_commands.h"
#include "broker/ctl/command_status.h"
#include "broker/ctl/connection.h"
#include "broker/ctl/inbox_commands.h"
#include "broker/ctl/offenders_commands.h"
#include "broker/ctl/output.h"
#include "broker/ctl/policy_commands.h"
#include "broker/ctl/policy_offline_commands.h"
#include "broker/ctl/backup_commands.h"
#include "broker/ctl/key_commands.h"
#include "broker/ctl/review_commands.h"
#include "broker/ctl/runner.h"
#include "broker/ctl/stream_canceller.h"
#include "broker/ctl/submit_command.h"
#include "broker/ctl/usage.h"

// Global flags.
ABSL_FLAG(std::string, target, "", "HOST:PORT (env LIAISON_TARGET, else 127.0.0.1:7443)");
ABSL_FLAG(std::string, ca, "", "CA certificate PEM file (env LIAISON_CA)");
ABSL_FLAG(std::string, cert, "", "client certificate chain PEM file (env LIAISON_CERT)");
ABSL_FLAG(std::string, key, "", "client private key PEM file (env LIAISON_KEY)");
ABSL_FLAG(std::string, server_name, "localhost", "TLS target name override");
ABSL_FLAG(bool, insecure_dev, false, "plaintext to a development broker on loopback");
ABSL_FLAG(std::string, principal, "", "principal sent to a development broker");
ABSL_FLAG(bool, json, false, "one proto-JSON object per line");
ABSL_FLAG(absl::Duration, timeout, absl::Seconds(30), "deadline of each unary call");
ABSL_FLAG(bool, help, false, "show usage");
ABSL_FLAG(bool, version, false, "print the version and build information, then exit");
// offenders
ABSL_FLAG(uint64_t, chunk, 500, "records per BulkLoad message");
ABSL_FLAG(std::string, om, "", "offender manager staff code");
ABSL_FLAG(std::string, om_name, "", "offender manager name");
ABSL_FLAG(std::string, team, "", "team code");
ABSL_FLAG(std::string, co_worker, "", "co-worker staff code");
ABSL_FLAG(std::string, manager, "", "manager staff code");
ABSL_FLAG(std::string, reason, "", "reason recorded in the audit trail");
ABSL_FLAG(std::string, into, "", "the surviving CRN of a merge");
// submit
ABSL_FLAG(bool, batch, false, "one SubmitBatch call for all files");
// inbox
ABSL_FLAG(std::string, recipient, "", "recipient id (staff code)");
ABSL_FLAG(uint64_t, after, 0, "start after this inbox sequence");
ABSL_FLAG(bool, all, false, "include acknowledged alerts");
ABSL_FLAG(uint32_t, page_size, 0, "alerts per page (0 = broker default)");
ABSL_FLAG(uint32_t, max_in_flight, 0, "unacknowledged alerts outstanding (0 = broker default)");
ABSL_FLAG(bool, ack, false, "acknowledge each alert after printing it");
ABSL_FLAG(uint64_t, count, 0, "exit after this many alerts (0 = no limit)");
// audit, policy explain
ABSL_FLAG(std::string, person, "", "CRN filter (audit query); the person to explain about (policy explain)");
ABSL_FLAG(std::string, source, "", "source principal filter");
ABSL_FLAG(std::string, notification, "", "notification id filter (audit query); notification JSON file (policy explain)");
ABSL_FLAG(std::string, since, "", "RFC 3339 time filter (inclusive start)");
ABSL_FLAG(std::string, until, "", "RFC 3339 time filter (end)");
ABSL_FLAG(uint64_t, limit, 0, "print at most this many entries or items (0 = all)");
ABSL_FLAG(bool, jsonl, false, "audit query: export the entries as JSON Lines (as --json)");
ABSL_FLAG(std::string, public_key, "", "audit: the log's Ed25519 public key (PEM) that checks checkpoint signatures");
ABSL_FLAG(std::string, origin, "", "audit verify: the log's origin (default: the first checkpoint's)");
// review
ABSL_FLAG(std::string, state, "open", "review state: open, linked, not-linked, superseded, all");
ABSL_FLAG(std::string, page_token, "", "continue a review listing from this page");
ABSL_FLAG(std::string, link, "", "link the notification to this candidate CRN");
ABSL_FLAG(bool, not_linked, false, "the notification is none of the candidates");
ABSL_FLAG(std::string, note, "", "why; recorded in the audit trail");
// store
ABSL_FLAG(std::string, data_dir, "", "a stopped broker's data directory (store key-usage|reencrypt, restore)");
ABSL_FLAG(std::string, data_key_file, "", "the data directory's key file (store key-usage|reencrypt, restore)");
ABSL_FLAG(bool, force, false, "restore: replace a non-empty data directory (the old one is kept beside it)");
// policy
ABSL_FLAG(std::string, config, "", "broker config whose directory policy validate resolves recipients with");
ABSL_FLAG(std::string, policy, "", "policy file policy test runs (default: the shipped policy)");

namespace liaison::ctl {
namespace {

constexpr int kExitFailure = 1;
constexpr int kExitUsage = 2;
// The broker refuses BulkLoad chunks above its max_bulk_load_chunk (default 1000).
constexpr uint64_t kMaxChunk = 1000;

int UsageError(const absl::Status& status) {
  std::cerr << "error: " << DescribeStatus(status) << "\n\n" << UsageText(/*verbose=*/false);
  return kExitUsage;
}

std::string FlagOrEnv(const absl::Flag<std::string>& flag, const char* env, const char* fallback) {
  std::string value = absl::GetFlag(flag);
  if (!value.empty()) return value;
  const char* from_env = std::getenv(env);
  return from_env != nullptr && *from_env != '\0' ? from_env : fallback;
}

ConnectionOptions ConnectionFromFlags() {
  ConnectionOptions options;
  options.target = FlagOrEnv(FLAGS_target, "LIAISON_TARGET", "127.0.0.1:7443");
  options.ca_file = FlagOrEnv(FLAGS_ca, "LIAISON_CA", "");
  options.cert_file = FlagOrEnv(FLAGS_cert, "LIAISON_CERT", "");
  options.key_file = FlagOrEnv(FLAGS_key, "LIAISON_KEY", "");
  options.server_name = absl::GetFlag(FLAGS_server_name);
  options.insecure_dev = absl::GetFlag(FLAGS_insecure_dev);
  options.principal = absl::GetFlag(FLAGS_principal);
  options.timeout = absl::GetFlag(FLAGS_timeout);
  return options;
}

absl::Status RequireFlag(const absl::Flag<std::string>& flag, absl::string_view name) {
  if (!absl::GetFlag(flag).empty()) return absl::OkStatus();
  return absl::InvalidArgumentError(absl::StrCat("--", name, " is required"));
}

absl::StatusOr<Runner> PrepareOffendersLoad(const Invocation& invocation) {
  const uint64_t chunk = absl::GetFlag(FLAGS_chunk);
  if (chunk == 0 || chunk > kMaxChunk) {
    return absl::InvalidArgumentError(absl::StrCat("--chunk must be 1 to ", kMaxChunk));
  }
  OffendersLoadOptions options{invocation.args[0], static_cast<size_t>(chunk)};
  return Runner([options](auto& c, auto& o) { return OffendersLoad(c, options, o); });
}

absl::StatusOr<Runner> PrepareOffendersMerge(const Invocation& invocation) {
  if (absl::Status s = RequireFlag(FLAGS_into, "into"); !s.ok()) return s;
  const OffendersMergeOptions options{invocation.args[0], absl::GetFlag(FLAGS_into),
                                      absl::GetFlag(FLAGS_reason)};
  return Runner([options](auto& c, auto& o) { return OffendersMerge(c, options, o); });
}

absl::StatusOr<Runner> PrepareOffendersAllocate(const Invocation& invocation) {
  if (absl::Status s = RequireFlag(FLAGS_om, "om"); !s.ok()) return s;
  OffendersAllocateOptions options;
  options.crn = invocation.args[0];
  options.om_staff_code = absl::GetFlag(FLAGS_om);
  options.om_name = absl::GetFlag(FLAGS_om_name);
  options.team_code = absl::GetFlag(FLAGS_team);
  options.co_worker_staff_code = absl::GetFlag(FLAGS_co_worker);
  options.manager_staff_code = absl::GetFlag(FLAGS_manager);
  options.reason = absl::GetFlag(FLAGS_reason);
  return Runner([options](auto& c, auto& o) { return OffendersAllocate(c, options, o); });
}

absl::StatusOr<Runner> PrepareOffenders(const Invocation& invocation) {
  const std::string crn = invocation.args[0];
  switch (invocation.command->id) {
    case CommandId::kOffendersLoad:
      return PrepareOffendersLoad(invocation);
    case CommandId::kOffendersGet:
      return Runner([crn](auto& c, auto& o) { return OffendersGet(c, crn, o); });
    case CommandId::kOffendersMerge:
      return PrepareOffendersMerge(invocation);
    case CommandId::kOffendersUnmerge: {
      const std::string reason = absl::GetFlag(FLAGS_reason);
      return Runner(
          [crn, reason](auto& c, auto& o) { return OffendersUnmerge(c, crn, reason, o); });
    }
    default:  // kOffendersAllocate
      return PrepareOffendersAllocate(invocation);
  }
}

// Ctrl-C (or SIGTERM) cancels the watch; a second one exits at once. Must
// run before any other thread starts, so that every thread inherits the
// blocked signals and only the waiting thread sees them.
StreamCanceller* CancelOnInterrupt() {
  static auto* const canceller = new StreamCanceller();
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  std::thread([signals] {
    int signal = 0;
    sigwait(&signals, &signal);
    canceller->Cancel();
    sigwait(&signals, &signal);
    _exit(128 + signal);
  }).detach();
  return canceller;
}

absl::StatusOr<Runner> PrepareInbox(const Invocation& invocation) {
  const CommandId id = invocation.command->id;
  if (id == CommandId::kInboxGet) {
    const std::string alert_id = invocation.args[0];
    return Runner([alert_id](auto& c, auto& o) { return InboxGet(c, alert_id, o); });
  }
  if (id == CommandId::kInboxAck) {
    const std::vector<std::string> ids = invocation.args;
    const std::string recipient = absl::GetFlag(FLAGS_recipient);
    return Runner([ids, recipient](auto& c, auto& o) { return InboxAck(c, ids, o, recipient); });
  }
  if (absl::Status s = RequireFlag(FLAGS_recipient, "recipient"); !s.ok()) return s;
  if (id == CommandId::kInboxList) {
    const InboxListOptions options{absl::GetFlag(FLAGS_recipient), absl::GetFlag(FLAGS_after),
                                   absl::GetFlag(FLAGS_all), absl::GetFlag(FLAGS_page_size)};
    return Runner([options](auto& c, auto& o) { return InboxList(c, options, o); });
  }
  InboxWatchOptions options;
  options.recipient_id = absl::GetFlag(FLAGS_recipient);
  options.after_sequence = absl::GetFlag(FLAGS_after);
  options.max_in_flight = absl::GetFlag(FLAGS_max_in_flight);
  options.ack = absl::GetFlag(FLAGS_ack);
  options.count = absl::GetFlag(FLAGS_count);
  options.canceller = CancelOnInterrupt();
  return Runner([options](auto& c, auto& o) { return InboxWatch(c, options, o); });
}

absl::StatusOr<Runner> PrepareReview(const Invocation& invocation) {
  const CommandId id = invocation.command->id;
  if (id == CommandId::kReviewShow) {
    const std::string notification_id = invocation.args[0];
    return Runner(
        [notification_id](auto& c, auto& o) { return ReviewShow(c, notification_id, o); });
  }
  if (id == CommandId::kReviewResolve) {
    const ReviewResolveOptions options{invocation.args[0], absl::GetFlag(FLAGS_link),
                                       absl::GetFlag(FLAGS_not_linked), absl::GetFlag(FLAGS_note)};
    if (absl::Status s = ValidateReviewResolveOptions(options); !s.ok()) return s;
    return Runner([options](auto& c, auto& o) { return ReviewResolve(c, options, o); });
  }
  const absl::StatusOr<v1::ReviewState> state = ParseReviewState(absl::GetFlag(FLAGS_state));
  if (!state.ok()) return state.status();
  const ReviewListOptions options{*state, absl::GetFlag(FLAGS_limit),
                                  absl::GetFlag(FLAGS_page_token)};
  return Runner([options](auto& c, auto& o) { return ReviewList(c, options, o); });
}

absl::StatusOr<Runner> PreparePolicy(const Invocation& invocation) {
  if (invocation.command->id == CommandId::kPolicyReload) {
    return Runner([](auto& c, auto& o) { return PolicyReload(c, o); });
  }
  if (invocation.command->id == CommandId::kPolicyShow) {
    return Runner([](auto& c, auto& o) { return PolicyShow(c, o); });
  }
  if (absl::Status s = RequireFlag(FLAGS_notification, "notification"); !s.ok()) return s;
  if (absl::Status s = RequireFlag(FLAGS_person, "person"); !s.ok()) return s;
  const PolicyExplainOptions options{absl::GetFlag(FLAGS_notification), absl::GetFlag(FLAGS_person)};
  return Runner([options](auto& c, auto& o) { return PolicyExplain(c, options, o); });
}

OfflineRunner PrepareOffline(const Invocation& invocation) {
  switch (invocation.command->id) {
    case CommandId::kKeysGenerate:
      return [file = invocation.args[0]](const Output& o) { return KeysGenerate(file, o); };
    case CommandId::kKeysRotate:
      return [file = invocation.args[0]](const Output& o) { return KeysRotate(file, o); };
    case CommandId::kStoreKeyUsage:
    case CommandId::kStoreReencrypt: {
      const StoreOptions options{absl::GetFlag(FLAGS_data_dir), absl::GetFlag(FLAGS_data_key_file)};
      if (invocation.command->id == CommandId::kStoreKeyUsage) {
        return [options](const Output& o) { return StoreKeyUsage(options, o); };
      }
      return [options](const Output& o) { return StoreReencrypt(options, o); };
    }
    case CommandId::kRestore: {
      const RestoreCommandOptions options{invocation.args[0], absl::GetFlag(FLAGS_data_dir),
                                          absl::GetFlag(FLAGS_data_key_file), absl::GetFlag(FLAGS_force)};
      return [options](const Output& o) { return Restore(options, o); };
    }
    case CommandId::kAuditVerify: {
      const AuditVerifyExportOptions options{invocation.args[0], absl::GetFlag(FLAGS_public_key),
                                             absl::GetFlag(FLAGS_origin)};
      return [options](const Output& o) { return AuditVerifyExport(options, o); };
    }
    default:
      break;
  }
  if (invocation.command->id == CommandId::kPolicyValidate) {
    const PolicyValidateOptions options{invocation.args[0], absl::GetFlag(FLAGS_config)};
    return [options](const Output& o) { return PolicyValidate(options, o); };
  }
  const PolicyTestOptions options{invocation.args[0], absl::GetFlag(FLAGS_policy)};
  return [options](const Output& o) { return PolicyTest(options, o); };
}

// The command ready to run, or the usage problem that stops it.
absl::StatusOr<Runner> Prepare(const Invocation& invocation) {
  switch (invocation.command->id) {
    case CommandId::kOffendersLoad:
    case CommandId::kOffendersGet:
    case CommandId::kOffendersAllocate:
    case CommandId::kOffendersMerge:
    case CommandId::kOffendersUnmerge:
      return PrepareOffenders(invocation);
    case CommandId::kSubmit: {
      const SubmitOptions options{invocation.args, absl::GetFlag(FLAGS_batch)};
      return Runner([options](auto& c, auto& o) { return Submit(c, options, o); });
    }
    case CommandId::kInboxList:
    case CommandId::kInboxGet:
    case CommandId::kInboxAck:
    case CommandId::kInboxWatch:
      return PrepareInbox(invocation);
    case CommandId::kAuditQuery:
    case CommandId::kAuditVerify:
    case CommandId::kAuditCheckpoint:
    case CommandId::kAuditProve:
    case CommandId::kAuditConsistency:
    case CommandId::kAuditExport:
      return PrepareAudit(invocation);
    case CommandId::kReviewList:
    case CommandId::kReviewShow:
    case CommandId::kReviewResolve:
      return PrepareReview(invocation);
    case CommandId::kPolicyExplain:
    case CommandId::kPolicyReload:
    case CommandId::kPolicyShow:
      return PreparePolicy(invocation);
    case CommandId::kPolicyValidate:
    case CommandId::kPolicyTest:
    case CommandId::kKeysGenerate:
    case CommandId::kKeysRotate:
    case CommandId::kStoreKeyUsage:
    case CommandId::kStoreReencrypt:
    case CommandId::kRestore:
      break;  // offline: PrepareOffline
    case CommandId::kBackup:
      return Runner([dir = invocation.args[0]](auto& c, auto& o) { return Backup(c, dir, o); });
  }
  return absl::InternalError("unhandled command");
}

// The exit status of a command that ran, reporting its error.
int Finish(const absl::Status& status) {
  std::cout.flush();
  if (status.ok()) return 0;
  std::cerr << "error: " << DescribeStatus(status) << "\n";
  return kExitFailure;
}

int Main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  std::unique_ptr<FlagSink> flags = NewAbslFlagSink();
  absl::StatusOr<ParsedArgs> parsed = ParseArgs(args, *flags);
  if (!parsed.ok()) return UsageError(parsed.status());
  if (absl::GetFlag(FLAGS_help)) {
    std::cout << UsageText(/*verbose=*/true);
    return 0;
  }
  if (absl::GetFlag(FLAGS_version)) {
    std::cout << VersionText("liaisonctl");
    return 0;
  }
  absl::StatusOr<Invocation> invocation = ResolveCommand(*parsed);
  if (!invocation.ok()) return UsageError(invocation.status());
  const Output output{std::cout, std::cerr, absl::GetFlag(FLAGS_json) || absl::GetFlag(FLAGS_jsonl)};
  if (RunsOffline(*invocation)) return Finish(PrepareOffline(*invocation)(output));
  const ConnectionOptions connection_options = ConnectionFromFlags();
  if (absl::Status s = ValidateConnectionOptions(connection_options); !s.ok()) {
    return UsageError(s);
  }
  absl::StatusOr<Runner> runner = Prepare(*invocation);
  if (!runner.ok()) return UsageError(runner.status());
  absl::StatusOr<Connection> connection = Connection::Dial(connection_options);
  if (!connection.ok()) return Finish(connection.status());
  return Finish((*runner)(*connection, output));
}

}  // namespace
}  // namespace liaison::ctl

int main(int argc, char** argv) { return liaison::ctl::Main(argc, argv); }
