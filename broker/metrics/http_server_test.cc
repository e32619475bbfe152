#include "broker/metrics/http_server.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "httplib.h"

namespace liaison::metrics {
namespace {

using ::testing::HasSubstr;

TEST(HttpServerTest, ServesMetricsOnAPickedPortAnd404Elsewhere) {
  Registry registry;
  registry.AddCounter("t_total", "T")->Increment(4);
  auto server = HttpServer::Start(&registry, {"127.0.0.1:0"});
  ASSERT_TRUE(server.ok()) << server.status();
  ASSERT_GT((*server)->port(), 0);
  httplib::Client client("127.0.0.1", (*server)->port());
  auto metrics = client.Get("/metrics");
  ASSERT_TRUE(metrics) << httplib::to_string(metrics.error());
  EXPECT_EQ(metrics->status, 200);
  EXPECT_THAT(metrics->get_header_value("Content-Type"), HasSubstr("version=0.0.4"));
  EXPECT_THAT(metrics->body, HasSubstr("t_total 4\n"));
  auto other = client.Get("/other");
  ASSERT_TRUE(other);
  EXPECT_EQ(other->status, 404);
  auto post = client.Post("/metrics", "x", "text/plain");
  ASSERT_TRUE(post);
  EXPECT_EQ(post->status, 405);
}

TEST(HttpServerTest, RefusesMalformedAddressesNamingTheFlag) {
  Registry registry;
  for (const char* bad : {"", "127.0.0.1", "127.0.0.1:x", ":9464", "127.0.0.1:70000", "[::1:5"}) {
    auto server = HttpServer::Start(&registry, {bad});
    EXPECT_EQ(server.status().code(), absl::StatusCode::kInvalidArgument) << bad;
    EXPECT_THAT(server.status().message(), HasSubstr("--metrics-listen")) << bad;
  }
}

TEST(HttpServerTest, PortInUseIsUnavailable) {
  Registry registry;
  auto first = HttpServer::Start(&registry, {"127.0.0.1:0"});
  ASSERT_TRUE(first.ok()) << first.status();
  auto second = HttpServer::Start(&registry, {"127.0.0.1:" + std::to_string((*first)->port())});
  EXPECT_EQ(second.status().code(), absl::StatusCode::kUnavailable);
}

}  // namespace
}  // namespace liaison::metrics
