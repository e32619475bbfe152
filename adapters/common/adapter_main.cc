#include "adapters/common/adapter_main.h"

#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <iostream>
#include <optional>
#include <thread>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/synchronization/notification.h"
#include "adapters/common/adapter_store.h"
#include "adapters/common/broker_client.h"
#include "adapters/common/deliverer.h"
#include "adapters/common/intake.h"
#include "adapters/common/webhook.h"
#include "broker/common/build_info.h"
#include "broker/common/clock.h"
#include "broker/common/flag_names.h"
#include "broker/common/log.h"
#include "google/protobuf/util/json_util.h"

ABSL_FLAG(std::string, state_dir, "", "The adapter's state directory (spool, quarantine, ledger); required");
ABSL_FLAG(std::string, broker, "127.0.0.1:7443", "The broker's gRPC address, HOST:PORT");
ABSL_FLAG(std::string, ca_file, "", "CA certificate the broker's certificate chains to (PEM)");
ABSL_FLAG(std::string, cert_file, "", "This adapter's client certificate (PEM)");
ABSL_FLAG(std::string, key_file, "", "This adapter's private key (PEM)");
ABSL_FLAG(std::string, registry_cert_file, "",
          "Client certificate for registry changes, when they need another identity (PEM)");
ABSL_FLAG(std::string, registry_key_file, "", "Private key for --registry-cert-file (PEM)");
ABSL_FLAG(std::string, server_name, "localhost", "The name the broker's certificate must carry");
ABSL_FLAG(bool, insecure_dev, false, "Plaintext to a development broker on loopback (never in production)");
ABSL_FLAG(std::string, principal, "", "With --insecure-dev: the principal to call as");
ABSL_FLAG(std::string, registry_principal, "", "With --insecure-dev: the principal for registry changes");
ABSL_FLAG(std::string, drop_dir, "", "Watch this directory for *.jsonl and *.csv files");
ABSL_FLAG(absl::Duration, scan_interval, absl::Seconds(1), "How often the drop directory is scanned");
ABSL_FLAG(bool, stdin, false, "Read records from standard input");
ABSL_FLAG(std::string, stdin_format, "jsonl", "Format of standard input: jsonl or csv");
ABSL_FLAG(std::string, webhook_listen, "", "Serve the HTTPS webhook on HOST:PORT (port 0: any free port)");
ABSL_FLAG(std::string, webhook_cert_file, "", "The webhook's server certificate (PEM)");
ABSL_FLAG(std::string, webhook_key_file, "", "The webhook's private key (PEM)");
ABSL_FLAG(std::string, webhook_client_ca_file, "", "CA that webhook client certificates must chain to (PEM)");
ABSL_FLAG(std::vector<std::string>, webhook_allowed_principals, {},
          "Comma-separated principals (SAN URI or CN) allowed to post; empty: any certificate from the CA");
ABSL_FLAG(bool, exit_when_idle, false,
          "Exit once standard input has ended (if read), the drop directory is empty and the spool is delivered");
ABSL_FLAG(int, ready_fd, -1, "When >= 0: write the webhook port (0 if none) and a newline here once running");
ABSL_FLAG(absl::Duration, timeout, absl::Seconds(30), "Deadline of each call to the broker");
ABSL_FLAG(std::string, log_level, "info", "debug, info, warning or error");

