#include "adapters/police/person_fields.h"

#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/time/civil_time.h"
#include "adapters/police/record_fields.h"
#include "broker/common/status_macros.h"
#include "broker/identifiers/identifiers.h"

namespace liaison::adapters::records {
namespace {

constexpr int kMaxAge = 130;
constexpr size_t kMaxPersonRefChars = 20;

// Runs of spaces (and tabs) read as one space.
std::string CollapseSpaces(absl::string_view text) {
  return absl::StrJoin(absl::StrSplit(text, absl::ByAnyChar(" \t"), absl::SkipEmpty()), " ");
}

// "SURNAME, Forenames" or a surname alone.
liaison::v1::PersonName AliasName(absl::string_view text) {
  liaison::v1::PersonName name;
  const size_t comma = text.find(',');
  if (comma == absl::string_view::npos) {
    name.set_family_name(CollapseSpaces(text));
  } else {
    name.set_family_name(CollapseSpaces(text.substr(0, comma)));
    name.set_given_names(CollapseSpaces(text.substr(comma + 1)));
  }
  return name;
}

void SetName(const std::optional<std::string>& forenames, const std::optional<std::string>& surname,
             liaison::v1::PersonDescriptor* person) {
  if (forenames.has_value()) person->mutable_name()->set_given_names(CollapseSpaces(*forenames));
  if (surname.has_value()) person->mutable_name()->set_family_name(CollapseSpaces(*surname));
}

void AddAliases(const std::vector<std::string>& aliases, liaison::v1::PersonDescriptor* person) {
  for (const std::string& alias : aliases) {
    liaison::v1::PersonName name = AliasName(alias);
    if (!name.family_name().empty() || !name.given_names().empty()) *person->add_aliases() = std::move(name);
  }
}

// Validates and canonicalises one identifier; a placeholder is dropped.
absl::Status AddIdentifier(absl::string_view path, liaison::v1::IdentifierType type,
                           const std::optional<std::string>& value, absl::Time now,
                           liaison::v1::PersonDescriptor* person) {
  if (!value.has_value()) return absl::OkStatus();
  auto canonical = identifiers::Canonicalize(type, *value, absl::ToCivilYear(now, absl::UTCTimeZone()));
  if (!canonical.ok()) return JsonFieldError(path, canonical.status().message());
  if (!canonical->has_value()) return absl::OkStatus();
  liaison::v1::Identifier* id = person->add_identifiers();
  id->set_type(type);
  id->set_value(**canonical);
  return absl::OkStatus();
}

bool AddressEmpty(const liaison::v1::Address& address) {
  return address.lines().empty() && address.town().empty() && address.postcode().empty();
}

absl::Status CheckAge(absl::string_view path, const std::optional<int64_t>& age) {
  if (age.has_value() && (*age < 0 || *age > kMaxAge)) return JsonFieldError(path, "must be between 0 and 130");
  return absl::OkStatus();
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

absl::StatusOr<liaison::v1::Address> ReadJsonAddress(const JsonObject& object) {
  liaison::v1::Address address;
  ASSIGN_OR_RETURN(auto lines, object.StringArray("lines"));
  for (std::string& line : lines) address.add_lines(CollapseSpaces(line));
  ASSIGN_OR_RETURN(auto town, object.OptionalString("town"));
  ASSIGN_OR_RETURN(auto postcode, object.OptionalString("postcode"));
  if (town.has_value()) address.set_town(CollapseSpaces(*town));
  if (postcode.has_value()) address.set_postcode(absl::AsciiStrToUpper(CollapseSpaces(*postcode)));
  return address;
}

std::optional<liaison::v1::Address> ReadCsvAddress(const CsvFields& row, absl::string_view prefix) {
  liaison::v1::Address address;
  for (int i = 1; i <= 3; ++i) {
    auto line = row.Optional(absl::StrCat(prefix, "_line", i));
    if (line.has_value()) address.add_lines(CollapseSpaces(*line));
  }
  auto town = row.Optional(absl::StrCat(prefix, "_town"));
  auto postcode = row.Optional(absl::StrCat(prefix, "_postcode"));
  if (town.has_value()) address.set_town(CollapseSpaces(*town));
  if (postcode.has_value()) address.set_postcode(absl::AsciiStrToUpper(CollapseSpaces(*postcode)));
  if (AddressEmpty(address)) return std::nullopt;
  return address;
}

absl::StatusOr<liaison::v1::PersonDescriptor> ReadJsonPerson(const JsonObject& object, absl::Time now) {
  liaison::v1::PersonDescriptor person;
  ASSIGN_OR_RETURN(auto pnc, object.OptionalString("pnc"));
  RETURN_IF_ERROR(AddIdentifier(object.PathOf("pnc"), liaison::v1::IDENTIFIER_TYPE_PNC, pnc, now, &person));
  ASSIGN_OR_RETURN(auto cro, object.OptionalString("cro"));
  RETURN_IF_ERROR(AddIdentifier(object.PathOf("cro"), liaison::v1::IDENTIFIER_TYPE_CRO, cro, now, &person));
  ASSIGN_OR_RETURN(auto forenames, object.OptionalString("forenames"));
  ASSIGN_OR_RETURN(auto surname, object.OptionalString("surname"));
  SetName(forenames, surname, &person);
  ASSIGN_OR_RETURN(auto aliases, object.StringArray("aliases"));
  AddAliases(aliases, &person);
  ASSIGN_OR_RETURN(auto dob, object.OptionalDate("dateOfBirth"));
  if (dob.has_value()) person.set_date_of_birth(*dob);
  ASSIGN_OR_RETURN(auto addresses, object.ObjectArray("addresses"));
  for (const JsonObject& item : addresses) {
    ASSIGN_OR_RETURN(liaison::v1::Address address, ReadJsonAddress(item));
    if (!AddressEmpty(address)) *person.add_addresses() = std::move(address);
  }
  return person;
}

absl::StatusOr<std::optional<liaison::v1::PersonDescriptor>> ReadCsvPerson(const CsvFields& row,
                                                                           absl::string_view prefix, absl::Time now) {
  liaison::v1::PersonDescriptor person;
  const std::string p(prefix);
  RETURN_IF_ERROR(AddIdentifier(CsvFields::PathOf(p + "_pnc"), liaison::v1::IDENTIFIER_TYPE_PNC,
                                row.Optional(p + "_pnc"), now, &person));
  RETURN_IF_ERROR(AddIdentifier(CsvFields::PathOf(p + "_cro"), liaison::v1::IDENTIFIER_TYPE_CRO,
                                row.Optional(p + "_cro"), now, &person));
  SetName(row.Optional(p + "_forenames"), row.Optional(p + "_surname"), &person);
  AddAliases(row.List(p + "_aliases"), &person);
  ASSIGN_OR_RETURN(auto dob, row.OptionalDate(p + "_dob"));
  if (dob.has_value()) person.set_date_of_birth(*dob);
  std::optional<liaison::v1::Address> address = ReadCsvAddress(row, p + "_address");
  if (address.has_value()) *person.add_addresses() = *std::move(address);
  // A placeholder identifier alone still counts as something recorded.
  const bool any =
      person.ByteSizeLong() > 0 || row.Optional(p + "_pnc").has_value() || row.Optional(p + "_cro").has_value();
  if (!any) return std::optional<liaison::v1::PersonDescriptor>();
  return std::optional<liaison::v1::PersonDescriptor>(std::move(person));
}

absl::StatusOr<std::optional<int>> ReadJsonAge(const JsonObject& person) {
  ASSIGN_OR_RETURN(auto age, person.OptionalInt("age"));
  RETURN_IF_ERROR(CheckAge(person.PathOf("age"), age));
  if (!age.has_value()) return std::optional<int>();
  return std::optional<int>(static_cast<int>(*age));
}

absl::StatusOr<std::optional<int>> ReadCsvAge(const CsvFields& row, absl::string_view column) {
  ASSIGN_OR_RETURN(auto age, row.OptionalInt(column));
  RETURN_IF_ERROR(CheckAge(CsvFields::PathOf(column), age));
  if (!age.has_value()) return std::optional<int>();
  return std::optional<int>(static_cast<int>(*age));
}

std::optional<int> AgeAt(std::optional<int> given, absl::string_view date_of_birth, absl::Time at) {
  if (given.has_value()) return given;
  if (date_of_birth.size() != 10 || identifiers::IsPlaceholderDateOfBirth(date_of_birth)) return std::nullopt;
  int year = 0, month = 0, day = 0;
  if (!absl::SimpleAtoi(date_of_birth.substr(0, 4), &year) || !absl::SimpleAtoi(date_of_birth.substr(5, 2), &month) ||
      !absl::SimpleAtoi(date_of_birth.substr(8, 2), &day)) {
    return std::nullopt;
  }
  if (month > 12) std::swap(month, day);  // a typed day-month swap
  if (month < 1 || month > 12 || day < 1 || day > 31) return std::nullopt;
  const absl::CivilDay today = absl::ToCivilDay(at, London());
  int age = static_cast<int>(today.year()) - year;
  if (today.month() < month || (today.month() == month && today.day() < day)) --age;
  if (age < 0 || age > kMaxAge) return std::nullopt;
  return age;
}

absl::StatusOr<std::optional<std::string>> ReadJsonPersonRef(const JsonObject& person) {
  ASSIGN_OR_RETURN(auto ref, person.OptionalString("personRef"));
  if (ref.has_value()) RETURN_IF_ERROR(CheckReference(person.PathOf("personRef"), *ref, kMaxPersonRefChars));
  return ref;
}

absl::StatusOr<std::optional<std::string>> ReadCsvPersonRef(const CsvFields& row, absl::string_view prefix) {
  const std::string column = absl::StrCat(prefix, "_ref");
  std::optional<std::string> ref = row.Optional(column);
  if (ref.has_value()) RETURN_IF_ERROR(CheckReference(CsvFields::PathOf(column), *ref, kMaxPersonRefChars));
  return ref;
}

absl::StatusOr<liaison::v1::RelatedPerson> ReadJsonChild(const JsonObject& child, absl::Time occurred_at,
                                                         absl::Time now) {
  liaison::v1::RelatedPerson related;
  related.set_role(liaison::v1::RELATED_ROLE_CHILD);
  ASSIGN_OR_RETURN(*related.mutable_person(), ReadJsonPerson(child, now));
  ASSIGN_OR_RETURN(std::optional<int> given, ReadJsonAge(child));
  std::optional<int> age = AgeAt(given, related.person().date_of_birth(), occurred_at);
  if (age.has_value()) related.set_age(*age);
  return related;
}

absl::StatusOr<std::vector<liaison::v1::RelatedPerson>> ReadCsvChildren(const CsvFields& row, absl::Time occurred_at,
                                                                        absl::Time now) {
  std::vector<liaison::v1::RelatedPerson> children;
  for (int i = 1; i <= kMaxCsvChildren; ++i) {
    const std::string prefix = absl::StrCat("child", i);
    ASSIGN_OR_RETURN(auto person, ReadCsvPerson(row, prefix, now));
    ASSIGN_OR_RETURN(std::optional<int> given, ReadCsvAge(row, prefix + "_age"));
    if (!person.has_value() && !given.has_value()) continue;
    liaison::v1::RelatedPerson related;
    related.set_role(liaison::v1::RELATED_ROLE_CHILD);
    // Set even when empty, as the JSON reader does, so both give equal messages.
    *related.mutable_person() = person.value_or(liaison::v1::PersonDescriptor());
    std::optional<int> age = AgeAt(given, related.person().date_of_birth(), occurred_at);
    if (age.has_value()) related.set_age(*age);
    children.push_back(std::move(related));
  }
  return children;
}

}  // namespace liaison::adapters::records
