// liaison-prison-adapter: HMPPS prison domain events and mail-monitoring flags to the broker (docs/adapters/prison.md).

#include "adapters/common/adapter_main.h"
#include "adapters/prison/prison_parser.h"

int main(int argc, char** argv) {
  const liaison::adapters::prison::PrisonParser parser;
  return liaison::adapters::RunAdapterMain(
      argc, argv, parser, {.program = "liaison-prison-adapter", .submits = true, .changes_registry = true});
}
