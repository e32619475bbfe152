// Keeps the benchmark tools from rotting: liaison-loadgen for a second or
// two at a low fixed rate against a real broker (mutual TLS, the bench
// config and policy, port 0), and against liaison-noop-server. Every submit
// must be acknowledged and every alert delivered and acknowledged once.

#include <csignal>
#include <fstream>
#include <regex>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "gtest/gtest.h"
#include "tests/support/process.h"
#include "tests/support/test_env.h"

namespace liaison::testing {
namespace {

// The number after "key": (the first occurrence; histogram objects are
// looked up with their prefix, e.g. "e2e_latency_us":{"count").
double Field(const std::string& json, const std::string& key) {
  std::smatch match;
  const std::regex pattern("\"" + key + "\":(-?[0-9.]+)");
  if (!std::regex_search(json, match, pattern)) {
    ADD_FAILURE() << "no " << key << " in " << json;
    return -1;
  }
  return std::stod(match[1]);
}

// A histogram's field, e.g. Latency(json, "e2e", "p99").
double Latency(const std::string& json, const std::string& which, const std::string& key) {
  const size_t at = json.find("\"" + which + "_latency_us\":{");
  if (at == std::string::npos) return -1;
  return Field(json.substr(at, json.find('}', at) - at + 1), key);
}

void ExpectSaneHistogram(const std::string& json, const std::string& which, double count) {
  EXPECT_EQ(Latency(json, which, "count"), count) << which;
  EXPECT_GT(Latency(json, which, "p50"), 0) << which;
  EXPECT_LE(Latency(json, which, "p50"), Latency(json, which, "p99")) << which;
  EXPECT_LE(Latency(json, which, "p99"), Latency(json, which, "p999")) << which;
  EXPECT_LE(Latency(json, which, "p999"), Latency(json, which, "max")) << which;
  // A loopback call at 40/s taking over ten seconds is a hang, not latency.
  EXPECT_LT(Latency(json, which, "max"), 10e6) << which;
}

class LoadgenSmokeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = FreshDir("loadgen_smoke");
    std::ifstream in(SourceDir() + "/deploy/bench/broker.textproto");
    std::string config((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::ofstream(dir_ + "/broker.textproto")
        << absl::StrReplaceAll(config, {{"@BENCH_DIR@", SourceDir() + "/deploy/bench"}});
    BrokerProcess::Options options;
    options.binary = BrokerBinary();
    options.data_dir = dir_ + "/data";
    options.config = dir_ + "/broker.textproto";
    options.certs_dir = TrustedCertsDir();
    options.log_file = dir_ + "/broker.log";
    auto started = BrokerProcess::Start(options);
    ASSERT_TRUE(started.ok()) << started.status();
    broker_ = std::move(*started);
  }

  std::string Loadgen(const std::string& target, const std::vector<std::string>& flags) {
    std::vector<std::string> argv = {LIAISON_LOADGEN_BINARY, "--target=" + target, "--certs_dir=" + TrustedCertsDir(),
                                     "--index_size=200",     "--warmup_s=0",       "--drain_timeout_s=20"};
    argv.insert(argv.end(), flags.begin(), flags.end());
    CommandResult result = RunCommand(argv);
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.out.find('\n'), result.out.size() - 1) << "one line expected: " << result.out;
    return result.out;
  }

  std::string dir_;
  std::unique_ptr<BrokerProcess> broker_;
};

TEST_F(LoadgenSmokeTest, EveryCalloutIsAcknowledgedAndEveryAlertDelivered) {
  ASSERT_NE(broker_, nullptr);
  const std::string pid = absl::StrCat("--server_pid=", broker_->pid());
  const std::string e2e =
      Loadgen(broker_->target(), {"--load_index", "--scenario=e2e", "--rate=40", "--duration_s=1.5", pid});
  EXPECT_EQ(Field(e2e, "sent"), 60) << e2e;
  EXPECT_EQ(Field(e2e, "acked"), Field(e2e, "sent")) << e2e;
  EXPECT_EQ(Field(e2e, "errors"), 0) << e2e;
  EXPECT_EQ(Field(e2e, "dropped"), 0) << e2e;
  EXPECT_EQ(Field(e2e, "delivered"), Field(e2e, "acked")) << e2e;
  EXPECT_GT(Field(e2e, "message_bytes"), 800) << e2e;
  EXPECT_GT(Field(e2e, "server_cpu_us_per_msg"), 0) << e2e;
  EXPECT_GT(Field(e2e, "server_rss_mb"), 1) << e2e;
  ExpectSaneHistogram(e2e, "ack", Field(e2e, "acked"));
  ExpectSaneHistogram(e2e, "e2e", Field(e2e, "delivered"));

  const std::string fanout = Loadgen(broker_->target(), {"--scenario=fanout10", "--rate=20", "--duration_s=1", pid});
  EXPECT_EQ(Field(fanout, "acked"), 20) << fanout;
  EXPECT_EQ(Field(fanout, "delivered"), 10 * Field(fanout, "acked")) << fanout;
  ExpectSaneHistogram(fanout, "e2e", Field(fanout, "delivered"));
}

TEST_F(LoadgenSmokeTest, NoopServerAnswersEverySubmit) {
  const std::string log = dir_ + "/noop.log";
  auto noop = ServiceProcess::Start(
      {LIAISON_NOOP_SERVER_BINARY, "--listen=127.0.0.1:0", "--ready_fd=3", "--certs_dir=" + TrustedCertsDir()}, log);
  ASSERT_TRUE(noop.ok()) << noop.status();
  const std::string target = "127.0.0.1:" + std::string(absl::StripAsciiWhitespace((*noop)->ready_line()));
  const std::string json = Loadgen(target, {"--system=noop", "--rate=max", "--concurrency=8", "--duration_s=0.5"});
  EXPECT_GT(Field(json, "acked"), 0) << json;
  EXPECT_EQ(Field(json, "acked"), Field(json, "sent")) << json;
  EXPECT_EQ(Field(json, "errors"), 0) << json;
  ExpectSaneHistogram(json, "ack", Field(json, "acked"));
  EXPECT_EQ((*noop)->Stop(SIGTERM), 0);
}

}  // namespace
}  // namespace liaison::testing
