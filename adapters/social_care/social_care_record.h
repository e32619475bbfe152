#ifndef LIAISON_ADAPTERS_SOCIAL_CARE_SOCIAL_CARE_RECORD_H_
#define LIAISON_ADAPTERS_SOCIAL_CARE_SOCIAL_CARE_RECORD_H_

// Children's social care referral and child protection records: read from
// JSON or CSV into one CaseRecord, then turned into one referral
// notification per adult of concern. Format: docs/adapters/social_care.md.
// Pure functions; thread-safe.

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "adapters/common/csv_fields.h"
#include "adapters/common/json_fields.h"
#include "adapters/police/record_fields.h"
#include "adapters/social_care/social_care_codes.h"
#include "liaison/adapters/v1/adapter.pb.h"

namespace liaison::adapters::social_care {

enum class CaseKind { kReferral, kChildProtection };

struct Adult {
  std::optional<std::string> ref;  // the authority's person reference, if any
  Involvement involvement = Involvement::kOther;
  std::optional<std::string> relationship_to_child;
  liaison::v1::PersonDescriptor person;
};

struct CaseRecord {
  std::string local_authority;
  std::string case_reference;
  std::vector<liaison::v1::ReferralReason> reasons;
  liaison::v1::ChildProtectionStage stage = liaison::v1::CHILD_PROTECTION_STAGE_UNSPECIFIED;
  absl::Time recorded_at;
  std::string summary;
  records::Handling handling;
  std::vector<Adult> adults;                         // in record order
  std::vector<liaison::v1::RelatedPerson> children;  // RELATED_ROLE_CHILD
};

// The record's fields, or INVALID_ARGUMENT "path: problem". A referral
// without a stage is at CHILD_PROTECTION_STAGE_REFERRAL; a child protection
// record must name its stage.
absl::StatusOr<CaseRecord> ReadJsonCase(const JsonObject& record, CaseKind kind, absl::Time now);
absl::StatusOr<CaseRecord> ReadCsvCase(const CsvFields& row, CaseKind kind, absl::Time now);

// One submit action per adult of concern, in record order; none when the
// record names none. Source refs "sc:AUTHORITY:CASE:STAGE:PERSON:DIGEST"
// (PERSON is the adult's ref, or "a" and their position among the adults
// of concern). INVALID_ARGUMENT when a notification fails the broker's
// validation.
absl::StatusOr<std::vector<v1::Action>> BuildCaseActions(const CaseRecord& record, absl::Time now);

}  // namespace liaison::adapters::social_care

#endif  // LIAISON_ADAPTERS_SOCIAL_CARE_SOCIAL_CARE_RECORD_H_
