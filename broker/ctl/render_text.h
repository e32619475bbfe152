#ifndef LIAISON_BROKER_CTL_RENDER_TEXT_H_
#define LIAISON_BROKER_CTL_RENDER_TEXT_H_

// Readable text forms of the broker's records, as TextBlocks ("key: value"
// lines, each ending in '\n').

#include <string>

#include "google/protobuf/descriptor.h"
#include "google/protobuf/timestamp.pb.h"
#include "liaison/v1/alert.pb.h"
#include "liaison/v1/audit.pb.h"
#include "liaison/v1/offender.pb.h"
#include "liaison/v1/person.pb.h"

namespace liaison::ctl {

// Sequence, alert id, state, priority, recipient and role, CRN, event kind
// and summary, delivery attempt, and the share's basis.
std::string RenderAlert(const v1::Alert& alert);

// Sequence, time, actor, action, the ids it is about, the decision details
// and the first 12 hex digits of the entry hash.
std::string RenderAuditEntry(const v1::AuditEntry& entry);

// The record's identifiers, names, case details and staff.
std::string RenderOffender(const v1::OffenderRecord& offender);

// A person as an agency recorded them: name, aliases, date of birth,
// addresses and identifiers.
std::string RenderPerson(const v1::PersonDescriptor& person);

// The record's CRN, name and merged_into ("(not merged)" when unset).
std::string RenderOffenderBrief(const v1::OffenderRecord& offender);

// The value's name without its type's prefix ("IMMEDIATE" for
// PRIORITY_IMMEDIATE); the number when the value is unknown.
std::string ShortEnumName(const google::protobuf::EnumDescriptor* type, int value);

template <typename Enum>
std::string ShortEnumName(Enum value) {
  return ShortEnumName(google::protobuf::GetEnumDescriptor<Enum>(), static_cast<int>(value));
}

// RFC 3339 in UTC ("2026-11-22T10:00:00Z"); "" for an unset (zero) time.
std::string FormatTimestamp(const google::protobuf::Timestamp& timestamp);

}  // namespace liaison::ctl

#endif  // LIAISON_BROKER_CTL_RENDER_TEXT_H_
