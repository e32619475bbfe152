#ifndef LIAISON_ADAPTERS_PRISON_CUSTODY_EVENTS_H_
#define LIAISON_ADAPTERS_PRISON_CUSTODY_EVENTS_H_

// Prison domain events that change the offender index: receptions and
// releases (custody status) and NOMS merges (an identifier replaced). Each
// becomes at most one Registry.ApplyChange whose change_ref is the event's
// digest; docs/adapters/prison.md has the reason tables.

#include <vector>

#include "absl/status/statusor.h"
#include "adapters/common/hmpps_event.h"
#include "liaison/adapters/v1/adapter.pb.h"

namespace liaison::adapters::prison {

inline constexpr absl::string_view kPrisonerReceived = "prison-offender-events.prisoner.received";
inline constexpr absl::string_view kPrisonerReleased = "prison-offender-events.prisoner.released";
inline constexpr absl::string_view kPrisonerMerged = "prisoner.merged";

// prisoner.received: custody IN_CUSTODY at additionalInformation.prisonId,
// whatever the reason (every reception leaves the person in prison).
absl::StatusOr<std::vector<v1::Action>> ReceivedActions(const DomainEvent& event);

// prisoner.released: RELEASED becomes custody LICENCE; reasons that leave
// the person in custody (transfer, court, temporary absence, hospital)
// become no action; an unknown or missing reason is INVALID_ARGUMENT.
absl::StatusOr<std::vector<v1::Action>> ReleasedActions(const DomainEvent& event);

// prisoner.merged: the record found by removedNomsNumber now carries
// nomsNumber (the surviving number).
absl::StatusOr<std::vector<v1::Action>> MergedActions(const DomainEvent& event);

}  // namespace liaison::adapters::prison

#endif  // LIAISON_ADAPTERS_PRISON_CUSTODY_EVENTS_H_
