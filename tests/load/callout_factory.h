#ifndef LIAISON_TESTS_LOAD_CALLOUT_FACTORY_H_
#define LIAISON_TESTS_LOAD_CALLOUT_FACTORY_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "liaison/v1/notification.pb.h"
#include "liaison/v1/offender.pb.h"

namespace liaison::load {

// The benchmark's offender index: `count` synthetic offenders (broker/demo)
// held by offender managers N07P0001..N07P0020, the same for the same seed.
// Every one is active on licence with a domestic abuse registration so a
// callout naming them is linked and routed by deploy/bench/policy.textproto.
std::vector<v1::OffenderRecord> MakeBenchIndex(int count, uint64_t seed);

// Realistic police domestic abuse callouts (about 1 KB serialized) naming
// index offenders by PNC, name and date of birth, with a narrative summary,
// a victim and a location. Built once; each send copies one template and
// stamps its source_ref. Thread-compatible (immutable after construction).
class CalloutFactory {
 public:
  // `children_present` selects the fan-out-10 rule of the bench policy.
  // REQUIRES: index is not empty.
  CalloutFactory(const std::vector<v1::OffenderRecord>& index, bool children_present, uint64_t seed);

  // The template for the `sequence`-th notification (round robin).
  const v1::Notification& Template(uint64_t sequence) const;

  size_t templates() const { return templates_.size(); }

 private:
  std::vector<v1::Notification> templates_;
};

// source_ref carries the run id, the sequence number and the intended send
// time, so a subscriber can measure end-to-end latency from the alert alone
// and tell this run's alerts from earlier ones'.
std::string EncodeSourceRef(absl::string_view run_id, uint64_t sequence, absl::Time intended);

struct DecodedSourceRef {
  uint64_t sequence = 0;
  absl::Time intended;
};
// nullopt when `source_ref` is not one of run `run_id`'s.
std::optional<DecodedSourceRef> DecodeSourceRef(absl::string_view source_ref, absl::string_view run_id);

}  // namespace liaison::load

#endif  // LIAISON_TESTS_LOAD_CALLOUT_FACTORY_H_
