#include "broker/synth/row_streamer.h"

#include <algorithm>
#include <thread>

namespace liaison::synth {
namespace {

// Rows per batch; each batch is split evenly between the threads.
constexpr int64_t kBatchRows = 16384;

// One thread's share of a batch: a text per output.
using Part = std::vector<std::string>;

void MakeRows(int64_t begin, int64_t end, const RowTextFn& row_text, Part& part) {
  for (std::string& text : part) text.clear();
  for (int64_t n = begin; n < end; ++n) row_text(n, part);
}

void MakeBatch(int64_t begin, int64_t end, const RowTextFn& row_text, std::vector<Part>& parts) {
  const int64_t threads = static_cast<int64_t>(parts.size());
  const int64_t per_thread = (end - begin + threads - 1) / threads;
  auto range_begin = [&](int64_t t) { return std::min(end, begin + t * per_thread); };
  std::vector<std::thread> workers;
  for (int64_t t = 1; t < threads; ++t) {
    workers.emplace_back([&, t] { MakeRows(range_begin(t), range_begin(t + 1), row_text, parts[t]); });
  }
  MakeRows(range_begin(0), range_begin(1), row_text, parts[0]);
  for (std::thread& worker : workers) worker.join();
}

bool WriteBatch(const std::vector<Part>& parts, const std::vector<std::ostream*>& outputs) {
  for (const Part& part : parts) {
    for (size_t s = 0; s < outputs.size(); ++s) *outputs[s] << part[s];
  }
  for (std::ostream* output : outputs) {
    if (!*output) return false;
  }
  return true;
}

}  // namespace

absl::Status StreamRows(int64_t count, const std::vector<std::ostream*>& outputs, const RowTextFn& row_text,
                        const StreamOptions& options) {
  std::vector<Part> parts(std::max(1, options.threads), Part(outputs.size()));
  int64_t intervals_reported = 0;
  for (int64_t begin = 0; begin < count; begin += kBatchRows) {
    const int64_t end = std::min(count, begin + kBatchRows);
    MakeBatch(begin, end, row_text, parts);
    if (!WriteBatch(parts, outputs)) break;
    if (options.progress && options.progress_interval > 0 && end / options.progress_interval > intervals_reported) {
      intervals_reported = end / options.progress_interval;
      options.progress(end);
    }
  }
  for (std::ostream* output : outputs) {
    output->flush();
    if (!*output) return absl::DataLossError("writing the output failed");
  }
  return absl::OkStatus();
}

}  // namespace liaison::synth