namespace liaison::adapters {
namespace {

constexpr int kUsageError = 2;

int Fail(absl::string_view program, const absl::Status& status) {
  std::cerr << program << ": " << status.message() << "\n";
  return status.code() == absl::StatusCode::kInvalidArgument ? kUsageError : 1;
}

std::string ToJson(const google::protobuf::Message& message) {
  std::string out;
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  (void)google::protobuf::util::MessageToJsonString(message, &out, options);
  return out;
}

absl::StatusOr<std::optional<ctl::Connection>> Dial(const std::string& cert, const std::string& key,
                                                    const std::string& principal, absl::string_view cert_flag) {
  ctl::ConnectionOptions options;
  options.target = absl::GetFlag(FLAGS_broker);
  options.ca_file = absl::GetFlag(FLAGS_ca_file);
  options.cert_file = cert;
  options.key_file = key;
  options.server_name = absl::GetFlag(FLAGS_server_name);
  options.insecure_dev = absl::GetFlag(FLAGS_insecure_dev);
  options.principal = principal;
  options.timeout = absl::GetFlag(FLAGS_timeout);
  if (options.insecure_dev ? principal.empty() : cert.empty()) return std::optional<ctl::Connection>();
  auto connection = ctl::Connection::Dial(options);
  if (!connection.ok()) {
    return absl::Status(connection.status().code(), absl::StrCat(cert_flag, ": ", connection.status().message()));
  }
  return std::optional<ctl::Connection>(*std::move(connection));
}


int Run(const RecordParser& parser, const AdapterTraits& traits, AdapterStore& store) {
  const std::string program(traits.program);
  // Before any thread starts (gRPC's included), so that only the signal
  // thread below receives SIGTERM and SIGINT.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  // Identities: the main certificate, and a registry one when given.
  auto ingest = Dial(absl::GetFlag(FLAGS_cert_file), absl::GetFlag(FLAGS_key_file), absl::GetFlag(FLAGS_principal),
                     "--cert-file");
  if (!ingest.ok()) return Fail(program, ingest.status());
  auto registry = Dial(absl::GetFlag(FLAGS_registry_cert_file), absl::GetFlag(FLAGS_registry_key_file),
                       absl::GetFlag(FLAGS_registry_principal), "--registry-cert-file");
  if (!registry.ok()) return Fail(program, registry.status());
  if (!registry->has_value() && !traits.submits) *registry = *ingest;  // one registry identity
  if (traits.submits && !ingest->has_value()) {
    return Fail(program, absl::InvalidArgumentError(
                             "--cert-file and --key-file (or --insecure-dev with --principal) are required"));
  }
  if (traits.changes_registry && !registry->has_value()) {
    return Fail(program, absl::InvalidArgumentError(
                             "--registry-cert-file and --registry-key-file (or --registry-principal) are required"));
  }
  const std::string drop_dir = absl::GetFlag(FLAGS_drop_dir);
  const bool read_stdin = absl::GetFlag(FLAGS_stdin);
  const std::string webhook_listen = absl::GetFlag(FLAGS_webhook_listen);
  if (drop_dir.empty() && !read_stdin && webhook_listen.empty()) {
    return Fail(program, absl::InvalidArgumentError("give at least one input: --drop-dir, --stdin or --webhook-listen"));
  }
  const std::string stdin_format = absl::GetFlag(FLAGS_stdin_format);
  if (stdin_format != "jsonl" && stdin_format != "csv") {
    return Fail(program, absl::InvalidArgumentError("--stdin-format: must be jsonl or csv"));
  }

  std::unique_ptr<BrokerClient> client = NewGrpcBrokerClient(*ingest, *registry);
  Deliverer deliverer(&store, client.get(), RealClock::Get(), Deliverer::Options{});
  Intake::Options intake_options;
  intake_options.on_spooled = [&deliverer] { deliverer.Wake(); };
  Intake intake(&store, &parser, RealClock::Get(), intake_options);
  std::optional<DropDirectory> drop;
  if (!drop_dir.empty()) {
    drop.emplace(drop_dir, &intake);
    absl::Status prepared = drop->Prepare();
    if (!prepared.ok()) return Fail(program, prepared);
  }
  std::unique_ptr<Webhook> webhook;
  if (!webhook_listen.empty()) {
    WebhookOptions options;
    options.listen = webhook_listen;
    options.cert_file = absl::GetFlag(FLAGS_webhook_cert_file);
    options.key_file = absl::GetFlag(FLAGS_webhook_key_file);
    options.client_ca_file = absl::GetFlag(FLAGS_webhook_client_ca_file);
    options.allowed_principals = absl::GetFlag(FLAGS_webhook_allowed_principals);
    auto started = Webhook::Start(options, &intake);
    if (!started.ok()) return Fail(program, started.status());
    webhook = *std::move(started);
  }
  deliverer.Start();

  absl::Notification stop;
  std::thread signal_thread([&] {
    int signal = 0;
    sigwait(&signals, &signal);
    if (!stop.HasBeenNotified()) stop.Notify();
  });
  std::atomic<bool> stdin_done{!read_stdin};
  std::thread stdin_thread;
  if (read_stdin) {
    stdin_thread = std::thread([&] {
      Intake::Options options = intake_options;
      options.interactive = true;
      Intake stdin_intake(&store, &parser, RealClock::Get(), options);
      auto summary = stdin_intake.AcceptStream(
          std::cin, stdin_format == "csv" ? v1::INPUT_FORMAT_CSV : v1::INPUT_FORMAT_JSON_LINES, "stdin");
      if (!summary.ok()) {
        Log(LogLevel::kError, "stdin_failed", {{"code", absl::StatusCodeToString(summary.status().code())}});
      } else {
        Log(LogLevel::kInfo, "stdin_ended",
            {{"records", static_cast<unsigned long long>(summary->records)},
             {"quarantined", static_cast<unsigned long long>(summary->quarantined)}});
      }
      stdin_done = true;
    });
  }
  if (const int fd = absl::GetFlag(FLAGS_ready_fd); fd >= 0) {
    const std::string line = absl::StrCat(webhook ? webhook->port() : 0, "\n");
    if (::write(fd, line.data(), line.size()) < 0) Log(LogLevel::kWarning, "ready_fd_write_failed");
    ::close(fd);
  }
  Log(LogLevel::kInfo, "adapter_started", {{"adapter", parser.name()},
                                           {"pending", static_cast<unsigned long long>(store.PendingCount())}});
  int exit_code = 0;
  const absl::Duration interval = absl::GetFlag(FLAGS_scan_interval);
  while (!stop.HasBeenNotified()) {
    size_t files = 0;
    if (drop) {
      auto scanned = drop->ScanOnce();
      if (!scanned.ok()) {
        Log(LogLevel::kError, "drop_dir_failed", {{"code", absl::StatusCodeToString(scanned.status().code())}});
      } else {
        files = *scanned;
      }
    }
    if (absl::GetFlag(FLAGS_exit_when_idle) && stdin_done && files == 0 && store.PendingCount() == 0) break;
    stop.WaitForNotificationWithTimeout(files > 0 ? absl::ZeroDuration() : interval);
  }
  if (webhook) webhook->Stop();
  deliverer.Stop();
  if (!stop.HasBeenNotified()) {
    stop.Notify();
    pthread_kill(signal_thread.native_handle(), SIGTERM);  // release the signal thread
  }
  signal_thread.join();
  if (stdin_thread.joinable()) {
    if (!stdin_done) {
      stdin_thread.detach();  // blocked reading a terminal: the process exits anyway
    } else {
      stdin_thread.join();
    }
  }
  const v1::Counters counters = store.counters();
  Log(LogLevel::kInfo, "adapter_stopped",
      {{"accepted", static_cast<unsigned long long>(counters.accepted())},
       {"delivered", static_cast<unsigned long long>(counters.delivered())},
       {"retried", static_cast<unsigned long long>(counters.retried())},
       {"quarantined", static_cast<unsigned long long>(counters.quarantined())},
       {"pending", static_cast<unsigned long long>(store.PendingCount())}});
  return exit_code;
}

int Quarantine(const RecordParser& parser, const AdapterTraits& traits, AdapterStore& store,
               const std::vector<char*>& args) {
  const std::string program(traits.program);
  const std::string verb = args.size() > 2 ? args[2] : "list";
  if (verb == "list") {
    auto items = store.Quarantined(100000);
    if (!items.ok()) return Fail(program, items.status());
    for (const QuarantineItem& item : *items) {
      std::cout << item.id << "\t" << item.entry.record().origin() << "\t" << item.entry.reason() << "\n";
    }
    std::cerr << items->size() << " quarantined\n";
    return 0;
  }
  if (verb == "show") {
    uint64_t id = 0;
    if (args.size() != 4 || !absl::SimpleAtoi(args[3], &id)) {
      return Fail(program, absl::InvalidArgumentError("quarantine show: give one entry id"));
    }
    auto item = store.GetQuarantined(id);
    if (!item.ok()) return Fail(program, item.status());
    if (!item->has_value()) return Fail(program, absl::NotFoundError(absl::StrCat("quarantine: no entry ", id)));
    std::cout << ToJson((*item)->entry) << "\n";
    return 0;
  }
  if (verb == "replay") {
    std::vector<uint64_t> ids;
    if (args.size() == 4 && std::string(args[3]) == "--all") {
      auto items = store.Quarantined(1000000);
      if (!items.ok()) return Fail(program, items.status());
      for (const QuarantineItem& item : *items) ids.push_back(item.id);
    } else {
      for (size_t i = 3; i < args.size(); ++i) {
        uint64_t id = 0;
        if (!absl::SimpleAtoi(args[i], &id)) {
          return Fail(program, absl::InvalidArgumentError("quarantine replay: entry ids, or --all"));
        }
        ids.push_back(id);
      }
    }
    if (ids.empty()) return Fail(program, absl::InvalidArgumentError("quarantine replay: entry ids, or --all"));
    size_t spooled = 0, still = 0;
    for (uint64_t id : ids) {
      auto item = store.GetQuarantined(id);
      if (!item.ok()) return Fail(program, item.status());
      if (!item->has_value()) return Fail(program, absl::NotFoundError(absl::StrCat("quarantine: no entry ", id)));
      absl::StatusOr<AcceptedRecord> result;
      if ((*item)->entry.action().call_case() != v1::Action::CALL_NOT_SET) {
        result = store.ReplayAction(id, absl::Now());
      } else {
        result = store.Replay(id, ParseRaw(parser, (*item)->entry.record(), absl::Now()), absl::Now());
      }
      if (!result.ok()) return Fail(program, result.status());
      if (result->quarantined) {
        ++still;
        std::cout << id << "\tstill quarantined\t" << result->reason << "\n";
      } else {
        ++spooled;
        std::cout << id << "\tspooled\t" << result->actions << " action(s)\n";
      }
    }
    std::cerr << spooled << " spooled (delivered by the running adapter), " << still << " still quarantined\n";
    return still == 0 ? 0 : 1;
  }
  return Fail(program, absl::InvalidArgumentError("quarantine: list, show ID or replay ID...|--all"));
}

}  // namespace

int RunAdapterMain(int argc, char** argv, const RecordParser& parser, const AdapterTraits& traits) {
  const std::string program(traits.program);
  absl::SetProgramUsageMessage(absl::StrCat(
      "Feeds the Liaison broker from an agency system.\n\n  ", program,
      " run --state-dir=DIR --broker=HOST:PORT --ca-file=CA --cert-file=CERT --key-file=KEY [inputs]\n  ", program,
      " quarantine list|show ID|replay ID...|replay --all --state-dir=DIR\n  ", program,
      " status --state-dir=DIR\n  ", program, " ledger --state-dir=DIR\n\nSee docs/adapters/."));
  InstallVersionFlag(program);
  NormalizeFlagNames(argc, argv);
  std::vector<char*> args = absl::ParseCommandLine(argc, argv);
  const std::string level = absl::GetFlag(FLAGS_log_level);
  SetMinLogLevel(level == "debug"     ? LogLevel::kDebug
                 : level == "warning" ? LogLevel::kWarning
                 : level == "error"   ? LogLevel::kError
                                      : LogLevel::kInfo);
  if (args.size() < 2) {
    return Fail(program, absl::InvalidArgumentError("give a command: run, quarantine, status or ledger (--help)"));
  }
  const std::string command = args[1];
  if (command != "run" && command != "quarantine" && command != "status" && command != "ledger") {
    return Fail(program, absl::InvalidArgumentError(absl::StrCat("unknown command ", command,
                                                                 "; run, quarantine, status or ledger")));
  }
  const std::string state_dir = absl::GetFlag(FLAGS_state_dir);
  if (state_dir.empty()) return Fail(program, absl::InvalidArgumentError("--state-dir: is required"));
  auto store = AdapterStore::Open(state_dir);
  if (!store.ok()) return Fail(program, store.status());
  if (command == "run") {
    if (args.size() != 2) return Fail(program, absl::InvalidArgumentError("run: takes no arguments, only flags"));
    return Run(parser, traits, **store);
  }
  if (command == "quarantine") return Quarantine(parser, traits, **store, args);
  if (command == "status") {
    v1::Counters counters = (*store)->counters();
    std::cout << "{\"counters\":" << ToJson(counters) << ",\"pending\":" << (*store)->PendingCount()
              << ",\"in_quarantine\":" << (*store)->QuarantineCount() << "}\n";
    return 0;
  }
  auto ledger = (*store)->Ledger(10000000);
  if (!ledger.ok()) return Fail(program, ledger.status());
  for (const v1::LedgerEntry& entry : *ledger) std::cout << ToJson(entry) << "\n";
  return 0;
}

}  // namespace liaison::adapters
