#ifndef LIAISON_BROKER_METRICS_REGISTRY_H_
#define LIAISON_BROKER_METRICS_REGISTRY_H_

#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "broker/metrics/metrics.h"

namespace liaison::metrics {

// Label names and values of one series, in the order they are written.
// Values must come from small fixed sets (agency kinds, decisions,
// priorities): never identifiers of people, alerts or recipients.
using Labels = std::vector<std::pair<std::string, std::string>>;

// The metrics of one process and their exposition in the Prometheus text
// format 0.0.4. Series are registered at start (a family is a name with
// HELP and TYPE; each labelled series is registered on its own, so the
// label sets are fixed and bounded by construction); updates then go to
// the returned objects without touching the registry. Thread-safe.
class Registry {
 public:
  Registry() = default;
  Registry(const Registry&) = delete;
  Registry& operator=(const Registry&) = delete;

  // Each registers one series of the family `name`, created with `help` by
  // its first series. The returned object lives as long as the registry.
  // REQUIRES (the process aborts naming the problem otherwise, as these are
  // programming errors): `name` matches [a-zA-Z_:][a-zA-Z0-9_:]*, label
  // names match [a-zA-Z_][a-zA-Z0-9_]* and are not "le", every series of a
  // family has the same type, and no two have the same labels.
  Counter* AddCounter(absl::string_view name, absl::string_view help, Labels labels = {});
  Gauge* AddGauge(absl::string_view name, absl::string_view help, Labels labels = {});
  Histogram* AddHistogram(absl::string_view name, absl::string_view help, std::vector<double> upper_bounds,
                          Labels labels = {});

  // Runs `collect` at the start of every Render, e.g. to set gauges from
  // state that is cheaper to read on a scrape than to track. Collectors of
  // concurrent Renders do not overlap.
  void AddCollector(std::function<void()> collect);

  // Runs the collectors and returns every family, in registration order, as
  // Prometheus text (content type "text/plain; version=0.0.4").
  std::string Render();

 private:
  enum class Type { kCounter, kGauge, kHistogram };
  struct Series {
    Labels labels;
    std::unique_ptr<Counter> counter;
    std::unique_ptr<Gauge> gauge;
    std::unique_ptr<Histogram> histogram;
  };
  struct Family {
    std::string name;
    std::string help;
    Type type;
    std::deque<Series> series;
  };

  Series* AddSeries(absl::string_view name, absl::string_view help, Type type, Labels labels)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  static void RenderFamily(const Family& family, std::string* out);

  absl::Mutex collect_mu_ ABSL_ACQUIRED_BEFORE(mu_);
  std::vector<std::function<void()>> collectors_ ABSL_GUARDED_BY(mu_);
  mutable absl::Mutex mu_;
  std::deque<Family> families_ ABSL_GUARDED_BY(mu_);
};

// The escaping of the text format: HELP text escapes \ and newline; label
// values also escape the double quote.
std::string EscapeHelp(absl::string_view help);
std::string EscapeLabelValue(absl::string_view value);
// A sample value as the text format writes it: integers without a
// fraction, "+Inf", "-Inf" and "NaN" by name.
std::string FormatValue(double value);

}  // namespace liaison::metrics

#endif  // LIAISON_BROKER_METRICS_REGISTRY_H_
