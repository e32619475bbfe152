// Data safety through the real binaries (docs/data-safety.md): the
// data-directory lock, the format upgrade of a checked-in format-1
// directory, and an online backup taken under load then restored.
#include <atomic>
#include <iostream>
#include <filesystem>
#include <map>
#include <thread>

#include "absl/strings/match.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "broker/common/proto_time.h"
#include "broker/storage/format_upgrade.h"
#include "broker/storage/rocksdb_kv_store.h"
#include "liaison/v1/ingest_service.grpc.pb.h"
#include "liaison/v1/registry_service.grpc.pb.h"
#include "tests/e2e/e2e_fixture.h"
#include "tests/support/consistency.h"
#include "tests/support/stopped_store.h"

namespace liaison::testing {
namespace {

namespace fs = std::filesystem;

constexpr char kPnc[] = "2012/0052494Q";

v1::SubmitRequest Callout(int ref) {
  v1::SubmitRequest request;
  v1::Notification* n = request.mutable_notification();
  n->set_source_ref(absl::StrCat("LOAD-", ref));
  *n->mutable_occurred_at() = ToProtoTime(absl::Now() - absl::Hours(2));
  n->set_classification(v1::CLASSIFICATION_OFFICIAL_SENSITIVE);
  v1::Identifier* id = n->mutable_subject()->add_identifiers();
  id->set_type(v1::IDENTIFIER_TYPE_PNC);
  id->set_value(kPnc);
  n->mutable_subject()->mutable_name()->set_given_names("Rowan");
  n->mutable_subject()->mutable_name()->set_family_name("Pemberton");
  n->mutable_subject()->set_date_of_birth("1981-07-14");
  n->mutable_police_callout()->set_incident_type(v1::CALLOUT_INCIDENT_TYPE_DOMESTIC_ABUSE);
  n->mutable_police_callout()->set_summary("attended; both parties spoken to");
  return request;
}

class DataSafetyTest : public E2eTest {
 protected:
  void LoadOffender() {
    v1::UpsertOffenderRequest upsert;
    v1::OffenderRecord* record = upsert.mutable_offender();
    record->set_crn("X200002");
    record->mutable_name()->set_family_name("Pemberton");
    record->mutable_name()->set_given_names("Rowan");
    record->set_date_of_birth("1981-07-14");
    v1::Identifier* id = record->add_identifiers();
    id->set_type(v1::IDENTIFIER_TYPE_PNC);
    id->set_value(kPnc);
    record->mutable_offender_manager()->set_staff_code("N07P1001");
    record->set_area_code("N07");
    record->add_registrations("ADVP");
    record->set_status(v1::SUPERVISION_STATUS_COMMUNITY_ORDER);
    grpc::ClientContext ctx;
    v1::UpsertOffenderResponse response;
    const grpc::Status status = v1::Registry::NewStub(Channel("probation-registry"))->UpsertOffender(&ctx, upsert, &response);
    ASSERT_TRUE(status.ok()) << status.error_message();
  }

