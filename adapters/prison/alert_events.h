#ifndef LIAISON_ADAPTERS_PRISON_ALERT_EVENTS_H_
#define LIAISON_ADAPTERS_PRISON_ALERT_EVENTS_H_

// person.alert.* domain events. A monitoring alert (mail or telephone
// monitoring, kMonitoringAlerts) becomes a PrisonMailFlag notification
// built from the detail the event gateway inlines in
// additionalInformation.monitoring and .prisoner; every other alert code,
// and a deleted or inactive alert, is no action (NOT_RELEVANT).

#include <optional>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "adapters/common/hmpps_event.h"
#include "adapters/prison/mail_flag.h"
#include "liaison/adapters/v1/adapter.pb.h"

namespace liaison::adapters::prison {

inline constexpr absl::string_view kAlertCreated = "person.alert.created";
inline constexpr absl::string_view kAlertUpdated = "person.alert.updated";
inline constexpr absl::string_view kAlertDeleted = "person.alert.deleted";
inline constexpr absl::string_view kAlertInactive = "person.alert.inactive";

// Liaison's table of shared monitoring alert codes (docs/adapters/prison.md).
struct MonitoringAlert {
  absl::string_view code;
  MonitoringMedium medium;
  // The concern when the monitoring detail names none; UNSPECIFIED: the
  // detail must name one.
  api::MailConcern default_concern;
};

inline constexpr MonitoringAlert kMonitoringAlerts[] = {
    {"PMM", MonitoringMedium::kMail, api::MAIL_CONCERN_UNSPECIFIED},
    {"PMV", MonitoringMedium::kMail, api::MAIL_CONCERN_CONTACT_WITH_VICTIM},
    {"PMC", MonitoringMedium::kMail, api::MAIL_CONCERN_CONTACT_WITH_CHILD},
    {"PMK", MonitoringMedium::kMail, api::MAIL_CONCERN_CONTACT_WITH_KNOWN_OFFENDER},
    {"PTM", MonitoringMedium::kTelephone, api::MAIL_CONCERN_UNSPECIFIED},
    {"PTV", MonitoringMedium::kTelephone, api::MAIL_CONCERN_CONTACT_WITH_VICTIM},
    {"PTC", MonitoringMedium::kTelephone, api::MAIL_CONCERN_CONTACT_WITH_CHILD},
    {"PTK", MonitoringMedium::kTelephone, api::MAIL_CONCERN_CONTACT_WITH_KNOWN_OFFENDER},
};

// The table entry for `code` (case-insensitive), or nullopt.
std::optional<MonitoringAlert> FindMonitoringAlert(absl::string_view code);

// person.alert.created / .updated: one mail-flag notification, source_ref
// "alert:" + the event's digest, or none for a code not in the table.
// INVALID_ARGUMENT naming the field for a monitoring alert without the
// detail the notification needs; ValidateNotification's error otherwise.
absl::StatusOr<std::vector<v1::Action>> AlertActions(const DomainEvent& event, absl::Time now);

}  // namespace liaison::adapters::prison

#endif  // LIAISON_ADAPTERS_PRISON_ALERT_EVENTS_H_
