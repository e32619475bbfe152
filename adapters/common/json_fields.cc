#include "adapters/common/json_fields.h"

#include <cmath>
#include <cstdint>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "google/protobuf/util/json_util.h"

namespace liaison::adapters {
namespace {

using google::protobuf::Struct;
using google::protobuf::Value;

constexpr int kMaxDepth = 32;

// Nesting depth of `text`, counting brackets outside strings. Checked
// before the protobuf parser sees the text, so a hostile record cannot
// recurse deeply.
bool WithinDepth(absl::string_view text) {
  int depth = 0;
  bool in_string = false;
  bool escaped = false;
  for (char c : text) {
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      if (++depth > kMaxDepth) return false;
    } else if (c == '}' || c == ']') {
      --depth;
    }
  }
  return true;
}

absl::StatusOr<int> TwoOrFourDigits(absl::string_view text, size_t digits) {
  int value = 0;
  if (text.size() != digits) return absl::InvalidArgumentError("");
  for (char c : text) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) return absl::InvalidArgumentError("");
    value = value * 10 + (c - '0');
  }
  return value;
}

const absl::TimeZone& London() {
  static const absl::TimeZone* zone = [] {
    auto* z = new absl::TimeZone;
    if (!absl::LoadTimeZone("Europe/London", z)) *z = absl::UTCTimeZone();
    return z;
  }();
  return *zone;
}

}  // namespace

absl::Status JsonFieldError(absl::string_view path, absl::string_view problem) {
  return absl::InvalidArgumentError(absl::StrCat(path, ": ", problem));
}

absl::StatusOr<Struct> ParseJsonObject(absl::string_view text, size_t max_bytes) {
  if (text.size() > max_bytes) {
    return absl::InvalidArgumentError(absl::StrCat("record: ", text.size(), " bytes; the limit is ", max_bytes));
  }
  absl::string_view trimmed = absl::StripAsciiWhitespace(text);
  if (trimmed.empty() || trimmed.front() != '{') {
    return absl::InvalidArgumentError("record: must be a JSON object");
  }
  if (!WithinDepth(trimmed)) {
    return absl::InvalidArgumentError(absl::StrCat("record: nested deeper than ", kMaxDepth, " levels"));
  }
  Struct object;
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = false;
  // The parser's own message quotes the input, which may be personal data.
  if (!google::protobuf::util::JsonStringToMessage(std::string(trimmed), &object, options).ok()) {
    return absl::InvalidArgumentError("record: not valid JSON");
  }
  return object;
}

JsonObject::JsonObject(const Struct* object, std::string path) : object_(object), path_(std::move(path)) {}

std::string JsonObject::PathOf(absl::string_view key) const {
  return path_.empty() ? std::string(key) : absl::StrCat(path_, ".", key);
}

const Value* JsonObject::Find(absl::string_view key) const {
  auto it = object_->fields().find(std::string(key));
  if (it == object_->fields().end() || it->second.kind_case() == Value::kNullValue) return nullptr;
  return &it->second;
}

bool JsonObject::Has(absl::string_view key) const { return Find(key) != nullptr; }

absl::StatusOr<std::optional<std::string>> JsonObject::OptionalString(absl::string_view key) const {
  const Value* value = Find(key);
  if (value == nullptr) return std::optional<std::string>();
  if (value->kind_case() != Value::kStringValue) return JsonFieldError(PathOf(key), "must be a string");
  absl::string_view text = absl::StripAsciiWhitespace(value->string_value());
  if (text.empty()) return std::optional<std::string>();
  return std::optional<std::string>(std::string(text));
}

absl::StatusOr<std::string> JsonObject::RequiredString(absl::string_view key) const {
  auto value = OptionalString(key);
  if (!value.ok()) return value.status();
  if (!value->has_value()) return JsonFieldError(PathOf(key), "is required");
  return **std::move(value);
}

