// liaison-demo-data: writes synthetic demo data (an invented offender
// caseload, story notifications and their expected routing) to --out.
//
//   liaison-demo-data --out=/tmp/demo [--people=200] [--seed=42]

#include <cstdint>
#include <iostream>
#include <string>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "broker/demo/demo_data.h"

ABSL_FLAG(std::string, out, "", "Output directory (required); created if missing.");
ABSL_FLAG(int, people, 200, "Offenders in the caseload, the three story people included.");
ABSL_FLAG(uint64_t, seed, 42, "Seed for the invented caseload; stories never change.");

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(
      "Writes synthetic demo data: offenders.csv, stories/*.json and expected.json.");
  absl::ParseCommandLine(argc, argv);
  const std::string out = absl::GetFlag(FLAGS_out);
  if (out.empty()) {
    std::cerr << "liaison-demo-data: --out=DIR is required\n";
    return 2;
  }
  liaison::demo::DemoOptions options;
  options.people = absl::GetFlag(FLAGS_people);
  options.seed = absl::GetFlag(FLAGS_seed);
  auto files = liaison::demo::GenerateDemoFiles(options);
  if (!files.ok()) {
    std::cerr << "liaison-demo-data: " << files.status() << "\n";
    return 2;
  }
  if (absl::Status written = liaison::demo::WriteDemoFiles(out, *files); !written.ok()) {
    std::cerr << "liaison-demo-data: " << written << "\n";
    return 1;
  }
  std::cout << "wrote " << files->size() << " files (" << options.people << " offenders) to " << out
            << "\n";
  return 0;
}
