// Crash safety through the real broker binary: SIGKILL at the worst moments,
// then the data directory is inspected directly and the broker restarted.
#include <signal.h>

#include <iostream>
#include <random>

#include "broker/audit/audit_log.h"
#include "broker/common/proto_time.h"
#include "broker/common/proto_util.h"
#include "tests/support/stopped_store.h"
#include "liaison/store/v1/records.pb.h"
#include "liaison/v1/inbox_service.grpc.pb.h"
#include "liaison/v1/ingest_service.grpc.pb.h"
#include "liaison/v1/registry_service.grpc.pb.h"
#include "tests/e2e/e2e_fixture.h"
#include "tests/support/broker_load.h"
#include "tests/support/consistency.h"

namespace liaison::testing {
namespace {

constexpr char kPnc[] = "1979/0163001B";

class CrashTest : public E2eTest {
 protected:
  void LoadOffender() {
    v1::UpsertOffenderRequest upsert;
    v1::OffenderRecord* record = upsert.mutable_offender();
    record->set_crn("X100001");
    record->mutable_name()->set_family_name("Ashworth");
    record->mutable_name()->set_given_names("Dean");
    record->set_date_of_birth("1985-03-02");
    v1::Identifier* id = record->add_identifiers();
    id->set_type(v1::IDENTIFIER_TYPE_PNC);
    id->set_value(kPnc);
    record->mutable_offender_manager()->set_staff_code("N07P1001");
    record->mutable_co_worker()->set_staff_code("N07P1002");
    // What the shipped policy shares a domestic abuse callout on.
    record->set_area_code("N07");
    record->add_registrations("ADVP");
    record->set_status(v1::SUPERVISION_STATUS_COMMUNITY_ORDER);
    grpc::ClientContext ctx;
    v1::UpsertOffenderResponse response;
    ASSERT_TRUE(v1::Registry::NewStub(Channel("probation-registry"))->UpsertOffender(&ctx, upsert, &response).ok());
  }

  std::unique_ptr<StoppedStore> OpenStopped() {
    auto store = StoppedStore::Open(data_dir_);
    EXPECT_TRUE(store.ok()) << store.status();
    return store.ok() ? std::move(*store) : nullptr;
  }
};

TEST_F(CrashTest, KilledRightAfterAnAcknowledgedSubmitTheNotificationItsAlertsAndAuditSurvive) {
  StartBroker();
  LoadOffender();
  const v1::SubmitRequest request = Callout("CRASH-1", kPnc);
  v1::SubmitResponse submitted;
  ASSERT_TRUE(SubmitWithDeadline(*v1::Ingest::NewStub(Channel("police-adapter")), request, &submitted).ok());
  ASSERT_EQ(broker_->Stop(SIGKILL), 128 + SIGKILL);

  {
    auto store = OpenStopped();
    ASSERT_NE(store, nullptr);
    auto stored = store->Get(storage::Table::kNotifications, submitted.notification_id()).value();
    ASSERT_TRUE(stored.has_value()) << "the acknowledged notification is gone";
    auto notification = ParseStored<store::v1::StoredNotification>(*stored, "notification").value();
    EXPECT_EQ(notification.alert_ids_size(), 2);
    audit::AuditFilter filter;
    filter.notification_id = submitted.notification_id();
    auto entries = audit::AuditLog(store.get()).Query(filter).value().entries;
    ASSERT_EQ(entries.size(), 4u);  // accepted, match, routing x 2
    EXPECT_EQ(entries[0].action(), v1::AUDIT_ACTION_NOTIFICATION_ACCEPTED);
    auto census = CheckConsistency(*store);
    ASSERT_TRUE(census.ok()) << census.status();
  }

  StartBroker();
  grpc::ClientContext ctx;
  v1::ListAlertsRequest list;
  list.set_recipient_id("N07P1001");
  v1::ListAlertsResponse alerts;
  ASSERT_TRUE(v1::Inbox::NewStub(Channel("om-inbox"))->ListAlerts(&ctx, list, &alerts).ok());
  ASSERT_EQ(alerts.alerts_size(), 1);
  EXPECT_EQ(alerts.alerts(0).notification_id(), submitted.notification_id());
  v1::SubmitResponse again;
  grpc::Status resubmitted = SubmitWithDeadline(*v1::Ingest::NewStub(Channel("police-adapter")), request, &again);
  ASSERT_TRUE(resubmitted.ok()) << resubmitted.error_message();
  EXPECT_TRUE(again.duplicate());
  EXPECT_EQ(again.notification_id(), submitted.notification_id());
}

// Several submitters run flat out; the broker is killed after a random
// number of acknowledgements, restarted, killed again... Every acknowledged
// notification must be there, and nothing may be half-written.
TEST_F(CrashTest, KillsUnderLoadNeverLoseAnAcknowledgedNotificationOrLeaveAHalfWrittenOne) {
  constexpr int kCycles = 5;
  std::mt19937 random(20261122);
  StartBroker();
  LoadOffender();
  SubmitLoad load({.submitters = 4, .ref_prefix = "LOAD", .pncs = {kPnc}});
  for (int cycle = 0; cycle < kCycles; ++cycle) {
    if (cycle > 0) StartBroker();
    load.Start(Channel("police-adapter"));
    load.AwaitAcknowledged(load.acknowledged_count() + 10 + random() % 40);
    broker_->Stop(SIGKILL);  // while the submitters are mid-flight
    load.Stop();

    auto store = OpenStopped();
    ASSERT_NE(store, nullptr);
    auto census = CheckConsistency(*store);
    ASSERT_TRUE(census.ok()) << "cycle " << cycle << ": " << census.status();
    for (const auto& [ref, id] : load.acknowledged()) {
      ASSERT_TRUE(census->notification_ids.contains(id)) << "cycle " << cycle << " lost " << id;
    }
    std::cout << "crash cycle " << cycle + 1 << " of " << kCycles << ": SIGKILL after " << load.acknowledged_count()
              << " acknowledged submits in all; the store holds " << census->notifications << " notifications, "
              << census->alerts << " alerts, " << census->audit_entries
              << " audit entries, every acknowledged one present, all consistent" << std::endl;
  }
}

}  // namespace
}  // namespace liaison::testing
