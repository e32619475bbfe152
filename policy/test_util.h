#ifndef LIAISON_POLICY_TEST_UTIL_H_
#define LIAISON_POLICY_TEST_UTIL_H_

// Helpers for the policy engine's tests.

#include <string>

#include "absl/time/time.h"
#include "google/protobuf/text_format.h"
#include "gtest/gtest.h"
#include "liaison/policy/v1/policy.pb.h"
#include "liaison/v1/notification.pb.h"
#include "liaison/v1/offender.pb.h"

namespace liaison::policy::testing {

template <typename T>
T Parse(const std::string& text) {
  T message;
  if (!google::protobuf::TextFormat::ParseFromString(text, &message)) {
    ADD_FAILURE() << "bad textproto in test: " << text;
  }
  return message;
}

inline policy::v1::Directory TestDirectory() {
  return Parse<policy::v1::Directory>(R"pb(
    areas { code: "N07" mappa_coordinator: "mappa-n07" duty_inbox: "duty-n07" police_public_protection: "ppu-n07" }
    prisons { code: "MDI" security_inbox: "security-mdi" }
    prisons { code: "LEI" security_inbox: "security-lei" }
    teams { code: "hub" inbox: "hub-inbox" }
  )pb");
}

// A police callout with a subject, a victim, a child and a caller.
inline ::liaison::v1::Notification Callout() {
  ::liaison::v1::Notification n = Parse<::liaison::v1::Notification>(R"pb(
    notification_id: "ntf_1"
    source { agency_kind: AGENCY_KIND_POLICE organisation_code: "MPS" }
    source_ref: "CAD-1"
    occurred_at { seconds: 1767225600 }
    classification: CLASSIFICATION_OFFICIAL_SENSITIVE
    originator_contact: "PC 1"
    subject { name { given_names: "Sam" family_name: "Subject" } date_of_birth: "1980-01-01" }
    related_people { role: RELATED_ROLE_VICTIM person { name { given_names: "Val" family_name: "Victim" } } }
    related_people { role: RELATED_ROLE_CHILD person { name { given_names: "Cy" family_name: "Child" } } age: 5 }
    related_people { role: RELATED_ROLE_CALLER person { name { given_names: "Cal" family_name: "Caller" } } }
    police_callout {
      incident_type: CALLOUT_INCIDENT_TYPE_DOMESTIC_ABUSE
      police_reference: "CAD-1"
      location { lines: "1 High Street" postcode: "SE1 1AA" }
      children_present: true
      summary: "free text"
    }
  )pb");
  return n;
}

inline ::liaison::v1::OffenderRecord Person() {
  return Parse<::liaison::v1::OffenderRecord>(R"pb(
    crn: "X100001" area_code: "N07"
    offender_manager { staff_code: "OM1" } co_worker { staff_code: "CW1" } manager { staff_code: "MG1" }
    rosh_level: ROSH_LEVEL_MEDIUM registrations: ["ADVP"] status: SUPERVISION_STATUS_LICENCE
  )pb");
}

inline absl::Time EventTime() { return absl::FromUnixSeconds(1767225600); }

}  // namespace liaison::policy::testing

#endif  // LIAISON_POLICY_TEST_UTIL_H_
