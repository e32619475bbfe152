#ifndef LIAISON_ADAPTERS_POLICE_RECORD_FIELDS_H_
#define LIAISON_ADAPTERS_POLICE_RECORD_FIELDS_H_

// Pieces every agency record carries, read the same way from JSON and CSV:
// handling (classification, caveats, originator contact), agency codes and
// references, and the last step of every parser: a source_ref derived from
// the notification and a check with the broker's own validation.
//
// Shared by the police and children's social care parsers; it belongs in
// adapters/common and lives here until it moves. Errors are INVALID_ARGUMENT
// "path: problem" and never quote a value. Pure functions; thread-safe.

#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "adapters/common/csv_fields.h"
#include "adapters/common/json_fields.h"
#include "google/protobuf/message.h"
#include "liaison/adapters/v1/adapter.pb.h"
#include "liaison/v1/notification.pb.h"

namespace liaison::adapters::records {

// At most this many people (or children, or adults) in one record.
inline constexpr int kMaxPeople = 50;

// A code as compared: lower case letters and digits only, so "Section 47",
// "section-47" and "SECTION_47" all read "section47".
std::string NormaliseCode(absl::string_view text);

// A reference that goes into a source_ref (force code, incident number,
// case reference, person ref): 1 to `max_chars` characters from
// [A-Za-z0-9/._-]. INVALID_ARGUMENT "path: ..." otherwise.
absl::Status CheckReference(absl::string_view path, absl::string_view value, size_t max_chars);

// True when `text` is well-formed UTF-8 (no overlong forms, surrogates or
// code points above U+10FFFF). Protobuf strings must be: the broker could
// not parse a notification carrying anything else.
bool IsValidUtf8(absl::string_view text);

// INVALID_ARGUMENT "<field path>: is not valid UTF-8 text" for the first
// string field of `message` (recursively; paths as the broker's validation
// writes them, e.g. "subject.name.family_name") that is not valid UTF-8.
absl::Status CheckUtf8Fields(const google::protobuf::Message& message);

// How the originator asks for the record to be handled.
struct Handling {
  liaison::v1::Classification classification = liaison::v1::CLASSIFICATION_UNSPECIFIED;
  std::vector<liaison::v1::Caveat> caveats;
  std::string originator_contact;
};

// "OFFICIAL", "OFFICIAL-SENSITIVE" (any case and separators, or "OS");
// blank reads as `default_value`. Higher markings are refused: they must not
// reach the broker.
absl::StatusOr<liaison::v1::Classification> ParseClassification(absl::string_view path,
                                                                const std::optional<std::string>& text,
                                                                liaison::v1::Classification default_value);

// "NOT_FOR_ONWARD_DISCLOSURE" ("NFOD"), "PROTECT_SOURCE" ("PS"), any case and
// separators; duplicates are dropped. Unknown codes are refused.
absl::StatusOr<std::vector<liaison::v1::Caveat>> ParseCaveats(absl::string_view path,
                                                              const std::vector<std::string>& codes);

// The originator contact, "name, role, phone, email" with blanks left out.
struct Contact {
  std::optional<std::string> name, role, phone, email;
};
std::string FormatContact(const Contact& contact);

// JSON: "classification", "caveats" (array of strings) and the contact
// object `contact_key` with "name", "role", "phone", "email".
absl::StatusOr<Handling> ReadJsonHandling(const JsonObject& record, absl::string_view contact_key,
                                          liaison::v1::Classification default_classification);

// CSV: "classification", "caveats" (';'-separated) and the contact columns
// `contact_prefix`_name, _role, _phone, _email.
absl::StatusOr<Handling> ReadCsvHandling(const CsvFields& row, absl::string_view contact_prefix,
                                         liaison::v1::Classification default_classification);

// Copies `handling` and `occurred_at` into `notification`.
void ApplyHandling(const Handling& handling, absl::Time occurred_at, liaison::v1::Notification* notification);

// The last step for each notification: sets source_ref to
// "`ref_prefix`:`digest`", where digest is 16 hex digits of a fixed hash
// (FNV-1a 64) of the notification's deterministic serialisation without the
// source_ref, so an exact resend gets the same ref and any change in content
// a new one. Then runs the broker's ValidateNotification on a copy and
// returns its INVALID_ARGUMENT unchanged when it fails (text that is not
// valid UTF-8, which the broker could not even parse, is refused first, see
// CheckUtf8Fields); otherwise the submit action (ref == source_ref).
absl::StatusOr<v1::Action> FinishSubmit(liaison::v1::Notification notification, absl::string_view ref_prefix,
                                        absl::Time now);

// 16 lower-case hex digits of FNV-1a 64 of the deterministic serialisation.
std::string ContentDigest(const liaison::v1::Notification& notification);

}  // namespace liaison::adapters::records

#endif  // LIAISON_ADAPTERS_POLICE_RECORD_FIELDS_H_
