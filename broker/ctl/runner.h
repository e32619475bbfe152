#ifndef LIAISON_BROKER_CTL_RUNNER_H_
#define LIAISON_BROKER_CTL_RUNNER_H_

// liaisonctl commands ready to run: what the binary's flag handling
// (main.cc, audit_flags.cc) makes of an invocation.

#include <functional>

#include "absl/status/status.h"
#include "broker/ctl/connection.h"
#include "broker/ctl/output.h"

namespace liaison::ctl {

using Runner = std::function<absl::Status(const Connection&, const Output&)>;
// A command that needs no broker (RunsOffline).
using OfflineRunner = std::function<absl::Status(const Output&)>;

}  // namespace liaison::ctl

#endif  // LIAISON_BROKER_CTL_RUNNER_H_
