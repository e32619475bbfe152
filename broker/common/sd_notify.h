#ifndef LIAISON_BROKER_COMMON_SD_NOTIFY_H_
#define LIAISON_BROKER_COMMON_SD_NOTIFY_H_

// The systemd notification protocol (sd_notify(3)) without libsystemd: one
// datagram to the unix socket named by $NOTIFY_SOCKET, which the service
// manager sets for a Type=notify unit.

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace liaison {

// Sends `state` (e.g. "READY=1", "STOPPING=1", newline-separated
// assignments) to $NOTIFY_SOCKET. OK without sending when the variable is
// unset or empty (not run by systemd). A leading '@' names an abstract
// socket. INVALID_ARGUMENT when the path is too long; UNAVAILABLE when the
// datagram cannot be sent. Thread-safe.
absl::Status NotifyServiceManager(absl::string_view state);

}  // namespace liaison

#endif  // LIAISON_BROKER_COMMON_SD_NOTIFY_H_
