// liaison-social-care-adapter: children's social care referrals to the broker (docs/adapters/social_care.md).

#include "adapters/common/adapter_main.h"
#include "adapters/social_care/social_care_parser.h"

int main(int argc, char** argv) {
  const liaison::adapters::social_care::SocialCareParser parser;
  return liaison::adapters::RunAdapterMain(
      argc, argv, parser, {.program = "liaison-social-care-adapter", .submits = true, .changes_registry = false});
}
