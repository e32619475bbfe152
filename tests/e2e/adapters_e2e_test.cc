// All four agency adapters against a real broker, with the broker and each
// adapter killed (SIGKILL) mid-stream: every input record must end as
// exactly one notification or registry change per action, or a quarantine
// entry with a reason; none lost, none applied twice.

#include <signal.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "broker/audit/audit_log.h"
#include "broker/common/proto_util.h"
#include "broker/csv/csv_writer.h"
#include "broker/synth/population.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"
#include "liaison/adapters/v1/adapter.pb.h"
#include "liaison/store/v1/records.pb.h"
#include "tests/e2e/adapters_e2e.h"
#include "tests/e2e/e2e_fixture.h"
#include "tests/support/consistency.h"
#include "tests/support/stopped_store.h"

namespace liaison::testing {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr int kOffenders = 60;

class AdaptersE2eTest : public AdapterFleetTest {};

// Writes `lines` to DIR/NAME atomically (a dot-file renamed in), as an
// agency system must.
void Drop(const fs::path& dir, const std::string& name, const std::vector<std::string>& lines) {
  const fs::path hidden = dir / ("." + name);
  {
    std::ofstream out(hidden);
    for (const std::string& line : lines) out << line << "\n";
  }
  fs::rename(hidden, dir / name);
}

TEST_F(AdaptersE2eTest, EveryRecordBecomesExactlyOneChangeOrAQuarantineEntryThroughKillsOfBrokerAndAdapters) {
  auto population = synth::Population::Create(synth::PopulationOptions{});
  ASSERT_TRUE(population.ok());
  std::vector<v1::OffenderRecord> offenders;
  for (int i = 0; i < kOffenders; ++i) offenders.push_back(population->IndexPerson(i).record);
  const absl::Time now = absl::Now();
  Inputs inputs = MakeInputs(*population, offenders, now);

  StartBroker();
  ASSERT_NE(broker_, nullptr);
  const std::string listen = absl::StrCat("--listen=127.0.0.1:", broker_->port());
  MakeAdapters();

  // Round 1: every adapter starts on a full drop directory; the broker is
  // killed as they start, then each adapter is killed while it retries.
  for (Adapter& adapter : adapters_) {
    for (const auto& [name, lines] : inputs.files[adapter.name]) {
      if (absl::StrContains(name, "-1.")) Drop(adapter.drop, name, lines);
    }
  }
  for (Adapter& adapter : adapters_) StartAdapter(adapter);
  broker_->Stop(SIGKILL);
  for (Adapter& adapter : adapters_) KillAdapter(adapter, "the broker is down");

  // Round 2: the broker comes back on its port; adapters restart, more
  // files arrive, and the broker and then each adapter are killed again.
  RestartBroker(listen);
  for (Adapter& adapter : adapters_) StartAdapter(adapter);
  for (Adapter& adapter : adapters_) {
    for (const auto& [name, lines] : inputs.files[adapter.name]) {
      if (absl::StrContains(name, "-2.")) Drop(adapter.drop, name, lines);
    }
  }
  broker_->Stop(SIGKILL);
  RestartBroker(listen);
  for (Adapter& adapter : adapters_) {
    for (const auto& [name, lines] : inputs.files[adapter.name]) {
      if (absl::StrContains(name, "-3.")) Drop(adapter.drop, name, lines);
    }
    KillAdapter(adapter, "mid-stream");
  }

  // Round 3: each adapter runs until its inputs are accepted and its spool
  // is delivered, then exits by itself.
  for (Adapter& adapter : adapters_) RunUntilIdle(adapter);
  ASSERT_EQ(broker_->Stop(SIGTERM), 0);

  auto store = StoppedStore::Open(data_dir_);
  ASSERT_TRUE(store.ok()) << store.status();
  auto census = CheckConsistency(**store);
  ASSERT_TRUE(census.ok()) << census.status();

  // What the broker holds: notifications by (principal, source_ref), and
  // audit entries by change_ref.
  std::map<std::pair<std::string, std::string>, std::vector<std::string>> notifications;
  ASSERT_TRUE((*store)
                  ->Scan(storage::Table::kNotifications, "", "", false,
                         [&](absl::string_view, absl::string_view value) {
                           store::v1::StoredNotification stored;
                           EXPECT_TRUE(stored.ParseFromArray(value.data(), static_cast<int>(value.size())));
                           const v1::Notification& n = stored.notification();
                           notifications[{n.source().principal(), n.source_ref()}].push_back(n.notification_id());
                           return true;
                         })
                  .ok());
  // change_ref -> audit actions recorded under it (an upsert that changes
  // the offender manager records two: OFFENDER_UPSERTED, MANAGER_ALLOCATED).
  std::map<std::string, std::vector<int>> changes;
  ASSERT_TRUE((*store)
                  ->Scan(storage::Table::kAudit, "", "", false,
                         [&](absl::string_view, absl::string_view value) {
                           auto entry = audit::DecodeAuditRecord(value);
                           EXPECT_TRUE(entry.ok());
                           if (entry.ok() && !entry->change_ref().empty()) {
                             changes[absl::StrCat(entry->actor(), " ", entry->change_ref())].push_back(
                                 entry->action());
                           }
                           return true;
                         })
                  .ok());

  size_t notified = 0, changed = 0, quarantined = 0, other = 0;
  for (Adapter& adapter : adapters_) {
    SCOPED_TRACE(adapter.name);
    std::vector<adapters::v1::LedgerEntry> ledger = Ledger(adapter);
    // Every input record has an outcome: records by origin (FILE:LINE).
    std::set<std::string> origins;
    for (const auto& entry : ledger) origins.insert(entry.origin());
    std::set<std::string> expected_origins;
    for (const auto& [name, lines] : inputs.files[adapter.name]) {
      const bool csv = absl::EndsWith(name, ".csv");
      for (size_t i = csv ? 1 : 0; i < lines.size(); ++i) {
        expected_origins.insert(absl::StrCat("drop:", name, ":", i + 1));
      }
    }
    EXPECT_EQ(origins, expected_origins);
    for (const auto& entry : ledger) {
      SCOPED_TRACE(entry.origin());
      switch (entry.outcome()) {
        case adapters::v1::OUTCOME_NOTIFIED: {
          ++notified;
          const auto& ids = notifications[{adapter.principal, entry.ref()}];
          ASSERT_EQ(ids.size(), 1u) << "notifications for " << entry.ref();
          EXPECT_EQ(ids[0], entry.notification_id());
          break;
        }
        case adapters::v1::OUTCOME_REGISTRY_CHANGED: {
          ++changed;
          // Applied once: at least one audit entry, and no action twice.
          const std::vector<int>& actions = changes[absl::StrCat(adapter.registry_principal, " ", entry.ref())];
          EXPECT_FALSE(actions.empty()) << "no audited change for " << entry.ref();
          EXPECT_EQ(std::set<int>(actions.begin(), actions.end()).size(), actions.size())
              << "a change applied twice: " << entry.ref();
          break;
        }
        case adapters::v1::OUTCOME_QUARANTINED:
          ++quarantined;
          EXPECT_TRUE(inputs.planted_bad.contains(entry.origin())) << "quarantined a good record";
          break;
        default:
          ++other;
          EXPECT_FALSE(inputs.planted_bad.contains(entry.origin()));
      }
    }
    // Each planted bad record is in quarantine with a reason naming a field
    // and no value from the record.
    std::map<std::string, std::string> reasons = QuarantineReasons(adapter);
    for (const std::string& origin : inputs.planted_bad) {
      if (!absl::StartsWith(origin, "drop:" + adapter.name)) continue;
      ASSERT_TRUE(reasons.contains(origin)) << origin;
      EXPECT_THAT(reasons[origin], HasSubstr(":"));
      for (const v1::OffenderRecord& offender : offenders) {
        EXPECT_THAT(reasons[origin], Not(HasSubstr(offender.name().family_name())));
      }
    }
  }
  // Nothing arrived that no ledger accounts for.
  size_t adapter_notifications = 0;
  for (const auto& [key, ids] : notifications) {
    for (const Adapter& adapter : adapters_) adapter_notifications += key.first == adapter.principal ? ids.size() : 0;
  }
  EXPECT_EQ(adapter_notifications, notified);
  std::cout << "adapters e2e: " << inputs.records << " input records in " << inputs.file_count
            << " files; outcomes: " << notified << " notifications, " << changed << " registry changes, "
            << other << " superseded/not in index/not relevant, " << quarantined
            << " quarantined (planted: " << inputs.planted_bad.size() << "); broker holds "
            << census->notifications << " notifications and " << census->audit_entries
            << " audit entries, consistent\n";
  EXPECT_EQ(quarantined, inputs.planted_bad.size());
}

}  // namespace
}  // namespace liaison::testing
