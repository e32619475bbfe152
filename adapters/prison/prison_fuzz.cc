// libFuzzer target for the prison adapter's parser; the contract it checks is
// FuzzRecordParser's (adapters/common/parser_contract.h).

#include <cstddef>
#include <cstdint>

#include "adapters/common/parser_contract.h"
#include "adapters/prison/prison_parser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const liaison::adapters::prison::PrisonParser parser;
  liaison::adapters::FuzzRecordParser(parser, {reinterpret_cast<const char*>(data), size});
  return 0;
}
