#ifndef LIAISON_ADAPTERS_COMMON_JSON_FIELDS_H_
#define LIAISON_ADAPTERS_COMMON_JSON_FIELDS_H_

// Typed, path-aware reading of a JSON record for the adapters' parsers.
// Every error is INVALID_ARGUMENT "path: problem", where path is the JSON
// path of the field ("people[2].dateOfBirth"); no error quotes a value from
// the input, because values are personal data and errors reach logs and the
// quarantine listing.

#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "google/protobuf/struct.pb.h"

namespace liaison::adapters {

// Parses one JSON text whose top level is an object. Records longer than
// `max_bytes` or nested deeper than 32 levels are refused.
absl::StatusOr<google::protobuf::Struct> ParseJsonObject(absl::string_view text, size_t max_bytes = 256 * 1024);

// A JSON object and its path, for reading fields. Cheap to copy (holds a
// pointer: the Struct must outlive it).
class JsonObject {
 public:
  JsonObject(const google::protobuf::Struct* object, std::string path);

  const std::string& path() const { return path_; }
  // "path.key" (or "key" at the top level).
  std::string PathOf(absl::string_view key) const;

  // True when the key is present and not null.
  bool Has(absl::string_view key) const;

  // A string field. Absent, null and "" (after trimming spaces) read as
  // nullopt; a non-string is an error ("must be a string"). Required*
  // variants fail with "is required" when absent.
  absl::StatusOr<std::optional<std::string>> OptionalString(absl::string_view key) const;
  absl::StatusOr<std::string> RequiredString(absl::string_view key) const;

  // A whole number (JSON number without fraction, or a string of digits).
  absl::StatusOr<std::optional<int64_t>> OptionalInt(absl::string_view key) const;

  // true/false, or the strings "true"/"false"/"yes"/"no"/"Y"/"N"/"1"/"0".
  absl::StatusOr<std::optional<bool>> OptionalBool(absl::string_view key) const;

  // Nested object / array of objects / array of strings. Absent or null
  // reads as nullopt / empty.
  absl::StatusOr<std::optional<JsonObject>> OptionalObject(absl::string_view key) const;
  absl::StatusOr<JsonObject> RequiredObject(absl::string_view key) const;
  absl::StatusOr<std::vector<JsonObject>> ObjectArray(absl::string_view key) const;
  absl::StatusOr<std::vector<std::string>> StringArray(absl::string_view key) const;

  // A timestamp (see ParseTimestamp). Required fails with "is required".
  absl::StatusOr<std::optional<absl::Time>> OptionalTime(absl::string_view key) const;
  absl::StatusOr<absl::Time> RequiredTime(absl::string_view key) const;

  // A date of birth as YYYY-MM-DD (see NormaliseDate), or nullopt.
  absl::StatusOr<std::optional<std::string>> OptionalDate(absl::string_view key) const;

  const google::protobuf::Struct& raw() const { return *object_; }

 private:
  const google::protobuf::Value* Find(absl::string_view key) const;

  const google::protobuf::Struct* object_;
  std::string path_;
};

// Timestamps as agency systems write them: RFC 3339 with a zone
// ("2026-11-02T21:40:00Z", "+01:00"), or a local time without a zone
// ("2026-11-02T21:40:00", "2026-11-02 21:40", "02/11/2026 21:40"), read as
// Europe/London. Errors name no value.
absl::StatusOr<absl::Time> ParseTimestamp(absl::string_view text);

// Dates as agency systems write them, to "YYYY-MM-DD": "1988-03-14",
// "14/03/1988", "14-03-1988", "14.03.1988", "19880314", or a timestamp's
// date part. Day and month are kept as written (the matcher tolerates a
// typed day-for-month swap), so the calendar date is not checked; the shape
// and ranges (month 1-12 or day 1-31 in either order) are.
absl::StatusOr<std::string> NormaliseDate(absl::string_view text);

// FieldError("path", "problem") as INVALID_ARGUMENT "path: problem".
absl::Status JsonFieldError(absl::string_view path, absl::string_view problem);

}  // namespace liaison::adapters

#endif  // LIAISON_ADAPTERS_COMMON_JSON_FIELDS_H_
