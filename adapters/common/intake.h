#ifndef LIAISON_ADAPTERS_COMMON_INTAKE_H_
#define LIAISON_ADAPTERS_COMMON_INTAKE_H_

// Turns input text into accepted records: frames JSON Lines and CSV,
// parses each record with the agency's parser, and accepts them into the
// adapter store in synced chunks. Also the watched drop directory.

#include <cstdint>
#include <functional>
#include <istream>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "adapters/common/adapter_store.h"
#include "adapters/common/parser.h"
#include "broker/common/clock.h"

namespace liaison::adapters {

struct IntakeSummary {
  uint64_t records = 0;
  uint64_t actions = 0;
  uint64_t quarantined = 0;
  uint64_t not_relevant = 0;
  // Records skipped because an earlier run had accepted them already.
  uint64_t resumed_past = 0;
};

class Intake {
 public:
  struct Options {
    // Records accepted per synced write.
    size_t chunk = 256;
    // A longer record is quarantined (only its origin is kept).
    size_t max_record_bytes = 1 << 20;
    // Called after each chunk that spooled actions (to wake delivery).
    std::function<void()> on_spooled;
    // For a stream that is not a file: accept what has arrived as soon as
    // no more is buffered, instead of waiting for a full chunk.
    bool interactive = false;
  };

  Intake(AdapterStore* store, const RecordParser* parser, Clock* clock, Options options);

  // Reads every record from `in`. `origin` prefixes each record's origin
  // ("ORIGIN:LINE"). With `progress`, records already accepted by an
  // earlier run are skipped and progress is recorded with each chunk.
  absl::StatusOr<IntakeSummary> AcceptStream(std::istream& in, v1::InputFormat format, absl::string_view origin,
                                             FileProgress* progress = nullptr);

  const RecordParser& parser() const { return *parser_; }
  AdapterStore& store() const { return *store_; }

 private:
  absl::Status Flush(std::vector<ParsedRecord>* chunk, IntakeSummary* summary, FileProgress* progress);

  AdapterStore* store_;
  const RecordParser* parser_;
  Clock* clock_;
  Options options_;
};

// The format a drop-directory file is read in, from its extension: .jsonl,
// .ndjson, .json → JSON Lines; .csv → CSV; anything else → unspecified.
v1::InputFormat FormatOfFile(absl::string_view name);

// A directory agency systems drop files into. A file is picked up once it
// has its final name: write it elsewhere (or under a name starting with '.'
// or ending .tmp/.part) and rename it in. Each file is accepted record by
// record and then renamed into done/ (every record spooled or not
// relevant) or quarantine/ (at least one record quarantined; a file in an
// unknown format goes there whole). A crash part-way resumes after the last
// accepted record; an identical file dropped again is not accepted twice.
class DropDirectory {
 public:
  DropDirectory(std::string directory, Intake* intake);

  // Creates done/ and quarantine/ when missing.
  absl::Status Prepare();
  // Processes every ready file, oldest name first. Returns how many.
  absl::StatusOr<size_t> ScanOnce();

 private:
  absl::Status ProcessFile(const std::string& name);
  absl::Status MoveTo(const std::string& name, absl::string_view subdirectory);

  std::string directory_;
  Intake* intake_;
};

}  // namespace liaison::adapters

#endif  // LIAISON_ADAPTERS_COMMON_INTAKE_H_
