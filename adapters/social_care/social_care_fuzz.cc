// libFuzzer target for the social care adapter's parser; the contract it checks is
// FuzzRecordParser's (adapters/common/parser_contract.h).

#include <cstddef>
#include <cstdint>

#include "adapters/common/parser_contract.h"
#include "adapters/social_care/social_care_parser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const liaison::adapters::social_care::SocialCareParser parser;
  liaison::adapters::FuzzRecordParser(parser, {reinterpret_cast<const char*>(data), size});
  return 0;
}
