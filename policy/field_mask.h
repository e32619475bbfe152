#ifndef LIAISON_POLICY_FIELD_MASK_H_
#define LIAISON_POLICY_FIELD_MASK_H_

// What a recipient may see of a notification: field paths (docs/policy.md).
//  - Always visible (the envelope and the event's type codes): ids, source,
//    source_ref, times, classification, caveats, callout incident type and
//    children present, arrest outcome, referral reasons, stage and local
//    authority, mail flag concern, direction and establishment, and each
//    related person's role and age.
//  - Everything else only when allowed: a path allows itself and everything
//    beneath it ("subject" allows "subject.name"). Related people's details
//    are allowed per role: "related_people.child", "related_people.victim",
//    ... never by a broader path.
//  - Under the PROTECT_SOURCE caveat the source-revealing fields (callers'
//    details and the free-text summaries) stay withheld unless the grant
//    also lists "protected_source".
//  - Under NOT_FOR_ONWARD_DISCLOSURE only the always-visible fields and the
//    originator's contact remain, whatever is allowed.

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "liaison/v1/notification.pb.h"

namespace liaison::policy {

namespace api = ::liaison::v1;

inline constexpr char kProtectedSource[] = "protected_source";

// Every path a rule may name (sorted), including "protected_source".
const std::vector<std::string>& FieldVocabulary();
bool IsKnownField(absl::string_view path);
// Paths that are always visible (a forbid may not withhold them).
bool IsAlwaysVisible(absl::string_view path);

struct View {
  api::Notification notification;
  // Removed paths, e.g. "subject.date_of_birth", "related_people[1].person".
  std::vector<std::string> withheld;
  bool summary_only = false;
};

// The notification as a recipient sees it with `allowed` paths, minus
// `withhold` paths (a path withholds itself and everything beneath it).
View ApplyFields(const api::Notification& notification, const std::vector<std::string>& allowed,
                 const std::vector<std::string>& withhold);

}  // namespace liaison::policy

#endif  // LIAISON_POLICY_FIELD_MASK_H_