  // The broker on `data_dir` in development mode (encryption at rest off:
  // the format-1 fixture is plaintext).
  absl::StatusOr<std::unique_ptr<ServiceProcess>> StartPlaintextBroker(const std::string& data_dir) {
    return ServiceProcess::Start({BrokerBinary(), "--insecure-dev", "--listen=127.0.0.1:0", "--data-dir=" + data_dir,
                                  "--config=" + config_, "--ready-fd=3", "--shutdown-grace=1s"},
                                 dir_ + "/plain-broker.log");
  }
};

TEST_F(DataSafetyTest, ASecondBrokerOnTheSameDataDirectoryIsRefusedWithAClearMessage) {
  StartBroker();
  BrokerProcess::Options options;
  options.binary = BrokerBinary();
  options.data_dir = data_dir_;
  options.config = config_;
  options.certs_dir = certs_;
  options.log_file = dir_ + "/second.log";
  auto second = BrokerProcess::Start(options);
  ASSERT_FALSE(second.ok()) << "a second broker started on a directory in use";
  EXPECT_TRUE(absl::StrContains(second.status().message(),
                                absl::StrCat("data directory ", data_dir_, " is in use by another process")))
      << second.status();
  // The first still serves.
  EXPECT_EQ(Ctl("auditor", {"policy", "show"}).exit_code, 0);
}

TEST_F(DataSafetyTest, TheFormat1FixtureIsUpgradedAndItsDataSurvives) {
  const std::string data = dir_ + "/format-v1";
  fs::copy(SourceDir() + "/tests/fixtures/format-v1", data, fs::copy_options::recursive);
  {
    auto before = storage::RocksKvStore::Open({.path = data});
    ASSERT_TRUE(before.ok()) << before.status();
    ASSERT_EQ((*before)->schema_version(), 1);
  }
  auto broker = StartPlaintextBroker(data);
  ASSERT_TRUE(broker.ok()) << broker.status();
  const std::string target = "--target=127.0.0.1:" + (*broker)->ready_line();
  CommandResult inbox = RunCommand({CtlBinary(), "--insecure-dev", target, "--principal=spiffe://liaison.dev/om-inbox",
                                    "inbox", "list", "--recipient=N07P1001"});
  EXPECT_EQ(inbox.exit_code, 0) << inbox.err;
  EXPECT_TRUE(absl::StrContains(inbox.out, "alr_")) << inbox.out;
  ASSERT_EQ((*broker)->Stop(SIGTERM), 0);
  EXPECT_TRUE(absl::StrContains(ReadFileOrEmpty(dir_ + "/plain-broker.log"), "format_upgraded"));

  auto after = storage::RocksKvStore::Open({.path = data, .read_only = true});
  ASSERT_TRUE(after.ok()) << after.status();
  EXPECT_EQ((*after)->schema_version(), storage::kSchemaVersion);
  auto census = CheckConsistency(**after);  // includes: every notification has its received-time entry
  ASSERT_TRUE(census.ok()) << census.status();
  EXPECT_EQ(census->notifications, 5u);  // the fixture's five stories
  EXPECT_GE(census->alerts, 4u);
  EXPECT_GT(census->audit_entries, 20u);
}

TEST_F(DataSafetyTest, ANewerFormatIsRefusedNamingBothVersions) {
  const std::string data = dir_ + "/newer";
  fs::copy(SourceDir() + "/tests/fixtures/format-v1", data, fs::copy_options::recursive);
  {
    auto store = storage::RocksKvStore::Open({.path = data});
    ASSERT_TRUE(store.ok()) << store.status();
    ASSERT_TRUE((*store)->Write({{storage::Table::kMeta, storage::kSchemaVersionKey, "7"}}, true).ok());
  }
  auto broker = StartPlaintextBroker(data);
  ASSERT_FALSE(broker.ok());
  EXPECT_TRUE(absl::StrContains(broker.status().message(), "has format version 7; this build reads format versions 1 to 2"))
      << broker.status();
}

// Four submitters run flat out; a backup is taken mid-load; the broker is
// stopped and the backup restored into a new directory. Every notification
// acknowledged before the Backup call started is in it, and it verifies.
TEST_F(DataSafetyTest, ABackupUnderLoadRestoresEveryNotificationAcknowledgedBeforeIt) {
  StartBroker();
  LoadOffender();
  absl::Mutex mu;
  std::map<std::string, absl::Time> acked;  // notification id -> when acknowledged
  std::atomic<int> next_ref{0};
  std::atomic<bool> stop{false};
  std::atomic<int> failures{0};
  std::vector<std::thread> submitters;
  for (int t = 0; t < 4; ++t) {
    submitters.emplace_back([&, channel = Channel("police-adapter")] {
      auto stub = v1::Ingest::NewStub(channel);
      while (!stop.load()) {
        grpc::ClientContext ctx;
        ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
        v1::SubmitResponse response;
        if (stub->Submit(&ctx, Callout(next_ref++), &response).ok()) {
          absl::MutexLock lock(&mu);
          acked[response.notification_id()] = absl::Now();
        } else {
          ++failures;
        }
      }
    });
  }
  // False when the load stalls (every submit failing) rather than hang.
  auto acked_at_least = [&](size_t n) {
    absl::MutexLock lock(&mu);
    auto enough = [&] { return acked.size() >= n; };
    return mu.AwaitWithTimeout(absl::Condition(&enough), absl::Seconds(60));
  };
  if (!acked_at_least(60)) {
    stop = true;
    for (std::thread& t : submitters) t.join();
    FAIL() << "the load stalled; failed submits: " << failures.load();
  }
  const std::string backup = dir_ + "/backup";
  const absl::Time backup_started = absl::Now();
  CommandResult taken = Ctl("operator", {"--timeout=120s", "backup", backup});
  ASSERT_EQ(taken.exit_code, 0) << taken.err;
  EXPECT_TRUE(absl::StrContains(taken.out, "data key ids needed")) << taken.out;
  size_t acked_by_backup = 0;
  {
    absl::MutexLock lock(&mu);
    acked_by_backup = acked.size();
  }
  EXPECT_TRUE(acked_at_least(acked_by_backup + 40));  // the load goes on after the backup
  stop = true;
  for (std::thread& t : submitters) t.join();

  // Not while a broker runs on the target.
  CommandResult refused = RunCommand({CtlBinary(), "restore", backup, "--data-dir=" + data_dir_, "--force",
                                      "--data-key-file=" + data_dir_ + ".keys"});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_TRUE(absl::StrContains(refused.err, "is in use by another process")) << refused.err;
  ASSERT_EQ(broker_->Stop(SIGTERM), 0);

  const std::string restored = dir_ + "/restored";
  CommandResult restore = RunCommand({CtlBinary(), "restore", backup, "--data-dir=" + restored,
                                      "--data-key-file=" + data_dir_ + ".keys"});
  ASSERT_EQ(restore.exit_code, 0) << restore.err;
  EXPECT_TRUE(absl::StrContains(restore.out, "audit log verifies")) << restore.out;
  fs::copy_file(data_dir_ + ".keys", restored + ".keys");

  std::set<std::string> in_backup;
  {
    auto store = StoppedStore::Open(restored);
    ASSERT_TRUE(store.ok()) << store.status();
    auto census = CheckConsistency(**store);
    ASSERT_TRUE(census.ok()) << census.status();
    in_backup = census->notification_ids;
  }
  size_t before = 0, missing = 0;
  {
    absl::MutexLock lock(&mu);
    for (const auto& [id, when] : acked) {
      if (when < backup_started) {
        ++before;
        missing += in_backup.contains(id) ? 0 : 1;
      }
    }
  }
  std::cout << "acknowledged before the backup: " << before << ", in the backup: " << in_backup.size()
            << ", acknowledged in all: " << acked.size() << "\n";
  EXPECT_GE(before, 60u);
  EXPECT_EQ(missing, 0u) << "acknowledged before the backup started but not in it";
  // The 40 acknowledged after the backup returned cannot all be in it (at
  // most the 4 in flight at the checkpoint can): it is a point in time.
  EXPECT_LT(in_backup.size(), acked.size());

  // The restored directory serves.
  data_dir_ = restored;
  StartBroker();
  grpc::ClientContext ctx;
  v1::SubmitResponse response;
  EXPECT_TRUE(v1::Ingest::NewStub(Channel("police-adapter"))->Submit(&ctx, Callout(1000000), &response).ok());
}

}  // namespace
}  // namespace liaison::testing
