#include "tests/support/metrics_scrape.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "httplib.h"

namespace liaison::testing {

absl::StatusOr<std::string> ScrapeMetrics(int port) {
  httplib::Client client("127.0.0.1", port);
  auto response = client.Get("/metrics");
  if (!response) return absl::UnavailableError(absl::StrCat("GET /metrics: ", httplib::to_string(response.error())));
  if (response->status != 200) return absl::UnavailableError(absl::StrCat("GET /metrics: HTTP ", response->status));
  return response->body;
}

double MetricSample(const std::string& text, const std::string& series) {
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    double value = 0;
    if (absl::ConsumePrefix(&line, series + " ") && absl::SimpleAtod(line, &value)) return value;
  }
  return -1;
}

}  // namespace liaison::testing
