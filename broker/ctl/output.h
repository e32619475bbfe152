#ifndef LIAISON_BROKER_CTL_OUTPUT_H_
#define LIAISON_BROKER_CTL_OUTPUT_H_

// Where and how liaisonctl's commands write: readable text blocks by default,
// or (json) one proto-JSON object per line so scripts can parse line by line.

#include <ostream>

#include "absl/status/status.h"
#include "google/protobuf/message.h"
#include "liaison/v1/alert.pb.h"
#include "liaison/v1/audit.pb.h"
#include "liaison/v1/offender.pb.h"

namespace liaison::ctl {

// The streams a command writes to. Results go to `out`; per-item problems
// (a bad file, a rejected row) go to `err` as they happen. The command's
// final status is reported by the caller (main prints "error: ...").
struct Output {
  std::ostream& out;
  std::ostream& err;
  // One proto-JSON object per line on `out` instead of text.
  bool json = false;
};

// Writes `message` as one line of compact proto JSON (lowerCamel field
// names, as protobuf's JsonStringToMessage reads back). INTERNAL when the
// message cannot be represented (e.g. a timestamp out of range).
absl::Status WriteJsonLine(const google::protobuf::Message& message, std::ostream& out);

// Each writes one record to output.out: a JSON line, or a text block
// followed by a blank line. Errors as WriteJsonLine.
absl::Status PrintAlert(const v1::Alert& alert, const Output& output);
absl::Status PrintAuditEntry(const v1::AuditEntry& entry, const Output& output);
absl::Status PrintOffender(const v1::OffenderRecord& offender, const Output& output);

}  // namespace liaison::ctl

#endif  // LIAISON_BROKER_CTL_OUTPUT_H_
