#include "adapters/common/csv_fields.h"

#include <climits>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "adapters/common/json_fields.h"
#include "broker/common/status_macros.h"
#include "google/protobuf/stubs/common.h"

namespace liaison::adapters {

std::string NormaliseColumnName(absl::string_view name) {
  std::string out;
  for (char c : name) {
    if (c == ' ' || c == '_' || c == '-' || c == '\t') continue;
    out.push_back(absl::ascii_tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

CsvFields::CsvFields(const CsvRow& row) : row_(row) {
  keys_.reserve(row.header.size());
  for (const std::string& name : row.header) keys_.push_back(NormaliseColumnName(name));
}

std::string CsvFields::PathOf(absl::string_view column) { return absl::StrCat("column ", column); }

bool CsvFields::HasColumn(absl::string_view column) const {
  const std::string key = NormaliseColumnName(column);
  for (const std::string& k : keys_) {
    if (k == key) return true;
  }
  return false;
}

std::optional<std::string> CsvFields::Optional(absl::string_view column) const {
  const std::string key = NormaliseColumnName(column);
  for (size_t i = 0; i < keys_.size() && i < row_.fields.size(); ++i) {
    if (keys_[i] != key) continue;
    absl::string_view value = absl::StripAsciiWhitespace(row_.fields[i]);
    if (value.empty()) return std::nullopt;
    return std::string(value);
  }
  return std::nullopt;
}

absl::StatusOr<std::string> CsvFields::Required(absl::string_view column) const {
  auto value = Optional(column);
  if (!value.has_value()) return JsonFieldError(PathOf(column), "is required");
  return *std::move(value);
}

absl::StatusOr<std::optional<int64_t>> CsvFields::OptionalInt(absl::string_view column) const {
  auto value = Optional(column);
  if (!value.has_value()) return std::optional<int64_t>();
  int64_t parsed = 0;
  if (!absl::SimpleAtoi(*value, &parsed)) return JsonFieldError(PathOf(column), "must be a whole number");
  return std::optional<int64_t>(parsed);
}

absl::StatusOr<std::optional<bool>> CsvFields::OptionalBool(absl::string_view column) const {
  auto value = Optional(column);
  if (!value.has_value()) return std::optional<bool>();
  const std::string text = absl::AsciiStrToLower(*value);
  if (text == "true" || text == "yes" || text == "y" || text == "1") return std::optional<bool>(true);
  if (text == "false" || text == "no" || text == "n" || text == "0") return std::optional<bool>(false);
  return JsonFieldError(PathOf(column), "must be true or false (Y/N)");
}

absl::StatusOr<std::optional<absl::Time>> CsvFields::OptionalTime(absl::string_view column) const {
  auto value = Optional(column);
  if (!value.has_value()) return std::optional<absl::Time>();
  auto time = ParseTimestamp(*value);
  if (!time.ok()) return JsonFieldError(PathOf(column), time.status().message());
  return std::optional<absl::Time>(*time);
}

absl::StatusOr<absl::Time> CsvFields::RequiredTime(absl::string_view column) const {
  auto value = OptionalTime(column);
  if (!value.ok()) return value.status();
  if (!value->has_value()) return JsonFieldError(PathOf(column), "is required");
  return **value;
}

absl::StatusOr<std::optional<std::string>> CsvFields::OptionalDate(absl::string_view column) const {
  auto value = Optional(column);
  if (!value.has_value()) return std::optional<std::string>();
  auto date = NormaliseDate(*value);
  if (!date.ok()) return JsonFieldError(PathOf(column), date.status().message());
  return std::optional<std::string>(*std::move(date));
}

std::vector<std::string> CsvFields::List(absl::string_view column, char separator) const {
  std::vector<std::string> out;
  auto value = Optional(column);
  if (!value.has_value()) return out;
  for (absl::string_view part : absl::StrSplit(*value, separator)) {
    part = absl::StripAsciiWhitespace(part);
    if (!part.empty()) out.emplace_back(part);
  }
  return out;
}

absl::Status CheckCsvUtf8(const CsvRow& row) {
  const auto check = [](const std::vector<std::string>& cells, absl::string_view what) {
    for (size_t i = 0; i < cells.size(); ++i) {
      const std::string& cell = cells[i];
      if (cell.size() > INT_MAX || !google::protobuf::internal::IsStructurallyValidUTF8(cell.data(), cell.size())) {
        return JsonFieldError(absl::StrCat(what, i + 1), "is not valid UTF-8");
      }
    }
    return absl::OkStatus();
  };
  RETURN_IF_ERROR(check(row.header, "header column "));
  return check(row.fields, "column ");
}

}  // namespace liaison::adapters
