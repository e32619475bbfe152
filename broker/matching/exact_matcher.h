#ifndef LIAISON_BROKER_MATCHING_EXACT_MATCHER_H_
#define LIAISON_BROKER_MATCHING_EXACT_MATCHER_H_

#include "broker/matching/matcher.h"
#include "broker/storage/kv_store.h"

namespace liaison::matching {

// Links on strong identifiers only (CRN, PNC, CRO, NOMS), looked up in the
// identity index:
//  - no identifier found in the index: NO_MATCH;
//  - identifiers found on two or more offender records: CONFLICT;
//  - one record, but both date of birth and family name disagree with it
//    (each present on both sides): SUSPICIOUS, never routed automatically;
//  - otherwise LINKED, listing the identifier types that agreed.
// Thread-safe; `store` is not owned.
class ExactIdentifierMatcher : public Matcher {
 public:
  explicit ExactIdentifierMatcher(const storage::KvStore* store) : store_(store) {}
  absl::StatusOr<MatchOutcome> Match(const v1::PersonDescriptor& subject) const override;

 private:
  const storage::KvStore* store_;
};

// True when `subject` disagrees with `record` on both date of birth and
// family name (each known on both sides; aliases count as agreement).
bool DisagreesOnDateOfBirthAndName(const v1::PersonDescriptor& subject,
                                   const v1::OffenderRecord& record);

}  // namespace liaison::matching

#endif  // LIAISON_BROKER_MATCHING_EXACT_MATCHER_H_
