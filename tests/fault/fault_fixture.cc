#include "tests/fault/fault_fixture.h"

#include <fstream>

#include "absl/strings/str_replace.h"
#include "broker/common/proto_util.h"
#include "liaison/store/v1/records.pb.h"
#include "liaison/v1/alert.pb.h"
#include "liaison/v1/inbox_service.grpc.pb.h"
#include "tests/support/stopped_store.h"

namespace liaison::testing {

void FaultTest::UseFaultConfig(int ack_deadline_seconds,
                               std::vector<std::pair<std::string, std::string>> replacements) {
  const std::string demo = ReadFileOrEmpty(SourceDir() + "/deploy/demo/broker.textproto");
  replacements.insert(replacements.begin(),
                      {{"requests_per_second: 100\n", "requests_per_second: 1000000\n"},
                       {"request_burst: 200\n", "request_burst: 1000000\n"},
                       {"ack_deadline_seconds: 300\n", absl::StrCat("ack_deadline_seconds: ", ack_deadline_seconds, "\n")}});
  std::string config = demo;
  for (const auto& [from, to] : replacements) {
    ASSERT_NE(config.find(from), std::string::npos) << "the demo config no longer says " << from;
    config = absl::StrReplaceAll(config, {{from, to}});
  }
  config_ = dir_ + "/broker.textproto";
  std::ofstream(config_) << config;
}

void FaultTest::StartServing() {
  StartBroker();
  absl::MutexLock lock(&channel_mu_);
  channels_.clear();
  serving_ = broker_ != nullptr;
}

int FaultTest::StopServing(int signal) {
  {
    absl::MutexLock lock(&channel_mu_);
    serving_ = false;
    channels_.clear();
  }
  return broker_ == nullptr ? -1 : broker_->Stop(signal);
}

std::shared_ptr<grpc::Channel> FaultTest::Current(const std::string& who) {
  absl::MutexLock lock(&channel_mu_);
  if (!serving_) return nullptr;
  auto& channel = channels_[who];
  if (channel == nullptr) channel = Channel(who);
  return channel;
}

void FaultTest::LoadOffenders(const std::vector<TestOffender>& offenders) {
  for (const TestOffender& offender : offenders) {
    absl::Status status = UpsertOffender(Channel("probation-registry"), offender);
    ASSERT_TRUE(status.ok()) << status;
  }
}

std::set<std::string> FaultTest::InboxAlertIds(const std::string& recipient) {
  std::set<std::string> ids;
  auto stub = v1::Inbox::NewStub(Current("om-inbox"));
  v1::ListAlertsRequest request;
  request.set_recipient_id(recipient);
  request.set_include_acknowledged(true);
  request.set_page_size(1000);
  do {
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
    v1::ListAlertsResponse page;
    grpc::Status status = stub->ListAlerts(&ctx, request, &page);
    EXPECT_TRUE(status.ok()) << status.error_message();
    if (!status.ok()) break;
    for (const v1::Alert& alert : page.alerts()) ids.insert(alert.alert_id());
    request.set_after_sequence(page.next_after_sequence());
  } while (request.after_sequence() != 0);
  return ids;
}

std::optional<StoreCensus> FaultTest::CheckStopped(const std::string& when) {
  auto store = StoppedStore::Open(data_dir_);
  EXPECT_TRUE(store.ok()) << when << ": " << store.status();
  if (!store.ok()) return std::nullopt;
  auto census = CheckConsistency(**store);
  EXPECT_TRUE(census.ok()) << when << ": " << census.status();
  if (!census.ok()) return std::nullopt;
  return *std::move(census);
}

AlertsByRecipient FaultTest::AlertsOf(const std::set<std::string>& notification_ids) {
  AlertsByRecipient alerts;
  auto store = StoppedStore::Open(data_dir_);
  EXPECT_TRUE(store.ok()) << store.status();
  if (!store.ok()) return alerts;
  for (const std::string& id : notification_ids) {
    auto stored = (*store)->Get(storage::Table::kNotifications, id);
    EXPECT_TRUE(stored.ok() && stored->has_value()) << "notification " << id << " is not stored";
    if (!stored.ok() || !stored->has_value()) continue;
    auto notification = ParseStored<store::v1::StoredNotification>(**stored, "notification");
    EXPECT_TRUE(notification.ok()) << notification.status();
    if (!notification.ok()) continue;
    for (const std::string& alert_id : notification->alert_ids()) {
      auto stored_alert = (*store)->Get(storage::Table::kAlerts, alert_id);
      v1::Alert alert;
      EXPECT_TRUE(stored_alert.ok() && stored_alert->has_value() && alert.ParseFromString(**stored_alert))
          << "alert " << alert_id << " is not stored";
      alerts[alert.recipient_id()].insert(alert_id);
    }
  }
  return alerts;
}

}  // namespace liaison::testing
