#ifndef LIAISON_TESTS_SUPPORT_METRICS_SCRAPE_H_
#define LIAISON_TESTS_SUPPORT_METRICS_SCRAPE_H_

// Reading a broker's Prometheus endpoint (--metrics-listen) in tests.

#include <string>

#include "absl/status/statusor.h"

namespace liaison::testing {

// GET /metrics on 127.0.0.1:`port`: the exposition text, or UNAVAILABLE
// naming the HTTP error or status.
absl::StatusOr<std::string> ScrapeMetrics(int port);

// The value of the sample `series` (its name and labels as rendered, e.g.
// `liaison_matches_total{decision="linked"}`) in `text`; -1 when absent.
double MetricSample(const std::string& text, const std::string& series);

}  // namespace liaison::testing

#endif  // LIAISON_TESTS_SUPPORT_METRICS_SCRAPE_H_
