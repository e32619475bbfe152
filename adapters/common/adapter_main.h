#ifndef LIAISON_ADAPTERS_COMMON_ADAPTER_MAIN_H_
#define LIAISON_ADAPTERS_COMMON_ADAPTER_MAIN_H_

// The command line every agency adapter binary shares:
//
//   ADAPTER run --state-dir=DIR --broker=HOST:PORT --ca-file=... --cert-file=... --key-file=...
//       [--registry-cert-file=... --registry-key-file=...] [--drop-dir=DIR]
//       [--stdin --stdin-format=jsonl|csv]
//       [--webhook-listen=HOST:PORT --webhook-cert-file=... --webhook-key-file=... --webhook-client-ca-file=...]
//   ADAPTER quarantine list|show ID|replay ID...|replay --all --state-dir=DIR
//   ADAPTER status --state-dir=DIR
//   ADAPTER ledger --state-dir=DIR
//
// See docs/adapters/README.md.

#include "absl/strings/string_view.h"
#include "adapters/common/parser.h"

namespace liaison::adapters {

struct AdapterTraits {
  // The binary's name, e.g. "liaison-police-adapter".
  absl::string_view program;
  // Whether the adapter submits notifications (needs --cert-file) and/or
  // changes the offender index (needs --registry-cert-file, or --cert-file
  // when it makes only registry calls).
  bool submits = true;
  bool changes_registry = false;
};

// Runs the adapter's command line; returns the process exit code.
int RunAdapterMain(int argc, char** argv, const RecordParser& parser, const AdapterTraits& traits);

}  // namespace liaison::adapters

#endif  // LIAISON_ADAPTERS_COMMON_ADAPTER_MAIN_H_
