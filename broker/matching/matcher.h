#ifndef LIAISON_BROKER_MATCHING_MATCHER_H_
#define LIAISON_BROKER_MATCHING_MATCHER_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "liaison/v1/alert.pb.h"
#include "liaison/v1/offender.pb.h"
#include "liaison/v1/person.pb.h"
#include "liaison/v1/review_service.pb.h"

namespace liaison::matching {

struct MatchOutcome {
  liaison::v1::MatchResult result;
  // The linked offender's record when result.decision is LINKED.
  std::optional<liaison::v1::OffenderRecord> offender;
  // REVIEW, SUSPICIOUS, CONFLICT: the candidates a person should choose
  // from, best first.
  std::vector<liaison::v1::ReviewCandidate> candidates;
  // The keys a notification about this subject is retained under while
  // unmatched, so a later index change can find it (retroactive matching).
  std::vector<std::string> retention_keys;
};

struct MatchOptions {
  // Records never to link to (a reviewer said the subject is not them).
  std::vector<std::string> excluded_crns;
};

// Decides which offender, if any, a person descriptor refers to.
// Implementations are thread-safe.
class Matcher {
 public:
  virtual ~Matcher() = default;
  // REQUIRES: `subject` was validated, its identifiers canonical.
  // Returns a decision for every input (NO_MATCH when nobody fits); an error
  // only when the index cannot be read (UNAVAILABLE, DATA_LOSS).
  virtual absl::StatusOr<MatchOutcome> Match(const liaison::v1::PersonDescriptor& subject,
                                             const MatchOptions& options) const = 0;
  absl::StatusOr<MatchOutcome> Match(const liaison::v1::PersonDescriptor& subject) const { return Match(subject, {}); }
};

}  // namespace liaison::matching

#endif  // LIAISON_BROKER_MATCHING_MATCHER_H_