absl::StatusOr<std::optional<int64_t>> JsonObject::OptionalInt(absl::string_view key) const {
  const Value* value = Find(key);
  if (value == nullptr) return std::optional<int64_t>();
  if (value->kind_case() == Value::kNumberValue) {
    double d = value->number_value();
    if (!std::isfinite(d) || d != std::floor(d) || std::fabs(d) > 9.0e15) {
      return JsonFieldError(PathOf(key), "must be a whole number");
    }
    return std::optional<int64_t>(static_cast<int64_t>(d));
  }
  if (value->kind_case() == Value::kStringValue) {
    int64_t parsed = 0;
    absl::string_view text = absl::StripAsciiWhitespace(value->string_value());
    if (text.empty()) return std::optional<int64_t>();
    if (!absl::SimpleAtoi(text, &parsed)) return JsonFieldError(PathOf(key), "must be a whole number");
    return std::optional<int64_t>(parsed);
  }
  return JsonFieldError(PathOf(key), "must be a whole number");
}

absl::StatusOr<std::optional<bool>> JsonObject::OptionalBool(absl::string_view key) const {
  const Value* value = Find(key);
  if (value == nullptr) return std::optional<bool>();
  if (value->kind_case() == Value::kBoolValue) return std::optional<bool>(value->bool_value());
  if (value->kind_case() == Value::kStringValue) {
    std::string text = absl::AsciiStrToLower(absl::StripAsciiWhitespace(value->string_value()));
    if (text.empty()) return std::optional<bool>();
    if (text == "true" || text == "yes" || text == "y" || text == "1") return std::optional<bool>(true);
    if (text == "false" || text == "no" || text == "n" || text == "0") return std::optional<bool>(false);
  }
  return JsonFieldError(PathOf(key), "must be true or false");
}

absl::StatusOr<std::optional<JsonObject>> JsonObject::OptionalObject(absl::string_view key) const {
  const Value* value = Find(key);
  if (value == nullptr) return std::optional<JsonObject>();
  if (value->kind_case() != Value::kStructValue) return JsonFieldError(PathOf(key), "must be an object");
  return std::optional<JsonObject>(JsonObject(&value->struct_value(), PathOf(key)));
}

absl::StatusOr<JsonObject> JsonObject::RequiredObject(absl::string_view key) const {
  auto value = OptionalObject(key);
  if (!value.ok()) return value.status();
  if (!value->has_value()) return JsonFieldError(PathOf(key), "is required");
  return **value;
}

absl::StatusOr<std::vector<JsonObject>> JsonObject::ObjectArray(absl::string_view key) const {
  std::vector<JsonObject> out;
  const Value* value = Find(key);
  if (value == nullptr) return out;
  if (value->kind_case() != Value::kListValue) return JsonFieldError(PathOf(key), "must be an array");
  const auto& items = value->list_value().values();
  for (int i = 0; i < items.size(); ++i) {
    std::string path = absl::StrCat(PathOf(key), "[", i, "]");
    if (items[i].kind_case() != Value::kStructValue) return JsonFieldError(path, "must be an object");
    out.emplace_back(&items[i].struct_value(), std::move(path));
  }
  return out;
}

absl::StatusOr<std::vector<std::string>> JsonObject::StringArray(absl::string_view key) const {
  std::vector<std::string> out;
  const Value* value = Find(key);
  if (value == nullptr) return out;
  if (value->kind_case() != Value::kListValue) return JsonFieldError(PathOf(key), "must be an array");
  const auto& items = value->list_value().values();
  for (int i = 0; i < items.size(); ++i) {
    if (items[i].kind_case() != Value::kStringValue) {
      return JsonFieldError(absl::StrCat(PathOf(key), "[", i, "]"), "must be a string");
    }
    absl::string_view text = absl::StripAsciiWhitespace(items[i].string_value());
    if (!text.empty()) out.emplace_back(text);
  }
  return out;
}

absl::StatusOr<std::optional<absl::Time>> JsonObject::OptionalTime(absl::string_view key) const {
  auto text = OptionalString(key);
  if (!text.ok()) return text.status();
  if (!text->has_value()) return std::optional<absl::Time>();
  auto time = ParseTimestamp(**text);
  if (!time.ok()) return JsonFieldError(PathOf(key), time.status().message());
  return std::optional<absl::Time>(*time);
}

absl::StatusOr<absl::Time> JsonObject::RequiredTime(absl::string_view key) const {
  auto value = OptionalTime(key);
  if (!value.ok()) return value.status();
  if (!value->has_value()) return JsonFieldError(PathOf(key), "is required");
  return **value;
}

