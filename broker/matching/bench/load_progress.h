#ifndef LIAISON_BROKER_MATCHING_BENCH_LOAD_PROGRESS_H_
#define LIAISON_BROKER_MATCHING_BENCH_LOAD_PROGRESS_H_

// The progress display of a long index load on stderr. On a terminal one
// line is rewritten in place (records loaded, rate, time left); otherwise
// (a log file, a pipe) a line is written at each tenth of the way, so logs
// stay short. Not thread-safe: one loader reports.

#include <chrono>
#include <cstdint>
#include <ostream>
#include <string>

namespace liaison::matching::bench {

class LoadProgress {
 public:
  // `out` is not owned. `terminal`: rewrite one line with '\r'.
  LoadProgress(std::string label, int64_t total, std::ostream* out, bool terminal);

  // Reports `done` records loaded so far (non-decreasing).
  void Update(int64_t done);

  // Ends the display (a terminal's line is kept, followed by a newline).
  void Finish();

 private:
  std::string Line(int64_t done) const;

  const std::string label_;
  const int64_t total_;
  std::ostream* const out_;
  const bool terminal_;
  const std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_;
  int next_tenth_ = 1;
  size_t last_width_ = 0;
  int64_t done_ = 0;
};

}  // namespace liaison::matching::bench

#endif  // LIAISON_BROKER_MATCHING_BENCH_LOAD_PROGRESS_H_
