// liaison-probation-adapter: HMPPS probation domain events and case extracts to the offender index
// (docs/adapters/probation.md).

#include "adapters/common/adapter_main.h"
#include "adapters/probation/probation_parser.h"

int main(int argc, char** argv) {
  const liaison::adapters::probation::ProbationParser parser;
  return liaison::adapters::RunAdapterMain(
      argc, argv, parser, {.program = "liaison-probation-adapter", .submits = false, .changes_registry = true});
}
