// The real liaison-broker with --metrics-listen: a scrape over HTTP shows
// the submissions, matches, alerts and backlog the broker just handled, and
// none of the people's details.
#include <set>

#include "gmock/gmock.h"
#include "google/protobuf/util/json_util.h"
#include "httplib.h"
#include "liaison/v1/alert.pb.h"
#include "liaison/v1/ingest_service.pb.h"
#include "liaison/v1/notification.pb.h"
#include "tests/e2e/ctl_json.h"
#include "tests/e2e/e2e_fixture.h"
#include "tests/support/metrics_scrape.h"

namespace liaison::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class MetricsE2eTest : public E2eTest {
 protected:
  void SetUp() override {
    E2eTest::SetUp();
    demo_ = dir_ + "/demo";
    CommandResult generated = RunCommand({DemoDataBinary(), "--out=" + demo_, "--people=300"});
    ASSERT_EQ(generated.exit_code, 0) << generated.err;
    BrokerProcess::Options options;
    options.binary = BrokerBinary();
    options.data_dir = data_dir_;
    options.config = config_;
    options.certs_dir = certs_;
    options.log_file = dir_ + "/broker.log";
    options.extra_flags = {"--metrics-listen=127.0.0.1:0"};
    auto started = BrokerProcess::Start(options);
    ASSERT_TRUE(started.ok()) << started.status();
    broker_ = std::move(*started);
    ASSERT_GT(broker_->metrics_port(), 0) << "no metrics port on the ready pipe";
    CommandResult loaded = Ctl("probation-registry", {"offenders", "load", demo_ + "/offenders.csv"});
    ASSERT_EQ(loaded.exit_code, 0) << loaded.out << loaded.err;
  }

  std::string Scrape() {
    absl::StatusOr<std::string> text = ScrapeMetrics(broker_->metrics_port());
    EXPECT_TRUE(text.ok()) << text.status();
    return text.ok() ? *text : "";
  }

  std::vector<v1::Alert> Unacknowledged(const std::string& recipient) {
    CommandResult r = Ctl("om-inbox", {"--json", "inbox", "list", "--recipient=" + recipient});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return ParseJsonLines<v1::Alert>(r.out);
  }

  std::string demo_;
};

TEST_F(MetricsE2eTest, AScrapeCountsTheWorkAndHoldsNoPersonalData) {
  // Story 1 (demo_data): a police callout for an offender, told to N07P1001.
  const std::string file = demo_ + "/stories/story1-police-callout.json";
  v1::Notification notification;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(ReadFileOrEmpty(file), &notification).ok()) << file;
  for (int i = 0; i < 2; ++i) {  // the second is a duplicate
    CommandResult r = Ctl("police-adapter", {"--json", "submit", file});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  const std::vector<v1::Alert> pending = Unacknowledged("N07P1001");
  ASSERT_FALSE(pending.empty());

  std::string text = Scrape();
  EXPECT_EQ(MetricSample(text, "liaison_submissions_total{agency=\"police\",result=\"accepted\"}"), 1) << text;
  EXPECT_EQ(MetricSample(text, "liaison_submissions_total{agency=\"police\",result=\"duplicate\"}"), 1);
  EXPECT_EQ(MetricSample(text, "liaison_matches_total{decision=\"linked\"}"), 1);
  EXPECT_GE(MetricSample(text, "liaison_unacked_alerts"), static_cast<double>(pending.size()));
  EXPECT_GT(MetricSample(text, "liaison_store_write_seconds_count"), 0);
  // The demo config's storage.block_cache_mb (256); the memtables' reservation
  // and the pinned L0 index and filter blocks are charged to it from the start.
  EXPECT_EQ(MetricSample(text, "liaison_store_block_cache_bytes{state=\"capacity\"}"), 256.0 * 1024 * 1024);
  EXPECT_GT(MetricSample(text, "liaison_store_block_cache_bytes{state=\"used\"}"), 0);
  EXPECT_LE(MetricSample(text, "liaison_store_block_cache_bytes{state=\"pinned\"}"),
            MetricSample(text, "liaison_store_block_cache_bytes{state=\"used\"}"));
  // Every table's file count and size on disk, by its name (never a key).
  EXPECT_GE(MetricSample(text, "liaison_store_table_files{table=\"audit\"}"), 0) << text;
  EXPECT_GE(MetricSample(text, "liaison_store_table_bytes{table=\"offenders\"}"), 0);
  EXPECT_EQ(MetricSample(text, "liaison_store_table_files{table=\"no_such_table\"}"), -1);
#ifdef LIAISON_BROKER_ON_JEMALLOC
  // The allocator's account of the heap (broker/metrics/allocator_stats.h).
  const double allocated = MetricSample(text, "liaison_heap_bytes{state=\"allocated\"}");
  EXPECT_GT(allocated, 0) << "no heap gauges from a broker linked with jemalloc";
  EXPECT_LE(allocated, MetricSample(text, "liaison_heap_bytes{state=\"active\"}"));
  EXPECT_LE(MetricSample(text, "liaison_heap_bytes{state=\"active\"}"),
            MetricSample(text, "liaison_heap_bytes{state=\"resident\"}"));
  EXPECT_GE(MetricSample(text, "liaison_heap_bytes{state=\"retained\"}"), 0);
  const double thread_cached = MetricSample(text, "liaison_heap_bytes{state=\"thread_cached\"}");
  EXPECT_GE(thread_cached, 0) << "no thread cache gauge";
  EXPECT_LE(thread_cached, allocated);
  // broker/allocator_conf.cc took effect (jemalloc's defaults are 10 s and
  // 32 KiB).
  EXPECT_EQ(MetricSample(text, "liaison_heap_dirty_decay_seconds"), 1.0);
  EXPECT_EQ(MetricSample(text, "liaison_heap_thread_cache_max_bytes"), 4096.0);
#endif
  double alerts = 0;
  for (const char* priority : {"immediate", "same_day", "routine", "unspecified"}) {
    alerts += MetricSample(text, std::string("liaison_alerts_created_total{priority=\"") + priority + "\"}");
  }
  EXPECT_GE(alerts, static_cast<double>(pending.size()));

  CommandResult ack = Ctl("om-inbox", {"inbox", "ack", "--recipient=N07P1001", pending[0].alert_id()});
  ASSERT_EQ(ack.exit_code, 0) << ack.err;
  text = Scrape();
  EXPECT_EQ(MetricSample(text, "liaison_alert_ack_seconds_count"), 1);

  // Nothing that names or identifies anyone.
  std::set<std::string> personal = {notification.source_ref(), notification.subject().name().given_names(),
                                    notification.subject().name().family_name(), notification.subject().date_of_birth(),
                                    "N07P1001"};
  for (const v1::Identifier& id : notification.subject().identifiers()) personal.insert(id.value());
  for (const v1::Alert& alert : pending) {
    personal.insert(alert.crn());
    personal.insert(alert.alert_id());
    personal.insert(alert.notification_id());
  }
  personal.erase("");
  for (const std::string& value : personal) EXPECT_THAT(text, Not(HasSubstr(value))) << value;

  httplib::Client client("127.0.0.1", broker_->metrics_port());
  auto other = client.Get("/");
  ASSERT_TRUE(other);
  EXPECT_EQ(other->status, 404);
}

}  // namespace
}  // namespace liaison::testing
