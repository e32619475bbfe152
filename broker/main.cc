// liaison-broker: the Liaison daemon. Every flag is documented in
// docs/configuration.md; run with --help for the list.

#include <signal.h>
#include <unistd.h>

#include <cstdio>
#include <string>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/str_cat.h"
#include "broker/backup/backup.h"
#include "broker/common/build_info.h"
#include "broker/common/clock.h"
#include "broker/common/flag_names.h"
#include "broker/common/log.h"
#include "broker/common/sd_notify.h"
#include "broker/common/writable_dir.h"
#include "broker/core/broker_core.h"
#include "broker/metrics/allocator_stats.h"
#include "broker/metrics/http_server.h"
#include "broker/server/audit_config.h"
#include "broker/server/broker_server.h"
#include "broker/server/config_loader.h"
#include "broker/server/health_server.h"
#include "broker/storage/encrypting_kv_store.h"
#include "broker/storage/format_upgrade.h"
#include "broker/storage/keyring.h"
#include "broker/storage/rocksdb_kv_store.h"
#include "policy/loader.h"

ABSL_FLAG(std::string, listen, "127.0.0.1:7443", "Address to serve on (host:port; port 0 picks one)");
ABSL_FLAG(std::string, data_dir, "", "RocksDB data directory (created if missing)");
ABSL_FLAG(std::string, config, "", "Broker config file (liaison.config.v1.BrokerConfig textproto)");
ABSL_FLAG(std::string, tls_cert, "", "Server certificate chain (PEM)");
ABSL_FLAG(std::string, tls_key, "", "Server private key (PEM)");
ABSL_FLAG(std::string, tls_client_ca, "", "CA certificate(s) that client certificates must chain to (PEM)");
ABSL_FLAG(absl::Duration, tls_refresh_interval, absl::Seconds(60),
          "How often --tls-cert, --tls-key and --tls-client-ca are re-read for rotation (at least 1s)");
ABSL_FLAG(bool, insecure_dev, false,
          "Plaintext without client certificates, principal from the x-liaison-principal header. Loopback only; "
          "for local experiments, never for real data");
ABSL_FLAG(std::string, data_key_file, "",
          "Keys for encryption at rest (liaison.config.v1.KeyFile textproto, mode 0600; make one with "
          "`liaisonctl keys generate FILE`). Required unless --insecure-dev");
ABSL_FLAG(int, ready_fd, -1,
          "When >= 0: write the bound port and a newline to this descriptor once serving (with --metrics-listen, "
          "the metrics port and a newline follow on a second line)");
ABSL_FLAG(std::string, metrics_listen, "",
          "Serve Prometheus metrics (GET /metrics, plain HTTP, no authentication; counts and durations only, no "
          "personal data) on host:port; port 0 picks one; empty: off. docs/metrics.md");
ABSL_FLAG(std::string, log_level, "info", "debug, info, warning or error");
ABSL_FLAG(std::string, audit_signing_key, "",
          "Ed25519 private key (PEM, mode 0600) that signs audit checkpoints; overrides audit.signing_key_file");
ABSL_FLAG(absl::Duration, shutdown_grace, absl::Seconds(10), "How long SIGTERM waits for calls in progress");
ABSL_FLAG(std::string, health_listen, "",
          "When set (host:port): also serve grpc.health.v1 alone, in plaintext, on this address for probes that "
          "cannot do mutual TLS (Kubernetes grpc probes); no other service is reachable there");

