#ifndef LIAISON_BROKER_CTL_AUDIT_FLAGS_H_
#define LIAISON_BROKER_CTL_AUDIT_FLAGS_H_

// liaisonctl audit query|verify|checkpoint|prove|consistency|export: the
// audit commands' flags and arguments made into a command ready to run.
// Reads the ABSL_FLAGs that main.cc defines, so it is part of the liaisonctl
// binary, not the liaison_ctl library.

#include "absl/status/statusor.h"
#include "broker/ctl/runner.h"
#include "broker/ctl/usage.h"

namespace liaison::ctl {

// The audit command `invocation` names (one that talks to the broker; the
// offline `audit verify EXPORT_DIR` is not prepared here), or the usage
// problem that stops it: INVALID_ARGUMENT for a bad number argument, a bad
// --since or --until, or --since after --until.
absl::StatusOr<Runner> PrepareAudit(const Invocation& invocation);

}  // namespace liaison::ctl

#endif  // LIAISON_BROKER_CTL_AUDIT_FLAGS_H_
