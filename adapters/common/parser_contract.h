#ifndef LIAISON_ADAPTERS_COMMON_PARSER_CONTRACT_H_
#define LIAISON_ADAPTERS_COMMON_PARSER_CONTRACT_H_

// The body of every adapter's libFuzzer target (NAME_fuzz.cc beside each
// parser), so that all four parsers are held to the same contract.

#include "absl/strings/string_view.h"
#include "adapters/common/parser.h"

namespace liaison::adapters {

// Tries `input` with `parser` as one JSON Lines record and as CSV (the
// first record the header, the second the row, whatever its width: the
// runtime refuses rows not as wide as their header, the parser must not
// rely on it). Beyond crashes and sanitizer reports it aborts when the
// parser breaks its contract:
//   - a failure is INVALID_ARGUMENT (UNIMPLEMENTED for CSV from a parser
//     without a CSV format), the code the runtime quarantines on;
//   - every action has a call, and its ref is that call's idempotency key
//     (source_ref or change_ref), non-empty and no longer than the broker
//     accepts;
//   - every action survives a serialise/parse round trip (no invalid UTF-8
//     in a string field): what the adapter spools, it can read back.
void FuzzRecordParser(const RecordParser& parser, absl::string_view input);

}  // namespace liaison::adapters

#endif  // LIAISON_ADAPTERS_COMMON_PARSER_CONTRACT_H_
