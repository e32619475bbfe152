#ifndef LIAISON_BROKER_DEMO_DEMO_DATA_H_
#define LIAISON_BROKER_DEMO_DEMO_DATA_H_

// Synthetic demo data for the broker: an offender caseload (offenders.csv),
// story notifications (stories/*.json) and the routing expected for them
// (expected.json). Everyone is invented. The output depends only on the
// options: the same options give byte-identical files. Thread-safe (pure
// functions, apart from WriteDemoFiles writing to disk).

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "liaison/v1/offender.pb.h"

namespace liaison::demo {

inline constexpr int kMinPeople = 3;  // the story people
inline constexpr int kMaxPeople = 100000;

struct DemoOptions {
  // Offenders in the caseload, the story people included.
  int people = 200;
  // Seeds the invented caseload; the story people and stories never change.
  uint64_t seed = 42;
};

// One output file: its path relative to the output directory, and contents.
struct DemoFile {
  std::string path;
  std::string contents;
};

// The caseload: the story 1, 2 and 6 offenders first, then invented people.
// CRNs and all identifier values are unique and canonical.
// INVALID_ARGUMENT unless kMinPeople <= options.people <= kMaxPeople.
absl::StatusOr<std::vector<liaison::v1::OffenderRecord>> GenerateOffenders(
    const DemoOptions& options);

// All output files: "offenders.csv", "stories/<name>.json" (one per story,
// see stories.h) and "expected.json". INVALID_ARGUMENT as GenerateOffenders;
// INTERNAL if a notification cannot be printed.
absl::StatusOr<std::vector<DemoFile>> GenerateDemoFiles(const DemoOptions& options);

// Writes `files` under `out_dir`, creating directories as needed and
// replacing existing files. INVALID_ARGUMENT for an empty `out_dir` or a
// file path that is absolute or contains ".."; FAILED_PRECONDITION when a
// directory cannot be created; INTERNAL when a file cannot be written.
absl::Status WriteDemoFiles(absl::string_view out_dir, const std::vector<DemoFile>& files);

}  // namespace liaison::demo

#endif  // LIAISON_BROKER_DEMO_DEMO_DATA_H_
