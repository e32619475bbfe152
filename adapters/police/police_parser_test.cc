// The police parser on JSON records: every mapping, source_refs, errors.

#include "adapters/police/police_parser.h"

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "adapters/police/police_test_util.h"
#include "broker/common/proto_time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace liaison::adapters::police {
namespace {

using ::liaison::adapters::police::testing::Digestless;
using ::liaison::adapters::police::testing::EditCsv;
using ::liaison::adapters::police::testing::Equal;
using ::liaison::adapters::police::testing::ExpectFieldError;
using ::liaison::adapters::police::testing::kNow;
using ::liaison::adapters::police::testing::ParseCsvText;
using ::liaison::adapters::police::testing::Sample;
using ::liaison::adapters::testing::EditJson;
using ::liaison::adapters::testing::HeaderAndRecord;
using ::liaison::adapters::testing::Number;
using ::liaison::adapters::testing::ReadTestFile;
using ::liaison::adapters::testing::String;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;
namespace api = ::liaison::v1;

TEST(PoliceIncidentJson, MapsEveryField) {
  auto actions = PoliceParser().ParseJson(Sample("incident.jsonl"), kNow);
  ASSERT_TRUE(actions.ok()) << actions.status();
  ASSERT_EQ(actions->size(), 1u);
  const v1::Action& action = (*actions)[0];
  ASSERT_TRUE(action.has_submit());
  const api::Notification& n = action.submit();
  EXPECT_EQ(action.ref(), n.source_ref());
  EXPECT_EQ(Digestless(n.source_ref()), "inc:ZZ:ZZ-20261102-0457:P1");
  EXPECT_EQ(n.source_ref().size(), Digestless(n.source_ref()).size() + 17);
  EXPECT_FALSE(n.has_source());
  EXPECT_TRUE(n.notification_id().empty());
  EXPECT_EQ(FromProtoTime(n.occurred_at()),
            absl::FromCivil(absl::CivilSecond(2026, 11, 2, 21, 31, 0), absl::UTCTimeZone()));
  EXPECT_EQ(n.classification(), api::CLASSIFICATION_OFFICIAL_SENSITIVE);
  ASSERT_EQ(n.caveats_size(), 1);
  EXPECT_EQ(n.caveats(0), api::CAVEAT_NOT_FOR_ONWARD_DISCLOSURE);
  EXPECT_EQ(n.originator_contact(), "PC 0000 Example, Response, 01632 960000, response@police.example");

  const api::PersonDescriptor& subject = n.subject();
  ASSERT_EQ(subject.identifiers_size(), 2);
  EXPECT_EQ(subject.identifiers(0).type(), api::IDENTIFIER_TYPE_PNC);
  EXPECT_EQ(subject.identifiers(0).value(), "1979/0163001B");  // canonicalised
  EXPECT_EQ(subject.identifiers(1).type(), api::IDENTIFIER_TYPE_CRO);
  EXPECT_EQ(subject.identifiers(1).value(), "065656/91H");
  EXPECT_EQ(subject.name().given_names(), "Testy Fakename");
  EXPECT_EQ(subject.name().family_name(), "QUIMBYTEST");
  ASSERT_EQ(subject.aliases_size(), 1);
  EXPECT_EQ(subject.aliases(0).family_name(), "QUIMBYTEST-ALIAS");
  EXPECT_EQ(subject.aliases(0).given_names(), "Testo");
  EXPECT_EQ(subject.date_of_birth(), "1985-07-21");
  ASSERT_EQ(subject.addresses_size(), 1);
  EXPECT_EQ(subject.addresses(0).postcode(), "ZZ99 9ZZ");

  // Victim, partner, two children and the caller; the witness is not shared.
  ASSERT_EQ(n.related_people_size(), 5);
  EXPECT_EQ(n.related_people(0).role(), api::RELATED_ROLE_VICTIM);
  EXPECT_EQ(n.related_people(0).person().name().family_name(), "FAKEVICTIM");
  EXPECT_FALSE(n.related_people(0).has_age());
  EXPECT_EQ(n.related_people(1).role(), api::RELATED_ROLE_PARTNER);
  EXPECT_EQ(n.related_people(2).role(), api::RELATED_ROLE_CHILD);
  EXPECT_EQ(n.related_people(2).age(), 6);  // born 2019-11-03, incident 2026-11-02
  EXPECT_EQ(n.related_people(3).role(), api::RELATED_ROLE_CHILD);
  EXPECT_EQ(n.related_people(3).age(), 2);
  EXPECT_EQ(n.related_people(4).role(), api::RELATED_ROLE_CALLER);
  for (const api::RelatedPerson& related : n.related_people()) {
    EXPECT_NE(related.person().name().family_name(), "FAKEWITNESS");
  }

  ASSERT_TRUE(n.has_police_callout());
  const api::PoliceCallout& callout = n.police_callout();
  EXPECT_EQ(callout.incident_type(), api::CALLOUT_INCIDENT_TYPE_DOMESTIC_ABUSE);
  EXPECT_EQ(callout.police_reference(), "ZZ-20261102-0457");
  EXPECT_EQ(callout.location().lines(0), "1 Nowhere Lane");
  EXPECT_EQ(callout.location().town(), "Testington");
  EXPECT_EQ(callout.location().postcode(), "ZZ99 9ZZ");
  EXPECT_EQ(FromProtoTime(callout.attended_at()),  // 21:40 UK time (GMT in November)
            absl::FromCivil(absl::CivilSecond(2026, 11, 2, 21, 40, 0), absl::UTCTimeZone()));
  EXPECT_TRUE(callout.children_present());
  EXPECT_THAT(callout.summary(), StartsWith("Synthetic test incident"));
}

TEST(PoliceIncidentJson, EachSuspectIsTheSubjectOfOneNotification) {
  std::string json = Sample("incident.jsonl");
  json = EditJson(json, "people[1].role", String("Suspect"));
  json = EditJson(json, "people[0].personRef", std::nullopt);
  json = EditJson(json, "people[1].personRef", std::nullopt);
  auto actions = PoliceParser().ParseJson(json, kNow);
  ASSERT_TRUE(actions.ok()) << actions.status();
  ASSERT_EQ(actions->size(), 2u);
  const api::Notification& first = (*actions)[0].submit();
  const api::Notification& second = (*actions)[1].submit();
  EXPECT_EQ(Digestless(first.source_ref()), "inc:ZZ:ZZ-20261102-0457:s1");
  EXPECT_EQ(Digestless(second.source_ref()), "inc:ZZ:ZZ-20261102-0457:s2");
  EXPECT_EQ(first.subject().name().family_name(), "QUIMBYTEST");
  EXPECT_EQ(second.subject().name().family_name(), "FAKEVICTIM");
  EXPECT_EQ(first.related_people(0).role(), api::RELATED_ROLE_CO_ACCUSED);
  EXPECT_EQ(first.related_people(0).person().name().family_name(), "FAKEVICTIM");
  EXPECT_EQ(second.related_people(0).role(), api::RELATED_ROLE_CO_ACCUSED);
  EXPECT_EQ(second.related_people(0).person().name().family_name(), "QUIMBYTEST");
}

TEST(PoliceIncidentJson, NoSuspectIsNotRelevant) {
  const std::string json = EditJson(Sample("incident.jsonl"), "people[0].role", String("witness"));
  auto actions = PoliceParser().ParseJson(json, kNow);
  ASSERT_TRUE(actions.ok()) << actions.status();
  EXPECT_TRUE(actions->empty());
}

TEST(PoliceIncidentJson, ChildrenPresentDefaultsToWhetherAChildIsNamed) {
  const std::string json = EditJson(Sample("incident.jsonl"), "childrenPresent", std::nullopt);
  auto actions = PoliceParser().ParseJson(json, kNow);
  ASSERT_TRUE(actions.ok()) << actions.status();
  EXPECT_TRUE((*actions)[0].submit().police_callout().children_present());

  std::string without = EditJson(json, "people[3].role", String("witness"));
  without = EditJson(without, "people[4].role", String("witness"));
  actions = PoliceParser().ParseJson(without, kNow);
  ASSERT_TRUE(actions.ok()) << actions.status();
  EXPECT_FALSE((*actions)[0].submit().police_callout().children_present());
}

TEST(PoliceIncidentJson, ChildWithPlaceholderDateOfBirthHasNoComputedAge) {
  const std::string json = EditJson(Sample("incident.jsonl"), "people[3].dateOfBirth", String("01/01/1900"));
  auto actions = PoliceParser().ParseJson(json, kNow);
  ASSERT_TRUE(actions.ok()) << actions.status();
  EXPECT_FALSE((*actions)[0].submit().related_people(2).has_age());
}

TEST(PoliceIncidentJson, PlaceholderCroIsDropped) {
  const std::string json = EditJson(Sample("incident.jsonl"), "people[0].cro", String("000000/00Z"));
  auto actions = PoliceParser().ParseJson(json, kNow);
  ASSERT_TRUE(actions.ok()) << actions.status();
  ASSERT_EQ((*actions)[0].submit().subject().identifiers_size(), 1);
  EXPECT_EQ((*actions)[0].submit().subject().identifiers(0).type(), api::IDENTIFIER_TYPE_PNC);
}

TEST(PoliceCustodyJson, MapsEveryField) {
  auto actions = PoliceParser().ParseJson(Sample("custody.jsonl"), kNow);
  ASSERT_TRUE(actions.ok()) << actions.status();
  ASSERT_EQ(actions->size(), 1u);
  const api::Notification& n = (*actions)[0].submit();
  EXPECT_EQ((*actions)[0].ref(), n.source_ref());
  EXPECT_EQ(Digestless(n.source_ref()), "cus:ZZ:ZZ/01/2026/000123:bailed");
  EXPECT_EQ(n.classification(), api::CLASSIFICATION_OFFICIAL);
  EXPECT_EQ(n.caveats_size(), 0);
  EXPECT_EQ(n.originator_contact(), "DS 0000 Example, Custody sergeant");
  EXPECT_EQ(n.subject().identifiers(0).value(), "2012/0052494Q");
  EXPECT_EQ(n.subject().name().family_name(), "QUIMBYTEST");
  EXPECT_EQ(n.related_people_size(), 0);
  const absl::Time arrested = absl::FromCivil(absl::CivilSecond(2026, 11, 3, 8, 15, 0), absl::UTCTimeZone());
  EXPECT_EQ(FromProtoTime(n.occurred_at()), arrested);
  ASSERT_TRUE(n.has_arrest());
  EXPECT_EQ(n.arrest().offence(), "Assault occasioning actual bodily harm");
  EXPECT_EQ(n.arrest().custody_suite(), "Testington Central");
  EXPECT_EQ(n.arrest().custody_record_number(), "ZZ/01/2026/000123");
  EXPECT_EQ(FromProtoTime(n.arrest().arrested_at()), arrested);
  EXPECT_EQ(n.arrest().outcome(), api::ARREST_OUTCOME_BAILED);
  EXPECT_EQ(n.arrest().summary(), "Synthetic test custody record.");
}

TEST(PoliceCustodyJson, BlankOutcomeIsPending) {
  const std::string json = EditJson(Sample("custody.jsonl"), "outcome", String(" "));
  auto actions = PoliceParser().ParseJson(json, kNow);
  ASSERT_TRUE(actions.ok()) << actions.status();
  EXPECT_EQ((*actions)[0].submit().arrest().outcome(), api::ARREST_OUTCOME_UNSPECIFIED);
  EXPECT_EQ(Digestless((*actions)[0].ref()), "cus:ZZ:ZZ/01/2026/000123:pending");
}

TEST(PoliceSourceRef, ExactResendGetsTheSameRef) {
  for (const char* file : {"incident.jsonl", "custody.jsonl"}) {
    auto first = PoliceParser().ParseJson(Sample(file), kNow);
    auto again = PoliceParser().ParseJson(Sample(file), kNow + absl::Hours(30));
    ASSERT_TRUE(first.ok() && again.ok()) << file;
    EXPECT_EQ((*first)[0].ref(), (*again)[0].ref()) << file;
  }
}

TEST(PoliceSourceRef, SameContentWrittenDifferentlyGetsTheSameRef) {
  const std::string json = Sample("custody.jsonl");
  std::string reshaped = EditJson(json, "detainee.dateOfBirth", String("21/07/1985"));
  reshaped = EditJson(reshaped, "detainee.pnc", String("12/52494q"));
  reshaped = EditJson(reshaped, "outcome", String("BAILED"));
  auto first = PoliceParser().ParseJson(json, kNow);
  auto second = PoliceParser().ParseJson(reshaped, kNow);
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_EQ((*first)[0].ref(), (*second)[0].ref());
}

TEST(PoliceSourceRef, ChangedOutcomeOrContentGetsANewRef) {
  const std::string json = Sample("custody.jsonl");
  auto bailed = PoliceParser().ParseJson(json, kNow);
  auto charged = PoliceParser().ParseJson(EditJson(json, "outcome", String("charged")), kNow);
  auto corrected = PoliceParser().ParseJson(EditJson(json, "summary", String("Corrected summary.")), kNow);
  ASSERT_TRUE(bailed.ok() && charged.ok() && corrected.ok());
  EXPECT_NE((*bailed)[0].ref(), (*charged)[0].ref());
  EXPECT_EQ(Digestless((*charged)[0].ref()), "cus:ZZ:ZZ/01/2026/000123:charged");
  EXPECT_NE((*bailed)[0].ref(), (*corrected)[0].ref());
  EXPECT_EQ(Digestless((*bailed)[0].ref()), Digestless((*corrected)[0].ref()));
}

struct JsonErrorCase {
  const char* file;
  const char* field;
  std::optional<google::protobuf::Value> value;
  const char* path;  // expected at the start of the message
};

TEST(PoliceJsonErrors, NameTheFieldAndNoValue) {
  const JsonErrorCase cases[] = {
      {"incident.jsonl", "recordType", std::nullopt, "recordType"},
      {"incident.jsonl", "recordType", String("QUIMBYTEST"), "recordType"},
      {"incident.jsonl", "forceCode", std::nullopt, "forceCode"},
      {"incident.jsonl", "incidentNumber", String("QUIMBYTEST 1988"), "incidentNumber"},
      {"incident.jsonl", "incidentNumber", String(std::string(41, '1')), "incidentNumber"},
      {"incident.jsonl", "incidentTypes", std::nullopt, "incidentTypes"},
      {"incident.jsonl", "incidentTypes", String("DA"), "incidentTypes"},
      {"incident.jsonl", "openedAt", String("QUIMBYTEST"), "openedAt"},
      {"incident.jsonl", "attendedAt", String("1988-13-45T99:00"), "attendedAt"},
      {"incident.jsonl", "location", String("1 Nowhere Lane"), "location"},
      {"incident.jsonl", "childrenPresent", String("Testy"), "childrenPresent"},
      {"incident.jsonl", "classification", String("SECRET"), "classification"},
      {"incident.jsonl", "caveats[0]", String("QUIMBYTEST"), "caveats[0]"},
      {"incident.jsonl", "officer", String("Testy"), "officer"},
      {"incident.jsonl", "people", String("QUIMBYTEST"), "people"},
      {"incident.jsonl", "people[0].role", std::nullopt, "people[0].role"},
      {"incident.jsonl", "people[0].role", String("QUIMBYTEST"), "people[0].role"},
      {"incident.jsonl", "people[0].personRef", String("Testy QUIMBYTEST"), "people[0].personRef"},
      {"incident.jsonl", "people[0].pnc", String("1979/0163001C"), "people[0].pnc"},
      {"incident.jsonl", "people[0].cro", String("QUIMBYTEST"), "people[0].cro"},
      {"incident.jsonl", "people[0].surname", Number(1988), "people[0].surname"},
      {"incident.jsonl", "people[0].dateOfBirth", String("1988-31-31"), "people[0].dateOfBirth"},
      {"incident.jsonl", "people[0].dateOfBirth", String("Testy"), "people[0].dateOfBirth"},
      {"incident.jsonl", "people[0].addresses[0].town", Number(1), "people[0].addresses[0].town"},
      {"incident.jsonl", "people[4].age", Number(131), "people[4].age"},
      {"incident.jsonl", "people[4].age", String("two"), "people[4].age"},
      {"custody.jsonl", "recordType", String("arrest"), "recordType"},
      {"custody.jsonl", "custodyRecordNumber", std::nullopt, "custodyRecordNumber"},
      {"custody.jsonl", "arrestedAt", std::nullopt, "arrestedAt"},
      {"custody.jsonl", "arrestedAt", String("14/03/1988 25:99"), "arrestedAt"},
      {"custody.jsonl", "offence", String("  "), "offence"},
      {"custody.jsonl", "outcome", String("QUIMBYTEST"), "outcome"},
      {"custody.jsonl", "detainee", std::nullopt, "detainee"},
      {"custody.jsonl", "detainee.pnc", String("2012/0052494X"), "detainee.pnc"},
      {"custody.jsonl", "detainee.aliases", String("QUIMBYTEST"), "detainee.aliases"},
  };
  for (const JsonErrorCase& c : cases) {
    const std::string json = EditJson(Sample(c.file), c.field, c.value);
    auto actions = PoliceParser().ParseJson(json, kNow);
    ExpectFieldError(actions.status(), c.path, json);
    if (c.value.has_value() && c.value->string_value().size() >= 3) {
      EXPECT_THAT(std::string(actions.status().message()), Not(HasSubstr(c.value->string_value())));
    }
  }
  // Without an opening or an attended time there is no occurred_at.
  std::string untimed = EditJson(Sample("incident.jsonl"), "openedAt", std::nullopt);
  untimed = EditJson(untimed, "attendedAt", std::nullopt);
  ExpectFieldError(PoliceParser().ParseJson(untimed, kNow).status(), "openedAt", untimed);
}

TEST(PoliceJsonErrors, MalformedRecords) {
  for (const std::string& line :
       {std::string("QUIMBYTEST"), std::string("[\"QUIMBYTEST\"]"),
        std::string("{\"recordType\":\"incident\",\"forceCode\":\"QUIMBYTEST"), std::string("")}) {
    auto actions = PoliceParser().ParseJson(line, kNow);
    ExpectFieldError(actions.status(), "record", line);
  }
}

TEST(PoliceJsonErrors, AtMostFiftyPeople) {
  std::string json = Sample("incident.jsonl");
  google::protobuf::Value people;
  for (int i = 0; i < 51; ++i) {
    google::protobuf::Value person;
    (*person.mutable_struct_value()->mutable_fields())["role"] = String("witness");
    *people.mutable_list_value()->add_values() = person;
  }
  auto actions = PoliceParser().ParseJson(EditJson(json, "people", people), kNow);
  ExpectFieldError(actions.status(), "people", json);
  EXPECT_THAT(std::string(actions.status().message()), HasSubstr("more than 50"));
}

TEST(PoliceValidation, BrokerValidationFailuresPropagate) {
  struct Case {
    const char* field;
    google::protobuf::Value value;
    const char* path;
  };
  google::protobuf::Value nothing;
  nothing.set_null_value(google::protobuf::NULL_VALUE);
  const Case cases[] = {
      {"openedAt", String("2026-11-23T14:00:00Z"), "occurred_at"},  // two hours after now
      {"people[0].surname", String(std::string(101, 'Q')), "subject.name.family_name"},
      {"summary", String(std::string(4001, 'x')), "police_callout.summary"},
      {"people[1].surname", String("Q\x01"), "related_people[0].person.name.family_name"},
  };
  for (const Case& c : cases) {
    auto actions = PoliceParser().ParseJson(EditJson(Sample("incident.jsonl"), c.field, c.value), kNow);
    ExpectFieldError(actions.status(), c.path, c.field);
  }
  // A suspect with neither a strong identifier nor a family name.
  std::string anonymous = Sample("incident.jsonl");
  for (const char* field : {"people[0].pnc", "people[0].surname"}) anonymous = EditJson(anonymous, field, nothing);
  anonymous = EditJson(anonymous, "people[0].cro", String("000000/00Z"));  // a placeholder counts as absent
  auto actions = PoliceParser().ParseJson(anonymous, kNow);
  ExpectFieldError(actions.status(), "subject", anonymous);
  EXPECT_THAT(std::string(actions.status().message()), HasSubstr("strong identifier"));
}

TEST(PoliceParser, Name) { EXPECT_EQ(PoliceParser().name(), "police"); }

}  // namespace
}  // namespace liaison::adapters::police
