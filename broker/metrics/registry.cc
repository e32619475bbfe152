#include "broker/metrics/registry.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace liaison::metrics {
namespace {

[[noreturn]] void Die(absl::string_view what, absl::string_view name) {
  std::fprintf(stderr, "metrics registry: %s: %.*s\n", std::string(what).c_str(), static_cast<int>(name.size()),
               name.data());
  std::abort();
}

bool ValidName(absl::string_view name, bool allow_colon) {
  if (name.empty()) return false;
  for (size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    const bool ok =
        absl::ascii_isalpha(c) || c == '_' || (allow_colon && c == ':') || (i > 0 && absl::ascii_isdigit(c));
    if (!ok) return false;
  }
  return true;
}

const char* TypeName(int type) {
  static const char* const kNames[] = {"counter", "gauge", "histogram"};
  return kNames[type];
}

// {a="x",b="y"} with `extra` (already formatted, e.g. le="0.5") last; empty
// when there is nothing to write.
std::string LabelText(const Labels& labels, absl::string_view extra = "") {
  if (labels.empty() && extra.empty()) return "";
  std::string text = "{";
  for (const auto& [name, value] : labels) {
    if (text.size() > 1) text += ",";
    absl::StrAppend(&text, name, "=\"", EscapeLabelValue(value), "\"");
  }
  if (!extra.empty()) absl::StrAppend(&text, text.size() > 1 ? "," : "", extra);
  return text + "}";
}

}  // namespace

std::string EscapeHelp(absl::string_view help) {
  std::string out;
  for (char c : help) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

std::string EscapeLabelValue(absl::string_view value) {
  std::string out;
  for (char c : value) {
    if (c == '"') {
      out += "\\\"";
    } else if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

std::string FormatValue(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
  if (value == std::floor(value) && std::fabs(value) < 1e15) return absl::StrFormat("%.0f", value);
  return absl::StrFormat("%.15g", value);
}

Registry::Series* Registry::AddSeries(absl::string_view name, absl::string_view help, Type type, Labels labels) {
  if (!ValidName(name, /*allow_colon=*/true)) Die("invalid metric name", name);
  for (const auto& [label, value] : labels) {
    if (!ValidName(label, /*allow_colon=*/false) || label == "le") Die("invalid label name", label);
  }
  Family* family = nullptr;
  for (Family& f : families_) {
    if (f.name == name) family = &f;
  }
  if (family == nullptr) {
    family = &families_.emplace_back(Family{std::string(name), std::string(help), type, {}});
  } else if (family->type != type) {
    Die("series of one family with different types", name);
  }
  for (const Series& s : family->series) {
    if (s.labels == labels) Die("series registered twice", name);
  }
  Series& series = family->series.emplace_back();
  series.labels = std::move(labels);
  return &series;
}

Counter* Registry::AddCounter(absl::string_view name, absl::string_view help, Labels labels) {
  absl::MutexLock lock(&mu_);
  Series* series = AddSeries(name, help, Type::kCounter, std::move(labels));
  series->counter = std::make_unique<Counter>();
  return series->counter.get();
}

Gauge* Registry::AddGauge(absl::string_view name, absl::string_view help, Labels labels) {
  absl::MutexLock lock(&mu_);
  Series* series = AddSeries(name, help, Type::kGauge, std::move(labels));
  series->gauge = std::make_unique<Gauge>();
  return series->gauge.get();
}

Histogram* Registry::AddHistogram(absl::string_view name, absl::string_view help, std::vector<double> upper_bounds,
                                  Labels labels) {
  for (size_t i = 0; i < upper_bounds.size(); ++i) {
    if (!std::isfinite(upper_bounds[i]) || (i > 0 && upper_bounds[i] <= upper_bounds[i - 1])) {
      Die("histogram bounds must be finite and strictly increasing", name);
    }
  }
  absl::MutexLock lock(&mu_);
  Series* series = AddSeries(name, help, Type::kHistogram, std::move(labels));
  series->histogram = std::make_unique<Histogram>(std::move(upper_bounds));
  return series->histogram.get();
}

void Registry::AddCollector(std::function<void()> collect) {
  absl::MutexLock lock(&mu_);
  collectors_.push_back(std::move(collect));
}

std::string Registry::Render() {
  absl::MutexLock collecting(&collect_mu_);
  std::vector<std::function<void()>> collectors;
  {
    absl::MutexLock lock(&mu_);
    collectors = collectors_;
  }
  for (const auto& collect : collectors) collect();  // outside mu_: they may be slow
  std::string out;
  absl::MutexLock lock(&mu_);
  for (const Family& family : families_) RenderFamily(family, &out);
  return out;
}

void Registry::RenderFamily(const Family& family, std::string* out) {
  const std::string& name = family.name;
  absl::StrAppend(out, "# HELP ", name, " ", EscapeHelp(family.help), "\n");
  absl::StrAppend(out, "# TYPE ", name, " ", TypeName(static_cast<int>(family.type)), "\n");
  for (const Series& series : family.series) {
    switch (family.type) {
      case Type::kCounter:
        absl::StrAppend(out, name, LabelText(series.labels), " ", series.counter->value(), "\n");
        break;
      case Type::kGauge:
        absl::StrAppend(out, name, LabelText(series.labels), " ", FormatValue(series.gauge->value()), "\n");
        break;
      case Type::kHistogram: {
        const Histogram::Snapshot snapshot = series.histogram->Read();
        for (size_t i = 0; i < snapshot.upper_bounds.size(); ++i) {
          const std::string le = absl::StrCat("le=\"", FormatValue(snapshot.upper_bounds[i]), "\"");
          absl::StrAppend(out, name, "_bucket", LabelText(series.labels, le), " ", snapshot.cumulative_counts[i], "\n");
        }
        absl::StrAppend(out, name, "_bucket", LabelText(series.labels, "le=\"+Inf\""), " ", snapshot.count, "\n");
        absl::StrAppend(out, name, "_sum", LabelText(series.labels), " ", FormatValue(snapshot.sum), "\n");
        absl::StrAppend(out, name, "_count", LabelText(series.labels), " ", snapshot.count, "\n");
        break;
      }
    }
  }
}

}  // namespace liaison::metrics
