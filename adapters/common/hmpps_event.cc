#include "adapters/common/hmpps_event.h"

#include <algorithm>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/strip.h"
#include "broker/common/crypto.h"
#include "broker/common/status_macros.h"
#include "broker/identifiers/identifiers.h"

namespace liaison::adapters {
namespace {

using google::protobuf::Struct;
using google::protobuf::Value;

constexpr size_t kDigestHexChars = 32;

// Appends `text` length-prefixed, so no two different sequences of parts
// serialise alike.
void AppendPart(absl::string_view text, std::string* out) { absl::StrAppend(out, text.size(), ":", text); }

void AppendCanonical(const Value& value, std::string* out);

void AppendCanonical(const Struct& object, std::string* out) {
  std::vector<const std::string*> keys;
  keys.reserve(object.fields().size());
  for (const auto& [key, unused] : object.fields()) keys.push_back(&key);
  std::sort(keys.begin(), keys.end(), [](const std::string* a, const std::string* b) { return *a < *b; });
  absl::StrAppend(out, "{", keys.size(), ";");
  for (const std::string* key : keys) {
    AppendPart(*key, out);
    AppendCanonical(object.fields().at(*key), out);
  }
  out->append("}");
}

void AppendCanonical(const Value& value, std::string* out) {
  switch (value.kind_case()) {
    case Value::kStringValue:
      out->append("s");
      AppendPart(absl::StripAsciiWhitespace(value.string_value()), out);
      return;
    case Value::kNumberValue:
      absl::StrAppend(out, "n", absl::StrFormat("%.17g", value.number_value()), ";");
      return;
    case Value::kBoolValue:
      out->append(value.bool_value() ? "t" : "f");
      return;
    case Value::kStructValue:
      AppendCanonical(value.struct_value(), out);
      return;
    case Value::kListValue:
      absl::StrAppend(out, "[", value.list_value().values_size(), ";");
      for (const Value& item : value.list_value().values()) AppendCanonical(item, out);
      out->append("]");
      return;
    default:  // null or unset: as absent
      out->append("z");
      return;
  }
}

absl::StatusOr<std::vector<EventIdentifier>> ReadIdentifiers(const JsonObject& root) {
  std::vector<EventIdentifier> out;
  ASSIGN_OR_RETURN(std::optional<JsonObject> reference, root.OptionalObject("personReference"));
  if (!reference.has_value()) return out;
  ASSIGN_OR_RETURN(std::vector<JsonObject> items, reference->ObjectArray("identifiers"));
  for (const JsonObject& item : items) {
    ASSIGN_OR_RETURN(std::string type, item.RequiredString("type"));
    ASSIGN_OR_RETURN(std::string value, item.RequiredString("value"));
    out.push_back(EventIdentifier{absl::AsciiStrToUpper(type), std::move(value)});
  }
  return out;
}

}  // namespace

bool IsDomainEvent(const Struct& object) { return object.fields().contains("eventType"); }

absl::StatusOr<std::vector<v1::Action>> ParseEventOrRecord(absl::string_view line, absl::Time now,
                                                           absl::string_view record_type, EventActionsFn on_event,
                                                           RecordActionsFn on_record) {
  ASSIGN_OR_RETURN(Struct object, ParseJsonObject(line));
  if (IsDomainEvent(object)) {
    ASSIGN_OR_RETURN(DomainEvent event, DomainEvent::FromObject(std::move(object)));
    return on_event(event, now);
  }
  const JsonObject record(&object, "");
  ASSIGN_OR_RETURN(std::optional<std::string> type, record.OptionalString("recordType"));
  if (!type.has_value()) {
    return JsonFieldError(
        "record", absl::StrCat("neither a domain event (eventType) nor a ", record_type, " record (recordType)"));
  }
  if (*type != record_type) return JsonFieldError("recordType", absl::StrCat("is not ", record_type));
  return on_record(record, now);
}

absl::StatusOr<DomainEvent> DomainEvent::Parse(absl::string_view line) {
  ASSIGN_OR_RETURN(Struct object, ParseJsonObject(line));
  return FromObject(std::move(object));
}

absl::StatusOr<DomainEvent> DomainEvent::FromObject(Struct object) {
  DomainEvent event;
  event.object_ = std::make_unique<Struct>(std::move(object));
  const JsonObject root(event.object_.get(), "");
  ASSIGN_OR_RETURN(event.event_type_, root.RequiredString("eventType"));
  ASSIGN_OR_RETURN(event.version_, root.OptionalInt("version"));
  ASSIGN_OR_RETURN(event.occurred_at_, root.RequiredTime("occurredAt"));
  ASSIGN_OR_RETURN(event.identifiers_, ReadIdentifiers(root));
  ASSIGN_OR_RETURN(std::optional<JsonObject> additional, root.OptionalObject("additionalInformation"));
  event.additional_ = additional.has_value() ? &additional->raw() : &Struct::default_instance();
  return event;
}

std::optional<std::string> DomainEvent::IdentifierOf(absl::string_view type) const {
  for (const EventIdentifier& id : identifiers_) {
    if (absl::EqualsIgnoreCase(id.type, type)) return id.value;
  }
  return std::nullopt;
}

absl::StatusOr<std::string> DomainEvent::PersonIdentifier(liaison::v1::IdentifierType type,
                                                          absl::string_view key) const {
  const std::string type_name =
      absl::AsciiStrToUpper(absl::StripPrefix(liaison::v1::IdentifierType_Name(type), "IDENTIFIER_TYPE_"));
  const absl::CivilYear year = absl::ToCivilYear(occurred_at_, absl::UTCTimeZone());
  const JsonObject additional = additional_information();
  std::optional<std::string> from_reference;
  if (std::optional<std::string> raw = IdentifierOf(type_name)) {
    auto canonical = identifiers::Canonicalize(type, *raw, year);
    if (!canonical.ok()) return JsonFieldError("personReference.identifiers", canonical.status().message());
    from_reference = *canonical;
  }
  std::optional<std::string> from_additional;
  if (!key.empty()) {
    ASSIGN_OR_RETURN(std::optional<std::string> raw, additional.OptionalString(key));
    if (raw.has_value()) {
      auto canonical = identifiers::Canonicalize(type, *raw, year);
      if (!canonical.ok()) return JsonFieldError(additional.PathOf(key), canonical.status().message());
      from_additional = *canonical;
    }
  }
  if (from_additional.has_value()) {
    if (from_reference.has_value() && *from_reference != *from_additional) {
      return JsonFieldError(additional.PathOf(key),
                            absl::StrCat("disagrees with the ", type_name, " in personReference.identifiers"));
    }
    return *from_additional;
  }
  if (from_reference.has_value()) return *from_reference;
  if (!key.empty()) return JsonFieldError(additional.PathOf(key), "is required");
  return JsonFieldError("personReference.identifiers", absl::StrCat("a ", type_name, " is required"));
}

absl::Status DomainEvent::CheckOccurredAt(absl::Time now) const {
  if (occurred_at_ < absl::FromCivil(absl::CivilDay(1900, 1, 1), absl::UTCTimeZone())) {
    return JsonFieldError("occurredAt", "is before 1900");
  }
  if (occurred_at_ > now + absl::Hours(1)) return JsonFieldError("occurredAt", "is more than an hour in the future");
  return absl::OkStatus();
}

JsonObject DomainEvent::additional_information() const { return JsonObject(additional_, "additionalInformation"); }

std::string DomainEvent::Digest(std::initializer_list<absl::string_view> additional_fields) const {
  std::string canonical;
  AppendPart("eventType", &canonical);
  AppendPart(event_type_, &canonical);
  AppendPart("occurredAt", &canonical);
  AppendPart(absl::FormatTime(absl::RFC3339_full, occurred_at_, absl::UTCTimeZone()), &canonical);
  std::vector<std::pair<std::string, std::string>> ids;
  for (const EventIdentifier& id : identifiers_) {
    ids.emplace_back(id.type, absl::AsciiStrToUpper(absl::StripAsciiWhitespace(id.value)));
  }
  std::sort(ids.begin(), ids.end());
  absl::StrAppend(&canonical, "identifiers", ids.size(), ";");
  for (const auto& [type, value] : ids) {
    AppendPart(type, &canonical);
    AppendPart(value, &canonical);
  }
  for (absl::string_view field : additional_fields) {
    AppendPart(field, &canonical);
    auto it = additional_->fields().find(std::string(field));
    if (it == additional_->fields().end()) {
      canonical.append("z");
    } else {
      AppendCanonical(it->second, &canonical);
    }
  }
  return ToHex(Sha256({canonical})).substr(0, kDigestHexChars);
}

std::string DomainEvent::ChangeRef(std::initializer_list<absl::string_view> additional_fields) const {
  return absl::StrCat("evt:", Digest(additional_fields));
}

}  // namespace liaison::adapters
