#ifndef LIAISON_BROKER_COMMON_LOG_H_
#define LIAISON_BROKER_COMMON_LOG_H_

#include <initializer_list>
#include <string>
#include <utility>

#include "absl/strings/string_view.h"

namespace liaison {

enum class LogLevel { kDebug, kInfo, kWarning, kError };

// One key/value of a structured log line. Values must never be personal
// data: log ids, counts, codes and durations only.
struct LogField {
  LogField(absl::string_view k, absl::string_view v) : key(k), value(v), quoted(true) {}
  LogField(absl::string_view k, const char* v) : key(k), value(v), quoted(true) {}
  LogField(absl::string_view k, const std::string& v) : key(k), value(v), quoted(true) {}
  LogField(absl::string_view k, long long v);
  LogField(absl::string_view k, unsigned long long v);
  LogField(absl::string_view k, int v) : LogField(k, static_cast<long long>(v)) {}
  LogField(absl::string_view k, long v) : LogField(k, static_cast<long long>(v)) {}
  LogField(absl::string_view k, unsigned v) : LogField(k, static_cast<unsigned long long>(v)) {}
  LogField(absl::string_view k, unsigned long v) : LogField(k, static_cast<unsigned long long>(v)) {}
  LogField(absl::string_view k, bool v) : key(k), value(v ? "true" : "false"), quoted(false) {}

  std::string key;
  std::string value;
  bool quoted;
};

// Writes one JSON object per line to stderr:
//   {"ts":"2026-11-22T10:00:00.000000Z","level":"info","event":"...",...}
// Thread-safe: a line is written with one call.
void Log(LogLevel level, absl::string_view event, std::initializer_list<LogField> fields = {});

// Lines below `level` are dropped. Default kInfo.
void SetMinLogLevel(LogLevel level);

}  // namespace liaison

#endif  // LIAISON_BROKER_COMMON_LOG_H_
