// The crash loop: the broker SIGKILLed at random moments under load, with
// subscribers attached, a hundred times (LIAISON_CRASH_CYCLES).
#include <signal.h>

#include <iostream>
#include <random>

#include "tests/fault/fault_env.h"
#include "tests/fault/fault_fixture.h"

namespace liaison::testing {
namespace {

constexpr absl::Duration kDeliveryDeadline = absl::Seconds(60);

std::set<std::string> Ids(const std::map<std::string, std::string>& by_ref) {
  std::set<std::string> ids;
  for (const auto& [ref, id] : by_ref) ids.insert(id);
  return ids;
}

class CrashLoopTest : public FaultTest {};

// After every restart: every acknowledged notification is stored exactly
// once (resubmissions of calls the kill interrupted are idempotent), the
// store and its audit log verify, and every alert of every acknowledged
// notification reaches the subscribed inboxes.
TEST_F(CrashLoopTest, HundredKillsUnderLoadLoseNothingAcknowledged) {
  const int cycles = EnvInt("LIAISON_CRASH_CYCLES", 100);
  std::mt19937 random(20261123);
  UseFaultConfig();
  StartServing();
  const TestOffender offender = NumberedOffender(1, "N07P1001", "N07P1002");
  LoadOffenders({offender});
  AlertSubscriber manager(InboxSource(), offender.manager);
  AlertSubscriber co_worker(InboxSource(), offender.co_worker);
  SubmitLoad load({.submitters = 4, .ref_prefix = "CRASH", .pncs = {offender.pnc}});
  AlertsByRecipient expected_alerts;
  std::set<std::string> alerts_known_for;  // notifications whose alerts are in expected_alerts
  const absl::Time started = absl::Now();
  for (int cycle = 1; cycle <= cycles; ++cycle) {
    if (cycle > 1) StartServing();
    ASSERT_NE(broker_, nullptr);
    absl::Status resolved = load.ResolveUnresolved(Current("police-adapter"));
    ASSERT_TRUE(resolved.ok()) << "cycle " << cycle << ": " << resolved;
    for (AlertSubscriber* inbox : {&manager, &co_worker}) {
      const std::vector<std::string> missing =
          inbox->AwaitAll(expected_alerts[inbox->recipient_id()], kDeliveryDeadline);
      ASSERT_TRUE(missing.empty()) << "cycle " << cycle << ": " << missing.size() << " alerts never delivered, e.g. "
                                   << missing.front();
    }
    const size_t before = load.acknowledged_count();
    load.Start(Current("police-adapter"));
    load.AwaitAcknowledged(before + 5 + random() % 60);
    absl::SleepFor(absl::Microseconds(random() % 20000));  // the kill lands at a random point of a call
    ASSERT_EQ(StopServing(SIGKILL), 128 + SIGKILL);
    load.Stop();

    const std::string when = absl::StrCat("cycle ", cycle);
    std::optional<StoreCensus> census = CheckStopped(when);
    ASSERT_TRUE(census.has_value());
    const std::set<std::string> acknowledged = Ids(load.acknowledged());
    for (const std::string& id : acknowledged) ASSERT_TRUE(census->notification_ids.contains(id)) << when << " lost " << id;
    // At most the calls the kill interrupted may be stored unacknowledged.
    ASSERT_LE(census->notifications, acknowledged.size() + load.unresolved_count()) << when;
    std::set<std::string> fresh;
    for (const std::string& id : acknowledged) {
      if (!alerts_known_for.contains(id)) fresh.insert(id);
    }
    for (const auto& [recipient, alerts] : AlertsOf(fresh)) {
      ASSERT_TRUE(recipient == offender.manager || recipient == offender.co_worker) << "unfollowed " << recipient;
      expected_alerts[recipient].insert(alerts.begin(), alerts.end());
    }
    alerts_known_for.insert(fresh.begin(), fresh.end());
    if (cycle % 10 == 0 || cycle == cycles) {
      std::cout << "crash cycle " << cycle << "/" << cycles << ": " << acknowledged.size() << " acknowledged, "
                << census->notifications << " stored, " << census->audit_entries << " audit entries, "
                << load.unresolved_count() << " interrupted calls to resubmit, "
                << manager.duplicates() + co_worker.duplicates() << " duplicate deliveries so far" << std::endl;
    }
  }
  // The last kill's interrupted calls and alerts, after one more restart.
  StartServing();
  absl::Status resolved = load.ResolveUnresolved(Current("police-adapter"));
  ASSERT_TRUE(resolved.ok()) << resolved;
  ASSERT_EQ(StopServing(SIGTERM), 0);
  std::optional<StoreCensus> census = CheckStopped("after the last restart");  // also verifies the audit log
  ASSERT_TRUE(census.has_value());
  const std::map<std::string, std::string> acknowledged = load.acknowledged();
  const std::set<std::string> ids = Ids(acknowledged);
  // Exactly once: one stored notification per source ref, and no two refs
  // share one.
  EXPECT_EQ(ids.size(), acknowledged.size());
  EXPECT_EQ(census->notifications, acknowledged.size());
  AlertsByRecipient all_alerts = AlertsOf(ids);
  StartServing();
  size_t lost = 0;
  size_t alert_count = 0;
  for (AlertSubscriber* inbox : {&manager, &co_worker}) {
    alert_count += all_alerts[inbox->recipient_id()].size();
    lost += inbox->AwaitAll(all_alerts[inbox->recipient_id()], kDeliveryDeadline).size();
  }
  manager.Stop();
  co_worker.Stop();
  EXPECT_EQ(lost, 0u);
  const uint64_t duplicates = manager.duplicates() + co_worker.duplicates();
  const size_t delivered = manager.received().size() + co_worker.received().size();
  std::cout << "crash loop: " << cycles << " cycles in " << absl::ToInt64Seconds(absl::Now() - started) << " s, "
            << acknowledged.size() << " acknowledged, " << census->notifications << " stored (exactly once), "
            << alert_count << " alerts, " << delivered << " delivered, " << lost << " lost, " << duplicates
            << " duplicates delivered, " << manager.streams() + co_worker.streams() << " subscriptions, audit verified ("
            << census->audit_entries << " entries)" << std::endl;
}

}  // namespace
}  // namespace liaison::testing
