#include "broker/demo/stories.h"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "broker/demo/records.h"
#include "broker/demo/story_people.h"
#include "google/protobuf/util/json_util.h"

namespace liaison::demo {
namespace {

using liaison::v1::Notification;
using liaison::v1::RelatedPerson;

google::protobuf::Timestamp Utc(int year, int month, int day, int hour, int minute) {
  const absl::Time t =
      absl::FromCivil(absl::CivilMinute(year, month, day, hour, minute), absl::UTCTimeZone());
  google::protobuf::Timestamp timestamp;
  timestamp.set_seconds(absl::ToUnixSeconds(t));
  return timestamp;
}

// The fields every story notification shares.
Notification Base(absl::string_view source_ref, google::protobuf::Timestamp occurred_at,
                  absl::string_view contact, liaison::v1::PersonDescriptor subject) {
  Notification n;
  n.set_source_ref(std::string(source_ref));
  *n.mutable_occurred_at() = std::move(occurred_at);
  n.set_classification(liaison::v1::CLASSIFICATION_OFFICIAL_SENSITIVE);
  n.set_originator_contact(std::string(contact));
  *n.mutable_subject() = std::move(subject);
  return n;
}

RelatedPerson Related(liaison::v1::RelatedRole role, liaison::v1::PersonDescriptor person) {
  RelatedPerson related;
  related.set_role(role);
  *related.mutable_person() = std::move(person);
  return related;
}

// Fictional phone numbers (Ofcom's drama range).
constexpr absl::string_view kPoliceHub = "Lewisham Safeguarding Hub (duty sergeant), 020 7946 0123";
constexpr absl::string_view kCustody = "Lewisham custody suite (custody sergeant), 020 7946 0456";
constexpr absl::string_view kSocialCare =
    "Children's Front Door, Lewisham children's social care, 020 7946 0789";

Story Story1Callout() {
  Notification n = Base("MPS-CAD-2026-000123", Utc(2026, 11, 20, 21, 14), kPoliceHub,
                        DescribeByPnc(Story1Offender()));
  *n.add_related_people() = Related(liaison::v1::RELATED_ROLE_PARTNER, Story1Partner());
  for (RelatedPerson& child : Story1Children()) *n.add_related_people() = std::move(child);
  liaison::v1::PoliceCallout* callout = n.mutable_police_callout();
  callout->set_incident_type(liaison::v1::CALLOUT_INCIDENT_TYPE_DOMESTIC_ABUSE);
  callout->set_police_reference("CAD 4471/20NOV26");
  *callout->mutable_location() = Story1PartnerAddress();
  *callout->mutable_attended_at() = Utc(2026, 11, 20, 21, 32);
  callout->set_children_present(true);
  callout->set_summary(
      "Neighbour reported shouting and a child crying. Officers attended the home of the "
      "subject's new partner; the subject was present and left before a DASH risk assessment "
      "was completed. Four children were in the house. The partner said the relationship began "
      "about two months ago. DASH assessed as medium risk.");
  return {"stories/story1-police-callout.json", "police", std::string(kStory1Crn),
          Recipients(Story1Offender()), std::move(n)};
}

Story Story1Referral() {
  Notification n = Base("LBL-CSC-2026-04417", Utc(2026, 11, 21, 10, 30), kSocialCare,
                        DescribeByPnc(Story1Offender()));
  n.add_caveats(liaison::v1::CAVEAT_NOT_FOR_ONWARD_DISCLOSURE);
  for (RelatedPerson& child : Story1Children()) *n.add_related_people() = std::move(child);
  liaison::v1::SocialCareReferral* referral = n.mutable_social_care_referral();
  referral->set_local_authority("E09000023");
  referral->set_case_reference("CSC-2026-04417");
  referral->add_reasons(liaison::v1::REFERRAL_REASON_DOMESTIC_ABUSE);
  referral->set_stage(liaison::v1::CHILD_PROTECTION_STAGE_REFERRAL);
  referral->set_summary(
      "Referral opened after the police notification of a domestic incident at the children's "
      "home. The subject, the mother's new partner, is identified by the PNC ID shared in the "
      "police strategy discussion. Assessment of the four children has started.");
  return {"stories/story1-social-care-referral.json", "social-care", std::string(kStory1Crn),
          Recipients(Story1Offender()), std::move(n)};
}

Story Story2Callout() {
  Notification n = Base("MPS-CAD-2026-000187", Utc(2026, 11, 21, 23, 5), kPoliceHub,
                        DescribeByPnc(Story2Offender()));
  n.add_caveats(liaison::v1::CAVEAT_PROTECT_SOURCE);
  *n.add_related_people() = Related(liaison::v1::RELATED_ROLE_VICTIM, Story2ExPartner());
  liaison::v1::PoliceCallout* callout = n.mutable_police_callout();
  callout->set_incident_type(liaison::v1::CALLOUT_INCIDENT_TYPE_DOMESTIC_ABUSE);
  callout->set_police_reference("CAD 7712/21NOV26");
  *callout->mutable_location() = Story2ExPartnerAddress();
  *callout->mutable_attended_at() = Utc(2026, 11, 21, 23, 20);
  callout->set_children_present(false);
  callout->set_summary(
      "Caller reported an argument at the victim's address. The subject was found living there "
      "although a restraining order forbids contact with her. Victim has a visible injury to "
      "her arm. Subject left before officers could arrest him; enquiries ongoing.");
  return {"stories/story2-police-callout.json", "police", std::string(kStory2Crn),
          Recipients(Story2Offender()), std::move(n)};
}

Story Story6Arrest() {
  const google::protobuf::Timestamp arrested_at = Utc(2026, 11, 21, 16, 5);
  Notification n =
      Base("MPS-CUST-2026-018844", arrested_at, kCustody, DescribeByPnc(Story6Offender()));
  liaison::v1::Arrest* arrest = n.mutable_arrest();
  arrest->set_offence("Theft from a shop");
  arrest->set_custody_suite("Lewisham custody suite");
  arrest->set_custody_record_number("01YL/18844/26");
  *arrest->mutable_arrested_at() = arrested_at;
  arrest->set_outcome(liaison::v1::ARREST_OUTCOME_IN_CUSTODY);
  arrest->set_summary(
      "Arrested by store security and police at a supermarket. Detained for interview; the "
      "subject said she is under probation supervision.");
  return {"stories/story6-arrest.json", "police", std::string(kStory6Crn),
          Recipients(Story6Offender()), std::move(n)};
}

Story UnmatchedCallout() {
  Notification n =
      Base("MPS-CAD-2026-000201", Utc(2026, 11, 22, 2, 40), kPoliceHub, UnmatchedPerson());
  liaison::v1::PoliceCallout* callout = n.mutable_police_callout();
  callout->set_incident_type(liaison::v1::CALLOUT_INCIDENT_TYPE_PUBLIC_ORDER);
  callout->set_police_reference("CAD 0930/22NOV26");
  liaison::v1::Address* location = callout->mutable_location();
  location->add_lines("Outside 110 Rushey Green");
  location->set_town("London");
  location->set_postcode("SE6 4JD");
  *callout->mutable_attended_at() = Utc(2026, 11, 22, 2, 52);
  callout->set_summary("Disturbance outside a late-night takeaway; subject given words of advice.");
  return {"stories/unmatched-police-callout.json", "police", "", {}, std::move(n)};
}

std::string JsonString(absl::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(c);
    } else if (static_cast<unsigned char>(c) < 0x20) {
      out += absl::StrFormat("\\u%04x", static_cast<int>(c));
    } else {
      out.push_back(c);
    }
  }
  return out + "\"";
}

}  // namespace

