#ifndef LIAISON_TESTS_LOAD_INDEX_LOADER_H_
#define LIAISON_TESTS_LOAD_INDEX_LOADER_H_

#include <vector>

#include "absl/status/status.h"
#include "liaison/v1/offender.pb.h"
#include "tests/load/transport.h"

namespace liaison::load {

// Loads `index` with Registry.BulkLoad as probation-registry, in chunks of
// 500. The RPC's status, or INTERNAL naming the first rejected record's
// index and reason when any was rejected.
absl::Status LoadIndex(const Transport& transport, const std::vector<v1::OffenderRecord>& index);

}  // namespace liaison::load

#endif  // LIAISON_TESTS_LOAD_INDEX_LOADER_H_
