#ifndef LIAISON_BROKER_MATCHING_MATCHER_H_
#define LIAISON_BROKER_MATCHING_MATCHER_H_

#include <optional>

#include "absl/status/statusor.h"
#include "liaison/v1/alert.pb.h"
#include "liaison/v1/offender.pb.h"
#include "liaison/v1/person.pb.h"

namespace liaison::matching {

struct MatchOutcome {
  v1::MatchResult result;
  // The linked offender's record when result.decision is LINKED.
  std::optional<v1::OffenderRecord> offender;
};

// Decides which offender, if any, a person descriptor refers to.
// Implementations are thread-safe.
class Matcher {
 public:
  virtual ~Matcher() = default;
  // REQUIRES: `subject` was validated, its identifiers canonical.
  // Returns a decision for every input (NO_MATCH when nobody fits); an error
  // only when the index cannot be read (UNAVAILABLE, DATA_LOSS).
  virtual absl::StatusOr<MatchOutcome> Match(const v1::PersonDescriptor& subject) const = 0;
};

}  // namespace liaison::matching

#endif  // LIAISON_BROKER_MATCHING_MATCHER_H_
