#ifndef LIAISON_ADAPTERS_SOCIAL_CARE_SOCIAL_CARE_PARSER_H_
#define LIAISON_ADAPTERS_SOCIAL_CARE_SOCIAL_CARE_PARSER_H_

// The children's social care adapter's parser: referral and child protection
// records become referral notifications, one per adult of concern, from
// JSON Lines (a "recordType" of "referral" or "childProtection") or CSV (a
// record_type column). The formats, code tables and source_ref rules are in
// docs/adapters/social_care.md.
//
// Stateless and thread-safe.

#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "adapters/common/parser.h"

namespace liaison::adapters::social_care {

class SocialCareParser : public RecordParser {
 public:
  absl::string_view name() const override { return "social_care"; }

  // One action per adult of concern (none when the record names none: it is
  // not relevant). INVALID_ARGUMENT "path: problem" for an unknown record
  // type, a missing or malformed field, or a notification the broker's
  // validation would refuse.
  absl::StatusOr<std::vector<v1::Action>> ParseJson(absl::string_view line, absl::Time now) const override;

  // As ParseJson, for one CSV row (one adult of concern's worth).
  absl::StatusOr<std::vector<v1::Action>> ParseCsv(const CsvRow& row, absl::Time now) const override;
};

}  // namespace liaison::adapters::social_care

#endif  // LIAISON_ADAPTERS_SOCIAL_CARE_SOCIAL_CARE_PARSER_H_
