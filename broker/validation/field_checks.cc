#include "broker/validation/field_checks.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "broker/common/proto_time.h"
#include "broker/identifiers/identifiers.h"

namespace liaison::validation {

absl::Status FieldError(absl::string_view path, absl::string_view reason) {
  return absl::InvalidArgumentError(absl::StrCat(path, ": ", reason));
}

std::string Indexed(absl::string_view path, int index) { return absl::StrCat(path, "[", index, "]"); }

std::string Child(absl::string_view path, absl::string_view field) {
  return path.empty() ? std::string(field) : absl::StrCat(path, ".", field);
}

absl::Status CheckTimestamp(absl::string_view path, const google::protobuf::Timestamp& t, absl::Time now,
                            bool required) {
  if (t.seconds() == 0 && t.nanos() == 0) return required ? FieldError(path, "is required") : absl::OkStatus();
  if (t.nanos() < 0 || t.nanos() > 999999999) return FieldError(path, "nanos out of range");
  const absl::Time time = FromProtoTime(t);
  if (time < absl::FromCivil(absl::CivilDay(1900, 1, 1), absl::UTCTimeZone())) {
    return FieldError(path, "is before 1900");
  }
  if (time > now + kMaxFutureSkew) return FieldError(path, "is more than an hour in the future");
  return absl::OkStatus();
}

absl::Status CheckText(absl::string_view path, absl::string_view value, size_t max_chars, bool required,
                       TextKind kind) {
  if (value.empty()) return required ? FieldError(path, "is required") : absl::OkStatus();
  if (value.size() > max_chars) {
    return FieldError(path, absl::StrCat("is ", value.size(), " bytes; the limit is ", max_chars));
  }
  for (unsigned char c : value) {
    const bool allowed_space = kind == TextKind::kMultiline && (c == '\n' || c == '\t' || c == '\r');
    if ((c < 0x20 && !allowed_space) || c == 0x7f) {
      return FieldError(path, "contains a control character");
    }
  }
  return absl::OkStatus();
}

absl::Status CheckId(absl::string_view path, absl::string_view value) {
  if (value.empty()) return FieldError(path, "is required");
  if (value.size() > 64) return FieldError(path, "is longer than 64 characters");
  for (char c : value) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '_' && c != ':' && c != '-') {
      return FieldError(path, "may contain only letters, digits and . _ : -");
    }
  }
  return absl::OkStatus();
}

absl::Status CheckDateShape(absl::string_view path, absl::string_view value) {
  if (value.empty()) return absl::OkStatus();
  auto digits = [&](size_t from, size_t n) {
    for (size_t i = from; i < from + n; ++i) {
      if (!absl::ascii_isdigit(static_cast<unsigned char>(value[i]))) return false;
    }
    return true;
  };
  const bool shaped = value.size() == 10 && value[4] == '-' && value[7] == '-' && digits(0, 4) &&
                      digits(5, 2) && digits(8, 2);
  if (!shaped) return FieldError(path, "must be a date written YYYY-MM-DD");
  const int month = (value[5] - '0') * 10 + (value[6] - '0');
  const int day = (value[8] - '0') * 10 + (value[9] - '0');
  if (month < 1 || month > 12 || day < 1 || day > 31) {
    return FieldError(path, "month must be 01-12 and day 01-31");
  }
  return absl::OkStatus();
}

absl::Status CanonicalizeIdentifiers(absl::string_view path,
                                     google::protobuf::RepeatedPtrField<v1::Identifier>* ids,
                                     absl::CivilYear current_year) {
  if (ids->size() > 8) return FieldError(path, "more than 8 identifiers");
  google::protobuf::RepeatedPtrField<v1::Identifier> kept;
  for (int i = 0; i < ids->size(); ++i) {
    v1::Identifier& id = (*ids)[i];
    const std::string id_path = Indexed(path, i);
    if (id.type() == v1::IDENTIFIER_TYPE_UNSPECIFIED || !v1::IdentifierType_IsValid(id.type())) {
      return FieldError(Child(id_path, "type"), "must be PNC, CRO, NOMS or CRN");
    }
    auto canonical = identifiers::Canonicalize(id.type(), id.value(), current_year);
    if (!canonical.ok()) return FieldError(Child(id_path, "value"), canonical.status().message());
    if (!canonical->has_value()) continue;  // a placeholder: treat as absent
    id.set_value(**canonical);
    *kept.Add() = id;
  }
  ids->Swap(&kept);
  return absl::OkStatus();
}

}  // namespace liaison::validation
