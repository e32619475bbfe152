#ifndef LIAISON_ADAPTERS_PROBATION_CASE_EVENTS_H_
#define LIAISON_ADAPTERS_PROBATION_CASE_EVENTS_H_

// Probation domain events that keep the offender index current
// (docs/adapters/probation.md). Each becomes at most one registry call whose
// change_ref is the event's digest ("evt:..."), so a redelivered event
// applies once.

#include <optional>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "adapters/common/hmpps_event.h"
#include "liaison/adapters/v1/adapter.pb.h"
#include "liaison/v1/offender.pb.h"

namespace liaison::adapters::probation {

namespace api = ::liaison::v1;

inline constexpr absl::string_view kRegistrationAdded = "probation-case.registration.added";
inline constexpr absl::string_view kRegistrationUpdated = "probation-case.registration.updated";
inline constexpr absl::string_view kRegistrationDeleted = "probation-case.registration.deleted";
inline constexpr absl::string_view kManagerAllocated = "person.community.manager.allocated";
inline constexpr absl::string_view kMergeCompleted = "probation-case.merge.completed";
inline constexpr absl::string_view kUnmergeCompleted = "probation-case.unmerge.completed";

// registration.added / .updated (`removed` false) and .deleted (true):
// ApplyChange registrations for the case's CRN. MAPP carries its category
// and level; a RoSH register (RLRH, RMRH, RHRH, RVHR) carries the RoSH
// level and, when added, replaces the other RoSH registers. A register type
// the broker does not know is no action.
absl::StatusOr<std::vector<v1::Action>> RegistrationActions(const DomainEvent& event, bool removed);

// person.community.manager.allocated: AllocateManager with the staff member
// inlined in additionalInformation (staffCode required, staffName, teamCode).
absl::StatusOr<std::vector<v1::Action>> AllocationActions(const DomainEvent& event);

// probation-case.merge.completed (sourceCRN merged into targetCRN) and
// .unmerge.completed (reactivatedCRN, or sourceCRN, is its own record again).
absl::StatusOr<std::vector<v1::Action>> MergeActions(const DomainEvent& event);
absl::StatusOr<std::vector<v1::Action>> UnmergeActions(const DomainEvent& event);

// A MAPPA category (1-4) or level (1-3) code as nDelius writes it: "M2",
// "2" or the number 2. 0 when absent; INVALID_ARGUMENT "path: ..." when
// outside 1..`max`.
absl::StatusOr<int> ReadMappaCode(const JsonObject& object, absl::string_view key, int max);

}  // namespace liaison::adapters::probation

#endif  // LIAISON_ADAPTERS_PROBATION_CASE_EVENTS_H_
