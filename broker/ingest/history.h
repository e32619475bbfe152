#ifndef LIAISON_BROKER_INGEST_HISTORY_H_
#define LIAISON_BROKER_INGEST_HISTORY_H_

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "broker/commit/committer.h"
#include "broker/storage/kv_store.h"
#include "liaison/v1/offender.pb.h"
#include "policy/policy.h"

namespace liaison::ingest {

// Story 7 of domain.md: a case allocated or transferred to a new offender
// manager. Puts every notification linked to `record` within the policy's
// allocation history window to the policy again, with the record as it now
// is, and adds to `mutation` what the policy permits the new offender
// manager (record.offender_manager): one alert per notification, not
// already in that inbox, plus one digest alert listing them (created
// first), one ROUTING_DECIDED entry per item and a HISTORY_SHARED entry.
// History items carry no deadline. Returns the number of items (0: nothing
// added). Reads `store`; writes nothing itself.
absl::StatusOr<int> AddAllocationHistory(const storage::KvStore& store, const policy::Policy& policy,
                                         const v1::OffenderRecord& record, absl::Time now,
                                         commit::Mutation* mutation);

}  // namespace liaison::ingest

#endif  // LIAISON_BROKER_INGEST_HISTORY_H_
