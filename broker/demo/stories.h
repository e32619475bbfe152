#ifndef LIAISON_BROKER_DEMO_STORIES_H_
#define LIAISON_BROKER_DEMO_STORIES_H_

// The demo story notifications (domain.md stories 1, 2, 6 and 8) and the
// routing the broker is expected to give them. Fixed whatever the seed;
// event times are fixed too, so the output never depends on "now".
// Thread-safe (pure functions).

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "liaison/v1/notification.pb.h"

namespace liaison::demo {

struct Story {
  // Relative to the output directory, e.g. "stories/story1-police-callout.json".
  std::string file;
  // The sending agency: "police" or "social-care".
  std::string agency;
  // The CRN the notification should match; "" when it should match no one.
  std::string crn;
  // Staff codes that should be alerted: offender manager, then co-worker.
  std::vector<std::string> recipients;
  // notification_id, source and received_at are left empty: the broker
  // sets them.
  liaison::v1::Notification notification;
};

// In order: story1-police-callout, story1-social-care-referral,
// story2-police-callout, story6-arrest, unmatched-police-callout.
std::vector<Story> BuildStories();

// `notification` as pretty-printed proto JSON (lowerCamelCase field names,
// enums by name), ending in "\n". INTERNAL if the printer fails.
absl::StatusOr<std::string> NotificationJson(const liaison::v1::Notification& notification);

// expected.json: {"stories":[{"file":..,"agency":..,"crn":..,"recipients":[..]},..]}
std::string ExpectedJson(const std::vector<Story>& stories);

}  // namespace liaison::demo

#endif  // LIAISON_BROKER_DEMO_STORIES_H_
