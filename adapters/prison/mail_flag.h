#ifndef LIAISON_ADAPTERS_PRISON_MAIL_FLAG_H_
#define LIAISON_ADAPTERS_PRISON_MAIL_FLAG_H_

// What the prison adapter knows about one monitoring flag, however it
// arrived (a monitoring alert's inlined detail, a mail-flag JSON record or
// CSV row), and the PrisonMailFlag notification built from it.
// docs/adapters/prison.md describes the fields.

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "adapters/common/csv_fields.h"
#include "adapters/common/json_fields.h"
#include "liaison/adapters/v1/adapter.pb.h"
#include "liaison/v1/notification.pb.h"

namespace liaison::adapters::prison {

// liaison.v1 (the broker API); v1:: here is liaison.adapters.v1.
namespace api = ::liaison::v1;

enum class MonitoringMedium { kMail, kTelephone };

struct MailFlagDraft {
  std::string establishment;
  // As given (canonicalised by validation); may be empty for an alert,
  // whose prisoner comes from the event's personReference.
  std::string prisoner_noms;
  api::PersonDescriptor prisoner;
  api::MailDirection direction = api::MAIL_DIRECTION_UNSPECIFIED;
  api::MailConcern concern = api::MAIL_CONCERN_UNSPECIFIED;
  std::string monitoring_reference;
  std::optional<api::PersonDescriptor> correspondent;
  std::string summary;
  std::optional<absl::Time> flagged_at;
  std::string originator_contact;
  MonitoringMedium medium = MonitoringMedium::kMail;
};

// Reads the flag fields shared by an alert's "monitoring" object and a
// mail-flag record: establishment, direction, concern, monitoringReference,
// summary, flaggedAt, originatorContact, medium, correspondent. Nothing is
// required here (the callers decide); a present field must be well formed.
absl::StatusOr<MailFlagDraft> ReadMailFlagJson(const JsonObject& object);

// A person as the monitoring JSON gives one: identifiers [{type, value}]
// (CRN, NOMS, PNC, CRO), givenNames, familyName, dateOfBirth (any shape
// NormaliseDate reads), address {lines, town, postcode}.
absl::StatusOr<api::PersonDescriptor> ReadPersonJson(const JsonObject& object);

// A mail-flag CSV row (docs/adapters/prison.md for the columns).
absl::StatusOr<MailFlagDraft> ReadMailFlagCsv(const CsvFields& fields);

// The PrisonMailFlag notification for `draft`, as one action whose ref is
// `source_ref`. The correspondent is also a related person, in the role
// the concern implies (victim, child, or correspondent) so the policy's
// grants reach them. The notification is validated (on a copy) with the
// broker's ValidateNotification; its INVALID_ARGUMENT is returned as is.
// REQUIRES: direction and concern set.
absl::StatusOr<v1::Action> BuildMailFlagAction(const MailFlagDraft& draft, std::string source_ref,
                                               absl::Time occurred_at, absl::Time now);

// Enumerations as written in the inputs (case-insensitive). INVALID_ARGUMENT
// "path: is not one of ..." otherwise.
absl::StatusOr<api::MailDirection> ParseDirection(absl::string_view path, absl::string_view text);
absl::StatusOr<api::MailConcern> ParseConcern(absl::string_view path, absl::string_view text);
absl::StatusOr<MonitoringMedium> ParseMedium(absl::string_view path, absl::string_view text);

}  // namespace liaison::adapters::prison

#endif  // LIAISON_ADAPTERS_PRISON_MAIL_FLAG_H_
