// Slow and vanished consumers: one inbox client stops reading without
// closing its stream, another disconnects; the other inboxes must not
// notice, the broker's memory must stay bounded, and the alerts the two
// left unacknowledged must be redelivered when they come back.
#include <signal.h>

#include <algorithm>
#include <iostream>

#include "liaison/v1/inbox_service.grpc.pb.h"
#include "tests/fault/fault_env.h"
#include "tests/fault/fault_fixture.h"

namespace liaison::testing {
namespace {

// A consumer that reads `reads` alerts without acknowledging them, then
// stops reading (the stream stays open until Close).
class StalledConsumer {
 public:
  StalledConsumer(const std::shared_ptr<grpc::Channel>& channel, const std::string& recipient, int reads)
      : stub_(v1::Inbox::NewStub(channel)) {
    v1::SubscribeRequest request;
    request.set_recipient_id(recipient);
    reader_ = stub_->Subscribe(&ctx_, request);
    v1::SubscribeResponse response;
    for (int i = 0; i < reads && reader_->Read(&response); ++i) {
      seen_.insert(response.alert().alert_id());
      last_sequence_ = std::max(last_sequence_, response.alert().sequence());
    }
  }
  // Disconnects (the client vanishes).
  void Close() {
    if (reader_ == nullptr) return;
    ctx_.TryCancel();
    reader_->Finish().IgnoreError();
    reader_.reset();
  }
  ~StalledConsumer() { Close(); }

  const std::set<std::string>& seen() const { return seen_; }
  uint64_t last_sequence() const { return last_sequence_; }

 private:
  std::unique_ptr<v1::Inbox::Stub> stub_;
  grpc::ClientContext ctx_;
  std::unique_ptr<grpc::ClientReader<v1::SubscribeResponse>> reader_;
  std::set<std::string> seen_;
  uint64_t last_sequence_ = 0;
};

absl::Duration Percentile(std::vector<absl::Duration> values, double p) {
  if (values.empty()) return absl::ZeroDuration();
  std::sort(values.begin(), values.end());
  return values[std::min(values.size() - 1, static_cast<size_t>(p * values.size()))];
}

class ConsumersTest : public FaultTest {};

TEST_F(ConsumersTest, StalledAndVanishedConsumersHurtNobodyAndGetTheirAlertsBack) {
  const int submits = EnvInt("LIAISON_CONSUMERS_SUBMITS", 4000);
  UseFaultConfig(/*ack_deadline_seconds=*/2);
  StartServing();
  const TestOffender troubled = NumberedOffender(1, "N07P1001", "N07P1002");
  const TestOffender healthy = NumberedOffender(2, "N07P1003", "N07P1004");
  LoadOffenders({troubled, healthy});
  const int64_t rss_before = ResidentKib(broker_->pid());

  // N07P1001 reads three alerts and then stops reading; N07P1002 reads five
  // and disconnects. Neither acknowledges anything.
  SubmitLoad warmup({.submitters = 1, .ref_prefix = "WARM", .pncs = {troubled.pnc}});
  warmup.Start(Current("police-adapter"));
  warmup.AwaitAcknowledged(30);
  warmup.Stop();
  StalledConsumer stalled(Current("om-inbox"), troubled.manager, 3);
  StalledConsumer vanished(Current("om-inbox"), troubled.co_worker, 5);
  vanished.Close();
  ASSERT_EQ(stalled.seen().size(), 3u);
  ASSERT_EQ(vanished.seen().size(), 5u);

  AlertSubscriber manager(InboxSource(), healthy.manager);
  AlertSubscriber co_worker(InboxSource(), healthy.co_worker);
  SubmitLoad load({.submitters = 4, .ref_prefix = "LOAD", .pncs = {troubled.pnc, healthy.pnc}});
  const absl::Time started = absl::Now();
  load.Start(Current("police-adapter"));
  int64_t rss_peak = rss_before;
  while (load.AwaitAcknowledged(std::min<size_t>(load.acknowledged_count() + 200, submits)) < size_t(submits)) {
    rss_peak = std::max(rss_peak, ResidentKib(broker_->pid()));
  }
  load.Stop();
  const absl::Duration load_time = absl::Now() - started;
  ASSERT_TRUE(load.failures().empty()) << load.last_failure();
  rss_peak = std::max(rss_peak, ResidentKib(broker_->pid()));

  // The healthy inboxes got everything, promptly.
  for (AlertSubscriber* inbox : {&manager, &co_worker}) {
    const std::set<std::string> all = InboxAlertIds(inbox->recipient_id());
    ASSERT_TRUE(inbox->AwaitAll(all, absl::Seconds(60)).empty()) << inbox->recipient_id();
  }
  std::vector<absl::Duration> latencies = manager.delivery_latencies();
  const std::vector<absl::Duration> more = co_worker.delivery_latencies();
  latencies.insert(latencies.end(), more.begin(), more.end());
  const absl::Duration p50 = Percentile(latencies, 0.5), p99 = Percentile(latencies, 0.99);
  EXPECT_LT(p99, absl::Seconds(1)) << "healthy inboxes were slowed down";

  // The two come back, resuming after the last alert they saw: every alert
  // of theirs arrives, the unacknowledged ones redelivered.
  stalled.Close();
  AlertSubscriber stalled_back(InboxSource(), troubled.manager, stalled.last_sequence());
  AlertSubscriber vanished_back(InboxSource(), troubled.co_worker, vanished.last_sequence());
  size_t troubled_alerts = 0;
  for (auto [back, before] : {std::pair{&stalled_back, &stalled}, std::pair{&vanished_back, &vanished}}) {
    std::set<std::string> all = InboxAlertIds(back->recipient_id());
    troubled_alerts += all.size();
    ASSERT_TRUE(before->seen().size() < all.size());
    const std::vector<std::string> missing = back->AwaitAll(all, absl::Seconds(60));
    EXPECT_TRUE(missing.empty()) << missing.size() << " alerts never came back to " << back->recipient_id();
  }
  const int64_t rss_after = ResidentKib(broker_->pid());
  std::cout << "consumers: " << load.acknowledged_count() << " submits in " << absl::FormatDuration(load_time)
            << " with one inbox stalled and one vanished; healthy inboxes received "
            << manager.received().size() + co_worker.received().size() << " alerts, delivery p50 "
            << absl::FormatDuration(p50) << " p99 " << absl::FormatDuration(p99) << "; the returning consumers got all "
            << troubled_alerts << " of theirs (" << stalled.seen().size() + vanished.seen().size()
            << " unacknowledged ones redelivered); broker RSS " << rss_before / 1024 << " MiB before, peak "
            << rss_peak / 1024 << " MiB, " << rss_after / 1024 << " MiB after" << std::endl;
  // The stalled stream holds at most max_in_flight alerts; nothing else is
  // kept per consumer. The bound is the store's (256 MiB cache, 64 MiB
  // memtables) plus gRPC and the process: well under 512 MiB.
  EXPECT_LT(rss_peak, 512 * 1024);
  manager.Stop();
  co_worker.Stop();
  stalled_back.Stop();
  vanished_back.Stop();
  ASSERT_EQ(StopServing(SIGTERM), 0);
  ASSERT_TRUE(CheckStopped("after the consumers test").has_value());
}

}  // namespace
}  // namespace liaison::testing
