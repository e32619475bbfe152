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

class ConsumersTest : public FaultTest {
 protected:
  // Submits `count` callouts at a steady rate the healthy inboxes can keep
  // up with, waits until they have every alert, and returns their delivery
  // latencies for this phase. Samples the broker's RSS meanwhile.
  std::vector<absl::Duration> Phase(const std::string& prefix, int count, const std::vector<std::string>& pncs,
                                    std::vector<AlertSubscriber*> healthy, int64_t* rss_peak) {
    std::vector<size_t> before;
    for (AlertSubscriber* inbox : healthy) before.push_back(inbox->delivery_latencies().size());
    SubmitLoad load({.submitters = 4, .ref_prefix = prefix, .pncs = pncs, .rate_per_second = 25});
    load.Start(Current("police-adapter"));
    while (load.AwaitAcknowledged(count, absl::Milliseconds(500)) < size_t(count)) {
      *rss_peak = std::max(*rss_peak, ResidentKib(broker_->pid()));
    }
    load.Stop();
    EXPECT_TRUE(load.failures().empty()) << load.last_failure();
    std::vector<absl::Duration> latencies;
    for (size_t i = 0; i < healthy.size(); ++i) {
      EXPECT_TRUE(healthy[i]->AwaitAll(InboxAlertIds(healthy[i]->recipient_id()), absl::Seconds(60)).empty());
      const std::vector<absl::Duration> all = healthy[i]->delivery_latencies();
      latencies.insert(latencies.end(), all.begin() + before[i], all.end());
    }
    *rss_peak = std::max(*rss_peak, ResidentKib(broker_->pid()));
    return latencies;
  }
};

TEST_F(ConsumersTest, StalledAndVanishedConsumersHurtNobodyAndGetTheirAlertsBack) {
  const int submits = EnvInt("LIAISON_CONSUMERS_SUBMITS", 1500);
  UseFaultConfig(/*ack_deadline_seconds=*/2);
  StartServing();
  const TestOffender troubled = NumberedOffender(1, "N07P1001", "N07P1002");
  const TestOffender healthy = NumberedOffender(2, "N07P1003", "N07P1004");
  LoadOffenders({troubled, healthy});
  AlertSubscriber manager(InboxSource(), healthy.manager);
  AlertSubscriber co_worker(InboxSource(), healthy.co_worker);
  int64_t rss_baseline_peak = ResidentKib(broker_->pid());
  const std::vector<absl::Duration> baseline =
      Phase("BASE", submits, {troubled.pnc, healthy.pnc}, {&manager, &co_worker}, &rss_baseline_peak);

  // N07P1001 reads three alerts and then stops reading; N07P1002 reads five
  // and disconnects. Neither acknowledges anything.
  StalledConsumer stalled(Current("om-inbox"), troubled.manager, 3);
  StalledConsumer vanished(Current("om-inbox"), troubled.co_worker, 5);
  vanished.Close();
  ASSERT_EQ(stalled.seen().size(), 3u);
  ASSERT_EQ(vanished.seen().size(), 5u);
  const int64_t rss_before = ResidentKib(broker_->pid());
  int64_t rss_peak = rss_before;
  const absl::Time started = absl::Now();
  const std::vector<absl::Duration> latencies =
      Phase("LOAD", submits, {troubled.pnc, healthy.pnc}, {&manager, &co_worker}, &rss_peak);
  const absl::Duration load_time = absl::Now() - started;
  const absl::Duration base_p99 = Percentile(baseline, 0.99);
  const absl::Duration p50 = Percentile(latencies, 0.5), p99 = Percentile(latencies, 0.99);
  EXPECT_LT(p99, 2 * base_p99 + absl::Milliseconds(100)) << "healthy inboxes were slowed down";

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
  std::cout << "consumers: " << submits << " submits at 100/s with one inbox stalled and one vanished, in "
            << absl::FormatDuration(load_time) << "; healthy inboxes received " << latencies.size()
            << " alerts, delivery p50 " << absl::FormatDuration(p50) << " p99 " << absl::FormatDuration(p99)
            << " (without the faulty consumers: p50 " << absl::FormatDuration(Percentile(baseline, 0.5)) << " p99 "
            << absl::FormatDuration(base_p99) << "); the returning consumers got all "
            << troubled_alerts << " of theirs (" << stalled.seen().size() + vanished.seen().size()
            << " unacknowledged ones redelivered); broker RSS " << rss_baseline_peak / 1024 << " MiB peak without them, " << rss_before / 1024 << " MiB before, peak "
            << rss_peak / 1024 << " MiB, " << rss_after / 1024 << " MiB after" << std::endl;
  // The stalled stream holds at most max_in_flight alerts; nothing else is
  // kept per consumer. The memtables (write_buffer_mb: 64) fill as the run
  // goes on, so the bound is the peak without the faulty consumers plus
  // that budget.
  EXPECT_LT(rss_peak, rss_baseline_peak + 64 * 1024);
  manager.Stop();
  co_worker.Stop();
  stalled_back.Stop();
  vanished_back.Stop();
  ASSERT_EQ(StopServing(SIGTERM), 0);
  ASSERT_TRUE(CheckStopped("after the consumers test").has_value());
}

}  // namespace
}  // namespace liaison::testing
