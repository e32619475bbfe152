#ifndef LIAISON_BROKER_INGEST_ROUTING_H_
#define LIAISON_BROKER_INGEST_ROUTING_H_

// What happens to an accepted notification once its match is decided, as
// records for one atomic commit: routed under the policy when linked,
// otherwise retained (and queued for review when a person must decide).
// Shared by the ingestor, the review queue and retroactive matching.

#include <string>
#include <vector>

#include "absl/time/time.h"
#include "broker/commit/committer.h"
#include "broker/matching/matcher.h"
#include "liaison/store/v1/records.pb.h"
#include "liaison/v1/notification.pb.h"
#include "policy/policy.h"

namespace liaison::ingest {

// Asks the policy who is told what about a notification linked to
// `offender` (the subject; null when only related people are linked) and
// `related` people, and adds the alerts, their escalation timers, the
// person_notifications index entries and ROUTING_DECIDED entries, recording
// the alert ids on `stored`. A policy error shares nothing and is audited
// (fail closed). Returns the number of alerts.
int AddRouting(const policy::Policy& policy, const v1::Notification& notification, const v1::MatchResult& match,
               const v1::OffenderRecord* offender, const std::vector<policy::RelatedLink>& related, absl::Time now,
               store::v1::StoredNotification* stored, commit::Mutation* mutation);

// The `person_notifications` key of a notification linked to `crn`.
std::string PersonNotificationKey(const std::string& crn, const v1::Notification& notification);

// The `escalations` key of a timer due at `due` for `alert_id`.
std::string EscalationKey(absl::Time due, const std::string& alert_id);

// Schedules the first step of `alert`'s escalation chain, due `deadline`
// after `now`.
void AddEscalationTimer(const v1::Alert& alert, const std::vector<policy::EscalationTarget>& chain,
                        absl::Duration deadline, absl::Time now, commit::Mutation* mutation);

// Retains an unmatched notification: its `unmatched` key (by received time),
// its retention keys in `unmatched_keys` (kept on `stored`) and an
// UNMATCHED_RETAINED entry.
void AddRetained(const v1::Notification& notification, const matching::MatchOutcome& outcome,
                 store::v1::StoredNotification* stored, commit::Mutation* mutation);

// Deletes a retained notification's `unmatched` and `unmatched_keys`
// entries (it has been linked) and clears its retention keys.
void RemoveRetained(store::v1::StoredNotification* stored, commit::Mutation* mutation);

// The `unmatched` key of a notification received at `received_at`.
std::string UnmatchedKey(const v1::Notification& notification);

// True for decisions a person must make (REVIEW, SUSPICIOUS, CONFLICT).
bool NeedsReview(v1::MatchDecision decision);

// Opens a review item for the notification (reviews + review_queue) and adds
// a REVIEW_OPENED entry.
void AddReviewOpened(const v1::Notification& notification, const matching::MatchOutcome& outcome,
                     const std::string& model_version, absl::Time now, commit::Mutation* mutation);

}  // namespace liaison::ingest

#endif  // LIAISON_BROKER_INGEST_ROUTING_H_