std::vector<Story> BuildStories() {
  std::vector<Story> stories;
  stories.push_back(Story1Callout());
  stories.push_back(Story1Referral());
  stories.push_back(Story2Callout());
  stories.push_back(Story6Arrest());
  stories.push_back(UnmatchedCallout());
  return stories;
}

absl::StatusOr<std::string> NotificationJson(const Notification& notification) {
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = true;
  std::string json;
  const auto status = google::protobuf::util::MessageToJsonString(notification, &json, options);
  if (!status.ok()) {
    return absl::InternalError(
        absl::StrCat("cannot print a notification as JSON: ", std::string(status.message())));
  }
  if (json.empty() || json.back() != '\n') json.push_back('\n');
  return json;
}

std::string ExpectedJson(const std::vector<Story>& stories) {
  std::vector<std::string> entries;
  for (const Story& story : stories) {
    std::vector<std::string> recipients;
    for (const std::string& r : story.recipients) recipients.push_back(JsonString(r));
    entries.push_back(absl::StrCat("    {\"file\": ", JsonString(story.file), ", \"agency\": ",
                                   JsonString(story.agency), ", \"crn\": ", JsonString(story.crn),
                                   ", \"recipients\": [", absl::StrJoin(recipients, ", "), "]}"));
  }
  return absl::StrCat("{\n  \"stories\": [\n", absl::StrJoin(entries, ",\n"), "\n  ]\n}\n");
}

}  // namespace liaison::demo
