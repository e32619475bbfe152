#include "broker/metrics/registry.h"

#include <limits>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace liaison::metrics {
namespace {

TEST(RegistryTest, RendersTheTextFormat) {
  Registry registry;
  Counter* police = registry.AddCounter("x_submissions_total", "Submitted", {{"agency", "police"}});
  Counter* prison =
      registry.AddCounter("x_submissions_total", "ignored: the family has its help", {{"agency", "prison"}});
  Gauge* depth = registry.AddGauge("x_depth", "Queue depth");
  Histogram* latency = registry.AddHistogram("x_latency_seconds", "Latency", {0.005, 0.5, 2}, {{"kind", "a"}});
  police->Increment(3);
  prison->Increment();
  depth->Set(7);
  latency->Observe(0.001);
  latency->Observe(0.25);
  latency->Observe(9);
  EXPECT_EQ(registry.Render(),
            "# HELP x_submissions_total Submitted\n"
            "# TYPE x_submissions_total counter\n"
            "x_submissions_total{agency=\"police\"} 3\n"
            "x_submissions_total{agency=\"prison\"} 1\n"
            "# HELP x_depth Queue depth\n"
            "# TYPE x_depth gauge\n"
            "x_depth 7\n"
            "# HELP x_latency_seconds Latency\n"
            "# TYPE x_latency_seconds histogram\n"
            "x_latency_seconds_bucket{kind=\"a\",le=\"0.005\"} 1\n"
            "x_latency_seconds_bucket{kind=\"a\",le=\"0.5\"} 2\n"
            "x_latency_seconds_bucket{kind=\"a\",le=\"2\"} 2\n"
            "x_latency_seconds_bucket{kind=\"a\",le=\"+Inf\"} 3\n"
            "x_latency_seconds_sum{kind=\"a\"} 9.251\n"
            "x_latency_seconds_count{kind=\"a\"} 3\n");
}

TEST(RegistryTest, HistogramWithoutLabelsHasOnlyLe) {
  Registry registry;
  registry.AddHistogram("h", "H", {1})->Observe(1);
  EXPECT_THAT(registry.Render(), ::testing::HasSubstr("h_bucket{le=\"1\"} 1\nh_bucket{le=\"+Inf\"} 1\nh_sum 1\n"
                                                      "h_count 1\n"));
}

TEST(RegistryTest, EscapesHelpAndLabelValues) {
  Registry registry;
  registry.AddCounter("c_total", "a \\ b\nc \"q\"", {{"l", "x\"y\\z\nw"}});
  EXPECT_EQ(registry.Render(),
            "# HELP c_total a \\\\ b\\nc \"q\"\n"
            "# TYPE c_total counter\n"
            "c_total{l=\"x\\\"y\\\\z\\nw\"} 0\n");
}

TEST(RegistryTest, CollectorsRunBeforeEachRender) {
  Registry registry;
  Gauge* gauge = registry.AddGauge("g", "G");
  int runs = 0;
  registry.AddCollector([&] { gauge->Set(++runs * 1.5); });
  EXPECT_THAT(registry.Render(), ::testing::HasSubstr("\ng 1.5\n"));
  EXPECT_THAT(registry.Render(), ::testing::HasSubstr("\ng 3\n"));
  EXPECT_EQ(runs, 2);
}

TEST(FormatValueTest, IntegersFractionsAndSpecials) {
  EXPECT_EQ(FormatValue(0), "0");
  EXPECT_EQ(FormatValue(-4), "-4");
  EXPECT_EQ(FormatValue(0.0025), "0.0025");
  EXPECT_EQ(FormatValue(123456.789), "123456.789");
  EXPECT_EQ(FormatValue(std::numeric_limits<double>::infinity()), "+Inf");
  EXPECT_EQ(FormatValue(-std::numeric_limits<double>::infinity()), "-Inf");
  EXPECT_EQ(FormatValue(std::numeric_limits<double>::quiet_NaN()), "NaN");
}

TEST(RegistryDeathTest, RefusesBadNamesAndDuplicates) {
  Registry registry;
  registry.AddCounter("ok_total", "x", {{"a", "1"}});
  EXPECT_DEATH(registry.AddCounter("1bad", "x"), "invalid metric name");
  EXPECT_DEATH(registry.AddCounter("ok2", "x", {{"le", "1"}}), "invalid label name");
  EXPECT_DEATH(registry.AddCounter("ok_total", "x", {{"a", "1"}}), "registered twice");
  EXPECT_DEATH(registry.AddGauge("ok_total", "x", {{"a", "2"}}), "different types");
  EXPECT_DEATH(registry.AddHistogram("h", "x", {2, 1}), "strictly increasing");
}

}  // namespace
}  // namespace liaison::metrics
