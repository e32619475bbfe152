#ifndef LIAISON_ADAPTERS_COMMON_HMPPS_EVENT_H_
#define LIAISON_ADAPTERS_COMMON_HMPPS_EVENT_H_

// HMPPS domain events (domain.md "Existing event format worth accepting"):
//   {"eventType": "...", "version": 1, "occurredAt": "...", "description": "...",
//    "detailUrl": "...", "personReference": {"identifiers": [{"type": "CRN",
//    "value": "X777776"}]}, "additionalInformation": {...}}
// read into a DomainEvent for the prison and probation parsers. Events carry
// no id and the same event can arrive twice, so Digest() derives a stable
// reference from the fields that define the event. Errors are
// INVALID_ARGUMENT "path: problem" and never quote a value.

#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "adapters/common/json_fields.h"
#include "google/protobuf/struct.pb.h"
#include "liaison/adapters/v1/adapter.pb.h"
#include "liaison/v1/person.pb.h"

namespace liaison::adapters {

// One entry of personReference.identifiers, as sent (type upper-cased,
// value trimmed; not canonicalised).
struct EventIdentifier {
  std::string type;
  std::string value;
};

// A parsed domain event. Owns the parsed JSON, so the JsonObjects it hands
// out stay valid for the event's lifetime (also across moves). Immutable
// after parsing; safe to read from several threads.
class DomainEvent {
 public:
  // Parses one JSON line. INVALID_ARGUMENT for malformed JSON, a missing or
  // non-string eventType, a missing or unreadable occurredAt (any shape
  // ParseTimestamp accepts), or a malformed personReference.
  static absl::StatusOr<DomainEvent> Parse(absl::string_view line);
  // The same from an already parsed top-level object (taken over).
  static absl::StatusOr<DomainEvent> FromObject(google::protobuf::Struct object);

  const std::string& event_type() const { return event_type_; }
  // nullopt when the event has no version.
  std::optional<int64_t> version() const { return version_; }
  absl::Time occurred_at() const { return occurred_at_; }
  const std::vector<EventIdentifier>& identifiers() const { return identifiers_; }

  // The value of the first identifier of `type` (compared
  // case-insensitively), or nullopt.
  std::optional<std::string> IdentifierOf(absl::string_view type) const;

  // The canonical identifier of `type` for the event's person:
  // additionalInformation.<key> when present (and `key` is not empty), else
  // the personReference identifier of that type. INVALID_ARGUMENT, naming
  // the field, when neither is present ("is required"), when both are and
  // differ, or when the one used is malformed.
  absl::StatusOr<std::string> PersonIdentifier(liaison::v1::IdentifierType type, absl::string_view key) const;

  // OK when occurredAt is plausible at `now`: INVALID_ARGUMENT
  // "occurredAt: ..." when it is before 1900 or more than an hour after
  // `now` (the broker's own bounds).
  absl::Status CheckOccurredAt(absl::Time now) const;

  // additionalInformation (path "additionalInformation"); an empty object
  // when the event has none.
  JsonObject additional_information() const;

  // 32 lower-case hex characters: the first 128 bits of SHA-256 over the
  // canonical event (eventType, occurredAt as parsed, in UTC, the
  // identifiers sorted, and the named additionalInformation fields with
  // their values, objects with sorted keys). Two deliveries of one event give
  // the same digest whatever their key order or whitespace.
  std::string Digest(std::initializer_list<absl::string_view> additional_fields) const;

  // "evt:" + Digest(...): the change_ref for a registry change made from
  // this event.
  std::string ChangeRef(std::initializer_list<absl::string_view> additional_fields) const;

 private:
  DomainEvent() = default;

  std::unique_ptr<google::protobuf::Struct> object_;
  const google::protobuf::Struct* additional_ = nullptr;
  std::string event_type_;
  std::optional<int64_t> version_;
  absl::Time occurred_at_;
  std::vector<EventIdentifier> identifiers_;
};

// True when a parsed JSON line is a domain event (has "eventType").
bool IsDomainEvent(const google::protobuf::Struct& object);

// What the prison and probation adapters accept on a JSON line: a domain
// event, handed to `on_event`, or the adapter's own record with
// "recordType": `record_type`, handed to `on_record`. INVALID_ARGUMENT for
// malformed JSON, an unreadable event, a line that is neither, or another
// record type.
using EventActionsFn = absl::FunctionRef<absl::StatusOr<std::vector<v1::Action>>(const DomainEvent&, absl::Time)>;
using RecordActionsFn = absl::FunctionRef<absl::StatusOr<std::vector<v1::Action>>(const JsonObject&, absl::Time)>;
absl::StatusOr<std::vector<v1::Action>> ParseEventOrRecord(absl::string_view line, absl::Time now,
                                                           absl::string_view record_type, EventActionsFn on_event,
                                                           RecordActionsFn on_record);

}  // namespace liaison::adapters

#endif  // LIAISON_ADAPTERS_COMMON_HMPPS_EVENT_H_
