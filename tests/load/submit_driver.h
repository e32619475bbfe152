#ifndef LIAISON_TESTS_LOAD_SUBMIT_DRIVER_H_
#define LIAISON_TESTS_LOAD_SUBMIT_DRIVER_H_

#include <cstdint>
#include <functional>
#include <string>

#include "absl/time/time.h"
#include "tests/load/callout_factory.h"
#include "tests/load/latency_histogram.h"
#include "tests/load/transport.h"

namespace liaison::load {

struct SubmitOptions {
  Transport transport;
  std::string principal = "police-adapter";
  // Separate TCP connections the calls are spread over.
  int channels = 4;
  // Calls per second (open loop, scheduled at intended times); 0: max rate
  // (closed loop with `concurrency` outstanding).
  double rate = 0;
  // Outstanding calls (max rate) or the in-flight bound (fixed rate: a call
  // due while this many are outstanding is counted as dropped, not sent).
  int concurrency = 64;
  absl::Duration duration = absl::Seconds(10);
  // Stamped into each source_ref (EncodeSourceRef).
  std::string run_id;
  const CalloutFactory* factory = nullptr;  // REQUIRES: not null
  // Max rate only, optional: called with the count of acknowledged submits
  // before each send; false holds the send (re-asked every millisecond).
  // The e2e scenarios close the loop over delivery with it, so the backlog
  // of undelivered alerts stays bounded.
  std::function<bool(uint64_t acked)> may_send;
};

struct SubmitStats {
  uint64_t sent = 0;
  uint64_t acked = 0;
  uint64_t errors = 0;
  uint64_t dropped = 0;
  // From the intended send time (fixed rate) or the actual send (max rate).
  LatencyHistogram ack_latency;
  // Start of the first call to the last response.
  absl::Duration elapsed;
  int64_t message_bytes = 0;
  // The first failure's status, for the operator (never personal data: the
  // broker's errors name fields, not values).
  std::string first_error;
};

// Drives Ingest.Submit with the gRPC callback API for `duration`, then
// waits for every outstanding call. Blocks the calling thread.
SubmitStats RunSubmits(const SubmitOptions& options);

}  // namespace liaison::load

#endif  // LIAISON_TESTS_LOAD_SUBMIT_DRIVER_H_
