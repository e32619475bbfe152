#include "broker/ctl/usage.h"

#include <algorithm>
#include <limits>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"

namespace liaison::ctl {
namespace {

constexpr size_t kAny = std::numeric_limits<size_t>::max();

bool Contains(const std::vector<absl::string_view>& names, absl::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

const CommandSpec* FindCommand(const std::vector<std::string>& words) {
  for (const CommandSpec& command : Commands()) {
    const bool two_words = command.name.find(' ') != absl::string_view::npos;
    if (two_words && words.size() >= 2 && command.name == absl::StrCat(words[0], " ", words[1])) {
      return &command;
    }
    if (!two_words && !words.empty() && command.name == words[0]) return &command;
  }
  return nullptr;
}

}  // namespace

const std::vector<absl::string_view>& GlobalFlags() {
  static const auto* const kFlags = new std::vector<absl::string_view>{
      "target",       "ca",        "cert", "key",     "server_name",
      "insecure_dev", "principal", "json", "timeout", "help"};
  return *kFlags;
}

const std::vector<CommandSpec>& Commands() {
  static const auto* const kCommands = new std::vector<CommandSpec>{
      {CommandId::kOffendersLoad, "offenders load", "FILE.csv [--chunk=500]", 1, 1, {"chunk"}},
      {CommandId::kOffendersGet, "offenders get", "CRN", 1, 1, {}},
      {CommandId::kOffendersAllocate,
       "offenders allocate",
       "CRN --om=STAFF_CODE [--om-name=..] [--team=..] [--co-worker=CODE] [--manager=CODE] "
       "[--reason=..]",
       1,
       1,
       {"om", "om_name", "team", "co_worker", "manager", "reason"}},
      {CommandId::kOffendersMerge,
       "offenders merge",
       "MERGED_CRN --into=SURVIVING_CRN [--reason=..]",
       1,
       1,
       {"into", "reason"}},
      {CommandId::kOffendersUnmerge, "offenders unmerge", "MERGED_CRN [--reason=..]", 1, 1,
       {"reason"}},
      {CommandId::kSubmit, "submit", "FILE.json... [--batch]", 1, kAny, {"batch"}},
      {CommandId::kInboxList,
       "inbox list",
       "--recipient=ID [--after=N] [--all] [--page-size=N]",
       0,
       0,
       {"recipient", "after", "all", "page_size"}},
      {CommandId::kInboxGet, "inbox get", "ALERT_ID", 1, 1, {}},
      {CommandId::kInboxAck, "inbox ack", "ALERT_ID... [--recipient=ID]", 1, kAny, {"recipient"}},
      {CommandId::kInboxWatch,
       "inbox watch",
       "--recipient=ID [--after=N] [--max-in-flight=N] [--ack] [--count=N]",
       0,
       0,
       {"recipient", "after", "max_in_flight", "ack", "count"}},
      {CommandId::kAuditQuery,
       "audit query",
       "[--person=CRN] [--recipient=ID] [--source=PRINCIPAL] [--notification=ID] "
       "[--since=TIME] [--until=TIME] [--limit=N] [--jsonl]",
       0,
       0,
       {"person", "recipient", "source", "notification", "since", "until", "limit", "jsonl"}},
      {CommandId::kAuditVerify,
       "audit verify",
       "[EXPORT_DIR --public-key=FILE [--origin=NAME]]",
       0,
       1,
       {"public_key", "origin"}},
      {CommandId::kAuditCheckpoint, "audit checkpoint", "[TREE_SIZE] [--public-key=FILE]", 0, 1, {"public_key"}},
      {CommandId::kAuditProve, "audit prove", "SEQUENCE [TREE_SIZE] [--public-key=FILE]", 1, 2, {"public_key"}},
      {CommandId::kAuditConsistency,
       "audit consistency",
       "FROM_SIZE [TO_SIZE] [--public-key=FILE]",
       1,
       2,
       {"public_key"}},
      {CommandId::kAuditExport, "audit export", "DIR", 1, 1, {}},
      {CommandId::kReviewList,
       "review list",
       "[--state=open|linked|not-linked|superseded|all] [--limit=N] [--page-token=T]",
       0,
       0,
       {"state", "limit", "page_token"}},
      {CommandId::kReviewShow, "review show", "NOTIFICATION_ID", 1, 1, {}},
      {CommandId::kReviewResolve,
       "review resolve",
       "NOTIFICATION_ID (--link=CRN | --not-linked) [--note=..]",
       1,
       1,
       {"link", "not_linked", "note"}},
      {CommandId::kPolicyValidate, "policy validate", "FILE [--config=BROKER_CONFIG]", 1, 1, {"config"}},
      {CommandId::kPolicyTest, "policy test", "DIR [--policy=FILE]", 1, 1, {"policy"}},
      {CommandId::kPolicyExplain,
       "policy explain",
       "--notification=FILE.json --person=CRN",
       0,
       0,
       {"notification", "person"}},
      {CommandId::kPolicyReload, "policy reload", "", 0, 0, {}},
      {CommandId::kPolicyShow, "policy show", "", 0, 0, {}},
      {CommandId::kKeysGenerate, "keys generate", "FILE", 1, 1, {}},
      {CommandId::kKeysRotate, "keys rotate", "FILE", 1, 1, {}},
      {CommandId::kStoreKeyUsage, "store key-usage", "--data-dir=DIR --data-key-file=FILE", 0, 0,
       {"data_dir", "data_key_file"}},
      {CommandId::kStoreReencrypt, "store reencrypt", "--data-dir=DIR --data-key-file=FILE", 0, 0,
       {"data_dir", "data_key_file"}},
      {CommandId::kBackup, "backup", "DIR", 1, 1, {}},
      {CommandId::kRestore, "restore", "BACKUP_DIR --data-dir=DIR [--data-key-file=FILE] [--force]", 1, 1,
       {"data_dir", "data_key_file", "force"}},
  };
  return *kCommands;
}

bool RunsOffline(CommandId id) {
  return id == CommandId::kPolicyValidate || id == CommandId::kPolicyTest || id == CommandId::kKeysGenerate ||
         id == CommandId::kKeysRotate || id == CommandId::kStoreKeyUsage || id == CommandId::kStoreReencrypt ||
         id == CommandId::kRestore;
}

bool RunsOffline(const Invocation& invocation) {
  return RunsOffline(invocation.command->id) ||
         (invocation.command->id == CommandId::kAuditVerify && !invocation.args.empty());
}

absl::StatusOr<Invocation> ResolveCommand(const ParsedArgs& parsed) {
  if (parsed.positional.empty()) return absl::InvalidArgumentError("no command given");
  Invocation invocation;
  invocation.command = FindCommand(parsed.positional);
  if (invocation.command == nullptr) {
    return absl::InvalidArgumentError(absl::StrCat(
        "unknown command \"", parsed.positional[0],
        parsed.positional.size() > 1 ? absl::StrCat(" ", parsed.positional[1]) : "", "\""));
  }
  const CommandSpec& command = *invocation.command;
  const size_t words = command.name.find(' ') == absl::string_view::npos ? 1 : 2;
  invocation.args.assign(parsed.positional.begin() + words, parsed.positional.end());
  if (invocation.args.size() < command.min_args || invocation.args.size() > command.max_args) {
    return absl::InvalidArgumentError(absl::StrCat(
        invocation.args.size() < command.min_args ? "missing argument" : "too many arguments",
        "; usage: liaisonctl ", command.name, " ", command.synopsis));
  }
  for (const std::string& flag : parsed.flags) {
    if (!Contains(GlobalFlags(), flag) && !Contains(command.flags, flag)) {
      return absl::InvalidArgumentError(absl::StrCat("--", absl::StrReplaceAll(flag, {{"_", "-"}}),
                                                     " is not a flag of ", command.name));
    }
  }
  return invocation;
}

std::string UsageText(bool verbose) {
  std::string text = "usage: liaisonctl [global flags] COMMAND [ARGS] [FLAGS]\n\ncommands:\n";
  for (const CommandSpec& command : Commands()) {
    absl::StrAppend(&text, "  ", command.name, " ", command.synopsis, "\n");
  }
  if (!verbose) {
    absl::StrAppend(&text, "\nrun liaisonctl --help for the global flags\n");
    return text;
  }
  absl::StrAppend(
      &text,
      "\nglobal flags (anywhere on the command line):\n"
      "  --target=HOST:PORT   broker address (env LIAISON_TARGET; default 127.0.0.1:7443)\n"
      "  --ca=FILE --cert=FILE --key=FILE\n"
      "                       mutual TLS PEM files (env LIAISON_CA, LIAISON_CERT, LIAISON_KEY)\n"
      "  --server-name=NAME   name on the broker's certificate (default localhost)\n"
      "  --insecure-dev       plaintext to a development broker on loopback\n"
      "  --principal=ID       identity sent to a development broker (with --insecure-dev)\n"
      "  --json               one proto-JSON object per line\n"
      "  --timeout=DURATION   per-call deadline (default 30s)\n"
      "  --version            print the version and build information\n"
      "\npolicy validate and policy test read files only: they need no broker and no\n"
      "certificates. keys generate|rotate write a key file for encryption at rest;\n"
      "store key-usage|reencrypt open a stopped broker's data directory with it.\n"
      "backup DIR checkpoints the serving broker's store into DIR on its host (role\n"
      "ROLE_OPERATOR); restore copies a backup into a stopped broker's data directory\n"
      "and verifies its audit log (docs/data-safety.md).\n"
      "\nTIME is RFC 3339, e.g. 2026-11-22T10:00:00Z. Exit status: 0 ok, 1 failure, 2 usage.\n");
  return text;
}

}  // namespace liaison::ctl
