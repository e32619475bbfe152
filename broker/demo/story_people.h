#ifndef LIAISON_BROKER_DEMO_STORY_PEOPLE_H_
#define LIAISON_BROKER_DEMO_STORY_PEOPLE_H_

// The invented people of the demo stories (docs: domain.md stories 1, 2, 6
// and 8), fixed whatever the seed so that the story notifications and the
// expected routing never change. Thread-safe (pure functions).

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "liaison/v1/offender.pb.h"
#include "liaison/v1/person.pb.h"

namespace liaison::demo {

inline constexpr absl::string_view kStory1Crn = "X700001";
inline constexpr absl::string_view kStory2Crn = "X700002";
inline constexpr absl::string_view kStory6Crn = "X700006";

// Story 1: a man on licence for drug offences with a domestic abuse
// history. OM Alex Morgan, co-worker Sam Patel. Has PNC, CRO and NOMS.
liaison::v1::OffenderRecord Story1Offender();
// Story 2: a man on a community order with a restraining order protecting
// the ex-partner he assaulted. OM Chris Lee, no co-worker. Has a PNC only.
liaison::v1::OffenderRecord Story2Offender();
// Story 6: a woman on a community order. OM Alex Morgan, co-worker Riley
// Shah. Has a PNC only.
liaison::v1::OffenderRecord Story6Offender();

// Story 1, 2 and 6 offenders in that order: the first rows of offenders.csv.
std::vector<liaison::v1::OffenderRecord> StoryOffenders();

// Story 1's new partner and her four children (ages 9, 6, 4 and 2), who
// live at PartnerAddress().
liaison::v1::PersonDescriptor Story1Partner();
std::vector<liaison::v1::RelatedPerson> Story1Children();
// Story 2's ex-partner (the victim), at Story2ExPartnerAddress().
liaison::v1::PersonDescriptor Story2ExPartner();

liaison::v1::Address Story1PartnerAddress();
liaison::v1::Address Story2ExPartnerAddress();

// Someone no offender is: a valid PNC no offender holds, and a surname
// outside the generator's pools.
liaison::v1::PersonDescriptor UnmatchedPerson();

// Every identifier value of the story people and the unmatched person: the
// generator must not give them to anyone else.
std::vector<std::string> ReservedIdentifiers();

}  // namespace liaison::demo

#endif  // LIAISON_BROKER_DEMO_STORY_PEOPLE_H_
