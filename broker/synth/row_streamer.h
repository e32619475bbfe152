#ifndef LIAISON_BROKER_SYNTH_ROW_STREAMER_H_
#define LIAISON_BROKER_SYNTH_ROW_STREAMER_H_

// Streams rows 0..count-1 of generated text to one or more output streams,
// in order, in batches whose rows are made by several threads. Rows must
// come from a pure, thread-safe function of the row number, so the output
// does not depend on the number of threads. Memory is bounded by one batch.

#include <cstdint>
#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include "absl/status/status.h"

namespace liaison::synth {

struct StreamOptions {
  // Threads making rows (at least 1 is used).
  int threads = 1;
  // When set, called from the calling thread with the count of rows written
  // so far, once each time that count passes another multiple of
  // `progress_interval` (rows are written in batches, so the count is at or
  // past the multiple).
  std::function<void(int64_t rows)> progress;
  int64_t progress_interval = 100'000;
};

// Appends row n's text for output s to texts[s] (texts has one string per
// output). Called concurrently from several threads.
using RowTextFn = std::function<void(int64_t n, std::vector<std::string>& texts)>;

// Writes rows 0..count-1 to `outputs` (none null). DATA_LOSS when an output
// stream fails; writing stops at the first failed batch.
absl::Status StreamRows(int64_t count, const std::vector<std::ostream*>& outputs, const RowTextFn& row_text,
                        const StreamOptions& options);

}  // namespace liaison::synth

#endif  // LIAISON_BROKER_SYNTH_ROW_STREAMER_H_
