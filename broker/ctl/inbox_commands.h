#ifndef LIAISON_BROKER_CTL_INBOX_COMMANDS_H_
#define LIAISON_BROKER_CTL_INBOX_COMMANDS_H_

// liaisonctl inbox list|get|ack|watch: the Inbox service.
//
// Every command returns OK on success and otherwise a status for the caller
// to print; a broker error comes back with the broker's code and message.

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "broker/ctl/connection.h"
#include "broker/ctl/output.h"
#include "broker/ctl/stream_canceller.h"

namespace liaison::ctl {

struct InboxListOptions {
  std::string recipient_id;
  // List alerts with a greater sequence.
  uint64_t after_sequence = 0;
  // Include acknowledged alerts (default: pending only).
  bool include_acknowledged = false;
  // Alerts per ListAlerts call; 0 = the broker's default.
  uint32_t page_size = 0;
};

// Inbox.ListAlerts, following next_after_sequence until the broker says
// there is no more; prints each alert (text: "no alerts" when there are
// none). INTERNAL when the broker's cursor does not advance.
absl::Status InboxList(const Connection& connection, const InboxListOptions& options,
                       const Output& output);

// Inbox.GetAlert; prints the alert. NOT_FOUND from the broker when it does
// not exist or is not the caller's.
absl::Status InboxGet(const Connection& connection, const std::string& alert_id,
                      const Output& output);

// Inbox.Acknowledge for each id in turn. Prints "ID: acknowledged" or "ID:
// already acknowledged" (JSON: an AcknowledgeResponse line each); a failure
// is reported as "ID: CODE_NAME: message" on output.err and the rest carry
// on. Returns an error (the first failure's code) counting the failures.
// With a non-empty `recipient_id` the broker acknowledges only alerts of
// that inbox (others are NOT_FOUND).
absl::Status InboxAck(const Connection& connection, const std::vector<std::string>& alert_ids,
                      const Output& output, const std::string& recipient_id = "");

struct InboxWatchOptions {
  std::string recipient_id;
  // Resume after this sequence (0 = from the start).
  uint64_t after_sequence = 0;
  // Bound on delivered-but-unacknowledged alerts; 0 = the broker's default.
  uint32_t max_in_flight = 0;
  // Acknowledge each alert after printing it.
  bool ack = false;
  // Stop after this many alerts (redeliveries count); 0 = no limit.
  uint64_t count = 0;
  // Optional: lets another thread stop the watch (Ctrl-C). Not owned.
  StreamCanceller* canceller = nullptr;
};

// Inbox.Subscribe: prints each alert as it arrives, flushing output.out, and
// with `ack` acknowledges it after printing. Returns OK after `count` alerts,
// when the canceller is cancelled, or (without `count`) when the broker ends
// the stream cleanly. Errors: the stream's or an acknowledgement's error;
// UNAVAILABLE when the broker ends the stream before `count` alerts.
absl::Status InboxWatch(const Connection& connection, const InboxWatchOptions& options,
                        const Output& output);

}  // namespace liaison::ctl

#endif  // LIAISON_BROKER_CTL_INBOX_COMMANDS_H_