namespace liaison {
namespace {

int Fail(absl::string_view what, const absl::Status& status) {
  std::fprintf(stderr, "liaison-broker: %s: %s\n", std::string(what).c_str(), status.ToString().c_str());
  return 1;
}

absl::Status SetLogLevel(const std::string& name) {
  if (name == "debug") return SetMinLogLevel(LogLevel::kDebug), absl::OkStatus();
  if (name == "info") return SetMinLogLevel(LogLevel::kInfo), absl::OkStatus();
  if (name == "warning") return SetMinLogLevel(LogLevel::kWarning), absl::OkStatus();
  if (name == "error") return SetMinLogLevel(LogLevel::kError), absl::OkStatus();
  return absl::InvalidArgumentError("--log-level: must be debug, info, warning or error");
}

// "PORT\n", then "METRICS_PORT\n" when metrics are served (readers of the
// first line alone are unaffected).
void SignalReady(int fd, int port, int metrics_port) {
  if (fd < 0) return;
  std::string line = absl::StrCat(port, "\n");
  if (metrics_port > 0) absl::StrAppend(&line, metrics_port, "\n");
  if (::write(fd, line.data(), line.size()) < 0) Log(LogLevel::kWarning, "ready_fd_write_failed");
  ::close(fd);
}

void ReloadPolicy(const config::v1::BrokerConfig& config, BrokerCore* core) {
  auto next = server::LoadConfiguredPolicy(config);
  if (!next.ok()) {
    const std::string origin = config.policy().file().empty()
                                   ? absl::StrCat("built-in (", policy::kBuiltInPolicyOrigin, ")")
                                   : config.policy().file();
    std::fprintf(stderr, "liaison-broker: policy reload refused, the policy in force stays: %s\n",
                 std::string(next.status().message()).c_str());
    absl::Status audited = core->RecordRejectedPolicy(origin, std::string(next.status().message()), "sighup");
    if (!audited.ok()) Log(LogLevel::kError, "policy_rejection_not_audited");
    return;
  }
  absl::StatusOr<std::string> version = core->ReloadPolicy(next->policy, next->origin, "sighup");
  if (!version.ok()) Log(LogLevel::kError, "policy_reload_failed", {{"code", absl::StatusCodeToString(version.status().code())}});
}

void ReloadKeys(const storage::KeyProvider& provider, storage::EncryptingKvStore* store) {
  auto keys = provider.Load();
  absl::Status set = keys.ok() ? store->SetKeys(*keys) : keys.status();
  if (!set.ok()) {
    std::fprintf(stderr, "liaison-broker: key file reload refused, the keys in force stay: %s\n",
                 std::string(set.message()).c_str());
    return;
  }
  Log(LogLevel::kInfo, "data_keys_reloaded", {{"active_key_id", (*keys)->active_id()}});
}

// Re-reads the config file and puts its principals (principals_file
// included) and revocation in force; on any error the access in force stays.
void ReloadAccess(const std::string& config_path, server::BrokerServer* server) {
  auto config = server::LoadBrokerConfig(config_path);
  absl::Status reloaded = config.ok() ? server->ReloadAccess(*config) : config.status();
  if (!reloaded.ok()) {
    std::fprintf(stderr, "liaison-broker: access reload refused, the principals and revocation in force stay: %s\n",
                 std::string(reloaded.message()).c_str());
  }
}

// The store's one memory bound, read at each scrape: how much of the
// block cache is charged (blocks, index and filters, and the memtables'
// reservation), how much of that is pinned, and the capacity. An operator
// sees whether resident memory still grows because the cache is filling.
void AddStoreCacheGauges(const storage::RocksKvStore* store, metrics::Registry* registry) {
  constexpr absl::string_view kName = "liaison_store_block_cache_bytes";
  constexpr absl::string_view kHelp =
      "The store's block cache: bytes charged (used), of which pinned, and its capacity (storage.block_cache_mb).";
  metrics::Gauge* used = registry->AddGauge(kName, kHelp, {{"state", "used"}});
  metrics::Gauge* pinned = registry->AddGauge(kName, kHelp, {{"state", "pinned"}});
  metrics::Gauge* capacity = registry->AddGauge(kName, kHelp, {{"state", "capacity"}});
  registry->AddCollector([store, used, pinned, capacity] {
    const storage::RocksKvStore::CacheUsage usage = store->cache_usage();
    used->Set(static_cast<double>(usage.usage));
    pinned->Set(static_cast<double>(usage.pinned));
    capacity->Set(static_cast<double>(usage.capacity));
  });
}

// Each table's sorted files and their size, read at each scrape. RocksDB
// keeps metadata in memory for every file, so a count that grows with the
// broker's age shows up as resident memory that does too (docs/faults.md).
void AddStoreFileGauges(const storage::RocksKvStore* store, metrics::Registry* registry) {
  std::vector<std::pair<metrics::Gauge*, metrics::Gauge*>> gauges;
  for (storage::Table table : storage::kAllTables) {
    const std::string name = storage::TableName(table);
    gauges.emplace_back(
        registry->AddGauge("liaison_store_table_files", "Sorted files on disk of one store table.", {{"table", name}}),
        registry->AddGauge("liaison_store_table_bytes", "Bytes on disk of one store table's sorted files.",
                           {{"table", name}}));
  }
  registry->AddCollector([store, gauges = std::move(gauges)] {
    const std::vector<storage::RocksKvStore::TableFiles> tables = store->table_files();
    for (size_t i = 0; i < tables.size() && i < gauges.size(); ++i) {
      gauges[i].first->Set(static_cast<double>(tables[i].files));
      gauges[i].second->Set(static_cast<double>(tables[i].bytes));
    }
  });
}

int Run() {
  absl::Status level = SetLogLevel(absl::GetFlag(FLAGS_log_level));
  if (!level.ok()) return Fail("flags", level);
  if (absl::GetFlag(FLAGS_data_dir).empty()) return Fail("flags", absl::InvalidArgumentError("--data-dir: is required"));
  if (absl::GetFlag(FLAGS_config).empty()) return Fail("flags", absl::InvalidArgumentError("--config: is required"));
  if (absl::GetFlag(FLAGS_shutdown_grace) < absl::ZeroDuration()) {
    return Fail("flags", absl::InvalidArgumentError("--shutdown-grace: must not be negative"));
  }

  auto config = server::LoadBrokerConfig(absl::GetFlag(FLAGS_config));
  if (!config.ok()) return Fail("config", config.status());
  storage::RocksKvStore::Options store_options;
  store_options.path = absl::GetFlag(FLAGS_data_dir);
  store_options.block_cache_bytes = uint64_t{config->storage().block_cache_mb()} << 20;
  store_options.write_buffer_bytes = uint64_t{config->storage().write_buffer_mb()} << 20;
  store_options.min_free_disk_bytes = uint64_t{config->storage().min_free_disk_mb()} << 20;
  store_options.max_open_files = static_cast<int>(config->storage().max_open_files());
  // A read-only mount or a full disk is named in words, before RocksDB's
  // own message about its LOCK file.
  absl::Status writable = CheckWritableDirectory(store_options.path, "--data-dir");
  if (!writable.ok()) return Fail("storage", writable);
  auto store = storage::RocksKvStore::Open(store_options);
  if (!store.ok()) return Fail("storage", store.status());
  // Encryption at rest wraps the store; without a key file (development
  // only) an encrypted directory is refused rather than misread.
  const std::string key_file = absl::GetFlag(FLAGS_data_key_file);
  storage::FileKeyProvider key_provider(key_file);
  std::unique_ptr<storage::EncryptingKvStore> encrypted;
  std::function<std::string(absl::string_view)> person_ref;
  storage::KvStore* kv = store->get();
  if (!key_file.empty()) {
    auto keys = key_provider.Load();
    if (!keys.ok()) return Fail("--data-key-file", keys.status());
    auto opened = storage::EncryptingKvStore::Open(store->get(), *keys);
    if (!opened.ok()) return Fail("storage", opened.status());
    encrypted = std::move(*opened);
    kv = encrypted.get();
    Log(LogLevel::kInfo, "encryption_at_rest", {{"active_key_id", (*keys)->active_id()}});
    // The audit log names people by a keyed hash, not their CRN.
    person_ref = [keys = *keys](absl::string_view crn) { return keys->PersonRef(crn); };
  } else if (!absl::GetFlag(FLAGS_insecure_dev)) {
    return Fail("flags", absl::InvalidArgumentError(
                             "--data-key-file: is required (encryption at rest); make one with `liaisonctl keys "
                             "generate FILE`"));
  } else {
    absl::Status plain = storage::EncryptingKvStore::CheckNotEncrypted(**store);
    if (!plain.ok()) return Fail("storage", plain);
    Log(LogLevel::kWarning, "encryption_at_rest_off");
  }

  if ((*store)->schema_version() < storage::kSchemaVersion) {
    auto upgraded = storage::UpgradeFormat(kv, (*store)->schema_version());
    if (!upgraded.ok()) return Fail("format upgrade", upgraded.status());
    Log(LogLevel::kInfo, "format_upgraded",
        {{"from", upgraded->from_version}, {"to", upgraded->to_version}, {"records", upgraded->records_written}});
  }

  BrokerCore::Options options;
  options.person_ref = person_ref;
  options.ingest.max_notification_bytes = config->limits().max_notification_bytes();
  options.ingest.max_batch_items = config->limits().max_batch_items();
  options.inbox.ack_deadline = absl::Seconds(config->inbox().ack_deadline_seconds());
  options.inbox.default_max_in_flight = config->inbox().default_max_in_flight();
  options.inbox.max_in_flight_limit = config->inbox().max_in_flight_limit();
  const config::v1::MatchingSettings& matching = config->matching();
  if (!matching.model_file().empty()) {
    auto model = matching::Model::FromFile(matching.model_file());
    if (!model.ok()) return Fail("config: matching.model_file", model.status());
    options.matching.model = *model;
  }
  options.matching.matcher.thresholds.set_auto_link_weight(matching.auto_link_weight());
  options.matching.matcher.thresholds.set_review_weight(matching.review_weight());
  options.matching.matcher.thresholds.set_ambiguity_margin(matching.ambiguity_margin());
  options.matching.matcher.candidates.max_per_key = matching.max_candidates_per_key();
  options.matching.matcher.candidates.max_candidates = matching.max_candidates();
  options.matching.matcher.max_scored = matching.max_scored_candidates();
  options.matching.unmatched_retention = absl::Hours(24) * matching.unmatched_retention_days();
  auto policy = server::LoadConfiguredPolicy(*config);
  if (!policy.ok()) return Fail("policy", policy.status());
  options.policy = policy->policy;
  options.policy_origin = policy->origin;
  auto audit = server::LoadAuditOptions(config->audit(), absl::GetFlag(FLAGS_audit_signing_key));
  if (!audit.ok()) return Fail("config", audit.status());
  options.audit = *std::move(audit);
  auto core = BrokerCore::Create(kv, RealClock::Get(), options);
  if (!core.ok()) return Fail("recovery", core.status());
  AddStoreCacheGauges(store->get(), &(*core)->metrics_registry());
  AddStoreFileGauges(store->get(), &(*core)->metrics_registry());
  metrics::AddAllocatorGauges(&(*core)->metrics_registry());

  server::ServerOptions server_options;
  server_options.listen_address = absl::GetFlag(FLAGS_listen);
  server_options.tls_cert_file = absl::GetFlag(FLAGS_tls_cert);
  server_options.tls_key_file = absl::GetFlag(FLAGS_tls_key);
  server_options.tls_client_ca_file = absl::GetFlag(FLAGS_tls_client_ca);
  server_options.tls_refresh_interval = absl::GetFlag(FLAGS_tls_refresh_interval);
  server_options.insecure_dev = absl::GetFlag(FLAGS_insecure_dev);
  server_options.config = *config;
  // Admin.Backup: the key file is read at each backup (it may have been
  // rotated since the start) to open and verify the copy.
  server_options.backup = [&](const std::string& destination) -> absl::StatusOr<v1::BackupResponse> {
    std::shared_ptr<const storage::Keyring> keys;
    if (!key_file.empty()) {
      auto loaded = key_provider.Load();
      if (!loaded.ok()) return loaded.status();
      keys = *std::move(loaded);
    }
    return backup::TakeBackup(store->get(), destination, std::move(keys));
  };
  auto server = server::BrokerServer::Start(core->get(), server_options);
  if (!server.ok()) return Fail("server", server.status());
  std::unique_ptr<metrics::HttpServer> metrics_server;
  if (const std::string metrics_listen = absl::GetFlag(FLAGS_metrics_listen); !metrics_listen.empty()) {
    auto started = metrics::HttpServer::Start(&(*core)->metrics_registry(), {metrics_listen, "--metrics-listen"});
    if (!started.ok()) return Fail("metrics", started.status());
    metrics_server = *std::move(started);
    Log(LogLevel::kInfo, "metrics_serving", {{"port", metrics_server->port()}});
  }
  std::unique_ptr<server::HealthServer> health;
  if (!absl::GetFlag(FLAGS_health_listen).empty()) {
    auto started = server::HealthServer::Start(absl::GetFlag(FLAGS_health_listen));
    if (!started.ok()) return Fail("server", started.status());
    health = *std::move(started);
  }
  (*core)->escalator().Start();
  (*core)->retention().Start();
  (*core)->index_compactor().Start();
  if ((*core)->checkpointer() != nullptr) (*core)->checkpointer()->Start();
  SignalReady(absl::GetFlag(FLAGS_ready_fd), (*server)->port(), metrics_server ? metrics_server->port() : 0);
  // Type=notify units start their dependants only now.
  if (absl::Status notified = NotifyServiceManager("READY=1\nSTATUS=serving"); !notified.ok()) {
    Log(LogLevel::kWarning, "sd_notify_failed", {{"code", absl::StatusCodeToString(notified.code())}});
  }

  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGHUP);
  int received = 0;
  // SIGHUP reloads the principals and revocation from the config file, the
  // policy and the key file (a rotated data key), each validated first (an
  // invalid one never replaces the one in force); SIGTERM and SIGINT stop.
  // TLS files are watched on their own (--tls-refresh-interval).
  while (sigwait(&signals, &received) == 0 && received == SIGHUP) {
    ReloadAccess(absl::GetFlag(FLAGS_config), server->get());
    ReloadPolicy(*config, core->get());
    if (encrypted != nullptr) ReloadKeys(key_provider, encrypted.get());
  }
  Log(LogLevel::kInfo, "shutting_down", {{"signal", received}});
  (void)NotifyServiceManager("STOPPING=1");
  if (health != nullptr) health->SetNotServing();
  (*core)->escalator().Stop();
  (*core)->retention().Stop();
  (*core)->index_compactor().Stop();
  (*server)->Shutdown(absl::GetFlag(FLAGS_shutdown_grace));
  metrics_server.reset();  // before the core whose registry it renders
  if (audit::Checkpointer* checkpointer = (*core)->checkpointer(); checkpointer != nullptr) {
    // A last checkpoint, so a clean stop leaves every entry signed for.
    checkpointer->Stop();
    if (!checkpointer->IssueNow().ok()) Log(LogLevel::kError, "final_audit_checkpoint_failed");
  }
  server->reset();
  health.reset();
  core->reset();
  encrypted.reset();
  store->reset();  // closes RocksDB cleanly
  Log(LogLevel::kInfo, "stopped");
  return 0;
}

}  // namespace
}  // namespace liaison

int main(int argc, char** argv) {
  // Block the shutdown signals before any thread starts, so every thread
  // inherits the mask and only sigwait in Run() receives them.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGHUP);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  signal(SIGPIPE, SIG_IGN);
  absl::SetProgramUsageMessage("The Liaison broker daemon. Example:\n  liaison-broker --data-dir=/var/lib/liaison "
                               "--config=broker.textproto --tls-cert=server.pem --tls-key=server.key "
                               "--tls-client-ca=ca.pem");
  liaison::InstallVersionFlag("liaison-broker");
  liaison::NormalizeFlagNames(argc, argv);
  absl::ParseCommandLine(argc, argv);
  return liaison::Run();
}
