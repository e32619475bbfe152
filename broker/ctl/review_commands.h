#ifndef LIAISON_BROKER_CTL_REVIEW_COMMANDS_H_
#define LIAISON_BROKER_CTL_REVIEW_COMMANDS_H_

// liaisonctl review list|show|resolve: the Review service (the match review
// queue: notifications the matcher could not link alone).
//
// Every command returns OK on success and otherwise a status for the caller
// to print; a broker error comes back with the broker's code and message.

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "broker/ctl/connection.h"
#include "broker/ctl/output.h"
#include "liaison/v1/review_service.pb.h"

namespace liaison::ctl {

// The state --state names: "open", "linked", "not-linked" (or
// "not_linked"), "superseded", or "all" (REVIEW_STATE_UNSPECIFIED).
// INVALID_ARGUMENT naming --state and the choices otherwise.
absl::StatusOr<v1::ReviewState> ParseReviewState(absl::string_view value);

struct ReviewListOptions {
  // REVIEW_STATE_UNSPECIFIED lists every state (ListReviewsRequest.all_states).
  v1::ReviewState state = v1::REVIEW_STATE_OPEN;
  // Print at most this many items; 0 = all.
  uint64_t limit = 0;
  // Continue from this page (as the same listing gave it).
  std::string page_token;
};

// Review.ListReviews, following next_page_token until the last page or
// `limit` items; prints each ReviewItem (text: "no review items" when there
// are none). Pages are asked for no larger than the items still wanted, so
// when the limit stops the listing with more to come, output.err gets
// "more items: --state=S --page-token=T", which continues exactly after the
// last item printed. INTERNAL when the broker repeats a page token.
absl::Status ReviewList(const Connection& connection, const ReviewListOptions& options,
                        const Output& output);

// Review.GetReview; prints the ReviewDetail (text: render_review.h's
// side-by-side view). NOT_FOUND from the broker when the notification has
// no review item.
absl::Status ReviewShow(const Connection& connection, const std::string& notification_id,
                        const Output& output);

struct ReviewResolveOptions {
  std::string notification_id;
  // Exactly one of: link to this candidate CRN, or to none of them.
  std::string link_crn;
  bool not_linked = false;
  // Why; recorded in the audit trail.
  std::string note;
};

// INVALID_ARGUMENT unless exactly one of link_crn and not_linked is given.
absl::Status ValidateReviewResolveOptions(const ReviewResolveOptions& options);

// Review.ResolveReview; prints the resulting ReviewItem. INVALID_ARGUMENT as
// ValidateReviewResolveOptions (the broker is not called); from the broker
// FAILED_PRECONDITION when the item is not open, INVALID_ARGUMENT when the
// CRN is not a candidate, NOT_FOUND for an unknown notification.
absl::Status ReviewResolve(const Connection& connection, const ReviewResolveOptions& options,
                           const Output& output);

}  // namespace liaison::ctl

#endif  // LIAISON_BROKER_CTL_REVIEW_COMMANDS_H_
