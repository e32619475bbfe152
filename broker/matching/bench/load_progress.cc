#include "broker/matching/bench/load_progress.h"

#include <utility>

#include "absl/strings/str_format.h"
#include "absl/time/time.h"
#include "broker/matching/bench/bench_format.h"

namespace liaison::matching::bench {
namespace {

// A terminal's line is redrawn at most this often.
constexpr std::chrono::milliseconds kRedrawInterval(200);

}  // namespace

LoadProgress::LoadProgress(std::string label, int64_t total, std::ostream* out, bool terminal)
    : label_(std::move(label)),
      total_(total),
      out_(out),
      terminal_(terminal),
      start_(std::chrono::steady_clock::now()),
      last_draw_(start_) {}

std::string LoadProgress::Line(int64_t done) const {
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  const double rate = seconds > 0 ? static_cast<double>(done) / seconds : 0;
  const double percent = total_ > 0 ? 100.0 * static_cast<double>(done) / static_cast<double>(total_) : 100;
  std::string eta = "-";
  if (rate > 0) eta = FormatEta(absl::Seconds(static_cast<double>(total_ - done) / rate));
  return absl::StrFormat("%s: %s / %s records (%.0f%%), %s records/s, ETA %s", label_, FormatCount(done),
                         FormatCount(total_), percent, FormatCount(static_cast<int64_t>(rate)), eta);
}

void LoadProgress::Update(int64_t done) {
  done_ = done;
  if (!terminal_) {
    if (total_ <= 0 || done * 10 < next_tenth_ * total_) return;
    while (next_tenth_ <= 10 && done * 10 >= next_tenth_ * total_) ++next_tenth_;
    *out_ << Line(done) << "\n" << std::flush;
    return;
  }
  const auto now = std::chrono::steady_clock::now();
  if (done < total_ && now - last_draw_ < kRedrawInterval) return;
  last_draw_ = now;
  std::string line = Line(done);
  const size_t width = line.size();
  // Blanks over the tail of a longer previous line.
  if (width < last_width_) line.append(last_width_ - width, ' ');
  last_width_ = width;
  *out_ << "\r" << line << std::flush;
}

void LoadProgress::Finish() {
  if (terminal_) {
    last_draw_ = start_ - kRedrawInterval;  // draw the final count now
    Update(done_);
    *out_ << "\n" << std::flush;
  } else if (next_tenth_ <= 10) {
    *out_ << Line(done_) << "\n" << std::flush;
  }
}

}  // namespace liaison::matching::bench
