#ifndef LIAISON_BROKER_REVIEW_REVIEW_QUEUE_H_
#define LIAISON_BROKER_REVIEW_REVIEW_QUEUE_H_

#include <string>

#include "absl/status/statusor.h"
#include "broker/commit/committer.h"
#include "broker/common/clock.h"
#include "broker/common/key_locks.h"
#include "broker/matching/probabilistic_matcher.h"
#include "broker/storage/kv_store.h"
#include "liaison/v1/review_service.pb.h"
#include "policy/policy.h"

namespace liaison::review {

// The match review queue: notifications the matcher would not link alone
// (review band, ambiguity, twins, suspicious or conflicting identifiers)
// wait here, retained, until a person decides. Resolving as a link routes
// the notification under the policy in the same commit and audits who
// decided; resolving as no link keeps it retained (and the rejected
// candidates are never linked to it automatically). Thread-safe.
class ReviewQueue {
 public:
  struct Deps {
    storage::KvStore* store;
    commit::Committer* committer;
    const matching::ProbabilisticMatcher* matcher;
    const policy::Policy* policy;
    Clock* clock;
    KeyLocks* notification_locks;
  };

  explicit ReviewQueue(Deps deps) : deps_(deps) {}

  // Items in `request.state` (default open, oldest first). INVALID_ARGUMENT
  // for a malformed page token or page size over 500.
  absl::StatusOr<v1::ListReviewsResponse> List(const v1::ListReviewsRequest& request) const;

  // The item with the subject beside each candidate's current record, field
  // by field. NOT_FOUND when there is no item for the notification.
  absl::StatusOr<v1::ReviewDetail> Get(absl::string_view notification_id) const;

  // Links or rejects. INVALID_ARGUMENT naming the field (no outcome,
  // link_crn not a candidate, note too long); NOT_FOUND; FAILED_PRECONDITION
  // when the item is no longer open or the chosen record is gone;
  // UNAVAILABLE on storage failure (nothing written).
  absl::StatusOr<v1::ReviewItem> Resolve(const v1::ResolveReviewRequest& request, absl::string_view actor);

 private:
  absl::StatusOr<v1::CandidateDetail> Detail(const v1::PersonDescriptor& subject,
                                             const matching::v1::MatchForm& subject_form,
                                             const v1::ReviewCandidate& candidate) const;
  absl::StatusOr<v1::ReviewItem> LoadItem(absl::string_view notification_id) const;

  Deps deps_;
};

}  // namespace liaison::review

#endif  // LIAISON_BROKER_REVIEW_REVIEW_QUEUE_H_