absl::StatusOr<std::optional<std::string>> JsonObject::OptionalDate(absl::string_view key) const {
  auto text = OptionalString(key);
  if (!text.ok()) return text.status();
  if (!text->has_value()) return std::optional<std::string>();
  auto date = NormaliseDate(**text);
  if (!date.ok()) return JsonFieldError(PathOf(key), date.status().message());
  return std::optional<std::string>(*std::move(date));
}

absl::StatusOr<absl::Time> ParseTimestamp(absl::string_view text) {
  text = absl::StripAsciiWhitespace(text);
  std::string error;
  absl::Time time;
  // With a zone: RFC 3339 (fractional seconds allowed).
  if (absl::ParseTime(absl::RFC3339_full, text, &time, &error)) return time;
  static constexpr const char* kLocalFormats[] = {
      "%Y-%m-%dT%H:%M:%E*S", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%E*S", "%Y-%m-%d %H:%M",
      "%d/%m/%Y %H:%M:%S",   "%d/%m/%Y %H:%M", "%Y-%m-%d",
  };
  for (const char* format : kLocalFormats) {
    if (absl::ParseTime(format, text, London(), &time, &error)) return time;
  }
  return absl::InvalidArgumentError(
      "must be a date and time such as 2026-11-02T21:40:00Z or 02/11/2026 21:40 (UK time)");
}

absl::StatusOr<std::string> NormaliseDate(absl::string_view text) {
  text = absl::StripAsciiWhitespace(text);
  const absl::Status shape = absl::InvalidArgumentError(
      "must be a date such as 1988-03-14, 14/03/1988 or 19880314");
  absl::string_view date = text;
  // A timestamp's date part.
  if (date.size() > 10 && (date[10] == 'T' || date[10] == ' ')) date = date.substr(0, 10);
  int year = 0, first = 0, second = 0;  // YYYY-first-second or first/second/YYYY
  bool year_first = false;
  if (date.size() == 8) {
    auto y = TwoOrFourDigits(date.substr(0, 4), 4);
    auto m = TwoOrFourDigits(date.substr(4, 2), 2);
    auto d = TwoOrFourDigits(date.substr(6, 2), 2);
    if (!y.ok() || !m.ok() || !d.ok()) return shape;
    year = *y, first = *m, second = *d, year_first = true;
  } else if (date.size() == 10) {
    char sep = date[4];
    if (sep == '-' || sep == '/' || sep == '.') {
      if (date[7] != sep) return shape;
      auto y = TwoOrFourDigits(date.substr(0, 4), 4);
      auto m = TwoOrFourDigits(date.substr(5, 2), 2);
      auto d = TwoOrFourDigits(date.substr(8, 2), 2);
      if (!y.ok() || !m.ok() || !d.ok()) return shape;
      year = *y, first = *m, second = *d, year_first = true;
    } else {
      sep = date[2];
      if ((sep != '-' && sep != '/' && sep != '.') || date[5] != sep) return shape;
      auto d = TwoOrFourDigits(date.substr(0, 2), 2);
      auto m = TwoOrFourDigits(date.substr(3, 2), 2);
      auto y = TwoOrFourDigits(date.substr(6, 4), 4);
      if (!y.ok() || !m.ok() || !d.ok()) return shape;
      year = *y, first = *m, second = *d;  // first = month, second = day
    }
  } else {
    return shape;
  }
  (void)year_first;
  int month = first, day = second;
  const bool plain = month >= 1 && month <= 12 && day >= 1 && day <= 31;
  const bool swapped = day >= 1 && day <= 12 && month >= 1 && month <= 31;
  if (year < 1900 || year > 2199 || (!plain && !swapped)) {
    return absl::InvalidArgumentError("is not a possible date (year 1900-2199, month 1-12, day 1-31)");
  }
  // A month past 12 with a day of 12 or less can only be day-for-month:
  // swap it back (the broker accepts only real months; the matcher still
  // scores a swap of an ambiguous date such as 03/04).
  if (!plain) std::swap(month, day);
  return absl::StrFormat("%04d-%02d-%02d", year, month, day);
}

}  // namespace liaison::adapters
