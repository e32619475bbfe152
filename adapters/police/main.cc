// liaison-police-adapter: police incident and custody records to the broker (docs/adapters/police.md).

#include "adapters/common/adapter_main.h"
#include "adapters/police/police_parser.h"

int main(int argc, char** argv) {
  const liaison::adapters::police::PoliceParser parser;
  return liaison::adapters::RunAdapterMain(
      argc, argv, parser, {.program = "liaison-police-adapter", .submits = true, .changes_registry = false});
}
