#include "adapters/social_care/social_care_parser.h"

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "adapters/police/json_edit_for_test.h"
#include "adapters/social_care/social_care_codes.h"
#include "broker/common/proto_time.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"

namespace liaison::adapters::social_care {
namespace {

using ::liaison::adapters::testing::CsvLine;
using ::liaison::adapters::testing::EditJson;
using ::liaison::adapters::testing::HeaderAndRecord;
using ::liaison::adapters::testing::Number;
using ::liaison::adapters::testing::ReadTestFile;
using ::liaison::adapters::testing::String;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;
namespace api = ::liaison::v1;

const absl::Time kNow = absl::FromCivil(absl::CivilSecond(2026, 11, 23, 12, 0, 0), absl::UTCTimeZone());

std::string Sample(const std::string& name) {
  std::string text = ReadTestFile(absl::StrCat(LIAISON_SOCIAL_CARE_TESTDATA, "/", name));
  while (!text.empty() && text.back() == '\n') text.pop_back();
  return text;
}

absl::StatusOr<std::vector<v1::Action>> ParseCsvText(const std::string& text) {
  const auto [header_line, record_line] = HeaderAndRecord(text);
  const std::vector<std::string> header = CsvLine(header_line);
  const std::vector<std::string> fields = CsvLine(record_line);
  return SocialCareParser().ParseCsv(CsvRow{header, fields}, kNow);
}

std::string EditCsv(const std::string& text, const std::string& column, const std::string& value) {
  const auto [header_line, record_line] = HeaderAndRecord(text);
  const std::vector<std::string> header = CsvLine(header_line);
  std::vector<std::string> fields = CsvLine(record_line);
  for (size_t i = 0; i < header.size(); ++i) {
    if (header[i] == column) fields[i] = value;
  }
  std::string out = header_line + "\n";
  for (size_t i = 0; i < fields.size(); ++i) {
    out += absl::StrCat(i == 0 ? "" : ",", "\"", fields[i], "\"");
  }
  return out;
}

std::string Digestless(const std::string& ref) { return ref.substr(0, ref.rfind(':')); }

absl::StatusOr<std::vector<v1::Action>> Parse(const std::string& json) {
  return SocialCareParser().ParseJson(json, kNow);
}

TEST(SocialCareReferralJson, MapsEveryField) {
  auto actions = Parse(Sample("referral.jsonl"));
  ASSERT_TRUE(actions.ok()) << actions.status();
  ASSERT_EQ(actions->size(), 1u);
  const api::Notification& n = (*actions)[0].submit();
  EXPECT_EQ((*actions)[0].ref(), n.source_ref());
  EXPECT_EQ(Digestless(n.source_ref()), "sc:Z99000001:CIN-000123:referral:A1");
  EXPECT_FALSE(n.has_source());
  EXPECT_EQ(FromProtoTime(n.occurred_at()),
            absl::FromCivil(absl::CivilSecond(2026, 11, 4, 10, 5, 0), absl::UTCTimeZone()));
  EXPECT_EQ(n.classification(), api::CLASSIFICATION_OFFICIAL_SENSITIVE);  // the default
  EXPECT_EQ(n.caveats_size(), 0);
  EXPECT_EQ(n.originator_contact(),
            "Sam Example, Social worker, Assessment team, 01632 960001, assessment@council.example");

  EXPECT_EQ(n.subject().name().family_name(), "QUIMBYTEST");
  EXPECT_EQ(n.subject().identifiers(0).value(), "1979/0163001B");
  EXPECT_EQ(n.subject().date_of_birth(), "1985-07-21");
  EXPECT_EQ(n.subject().aliases(0).family_name(), "QUIMBY");
  EXPECT_EQ(n.subject().aliases(0).given_names(), "T");
  EXPECT_EQ(n.subject().addresses(0).town(), "Testington");

  // The partner and both children; the grandmother (not of concern) is not shared.
  ASSERT_EQ(n.related_people_size(), 3);
  EXPECT_EQ(n.related_people(0).role(), api::RELATED_ROLE_PARTNER);
  EXPECT_EQ(n.related_people(0).person().name().family_name(), "FAKEPARTNER");
  EXPECT_EQ(n.related_people(1).role(), api::RELATED_ROLE_CHILD);
  EXPECT_EQ(n.related_people(1).person().name().given_names(), "Kiddo");
  EXPECT_EQ(n.related_people(1).person().date_of_birth(), "2019-11-03");
  EXPECT_EQ(n.related_people(1).age(), 7);  // born 2019-11-03, recorded 2026-11-04
  EXPECT_EQ(n.related_people(2).role(), api::RELATED_ROLE_CHILD);
  EXPECT_EQ(n.related_people(2).age(), 2);

  ASSERT_TRUE(n.has_social_care_referral());
  const api::SocialCareReferral& referral = n.social_care_referral();
  EXPECT_EQ(referral.local_authority(), "Z99000001");
  EXPECT_EQ(referral.case_reference(), "CIN-000123");
  EXPECT_THAT(referral.reasons(), ElementsAre(api::REFERRAL_REASON_DOMESTIC_ABUSE, api::REFERRAL_REASON_NEGLECT,
                                              api::REFERRAL_REASON_OTHER));
  EXPECT_EQ(referral.stage(), api::CHILD_PROTECTION_STAGE_REFERRAL);  // a referral's default
  EXPECT_EQ(referral.summary(),
            "Relationship to the child: mother's partner.\nSynthetic test referral following a police notification.");
}

TEST(SocialCareChildProtectionJson, EachAdultOfConcernIsTheSubjectOfOneNotification) {
  auto actions = Parse(Sample("child_protection.jsonl"));
  ASSERT_TRUE(actions.ok()) << actions.status();
  ASSERT_EQ(actions->size(), 2u);
  const api::Notification& first = (*actions)[0].submit();
  const api::Notification& second = (*actions)[1].submit();
  EXPECT_EQ(Digestless(first.source_ref()), "sc:Z99000001:CP-000456:conference:a1");
  EXPECT_EQ(Digestless(second.source_ref()), "sc:Z99000001:CP-000456:conference:a2");
  EXPECT_EQ(first.subject().name().family_name(), "QUIMBYTEST");
  EXPECT_EQ(second.subject().name().family_name(), "FAKEUNCLE");
  EXPECT_EQ(first.classification(), api::CLASSIFICATION_OFFICIAL);
  EXPECT_THAT(first.caveats(), ElementsAre(api::CAVEAT_PROTECT_SOURCE));
  EXPECT_EQ(FromProtoTime(first.occurred_at()),  // 14:30 UK time (GMT in November)
            absl::FromCivil(absl::CivilSecond(2026, 11, 5, 14, 30, 0), absl::UTCTimeZone()));
  // Each carries the children only; the other adult of concern has a notification of their own.
  ASSERT_EQ(first.related_people_size(), 1);
  EXPECT_EQ(first.related_people(0).role(), api::RELATED_ROLE_CHILD);
  EXPECT_EQ(first.social_care_referral().stage(), api::CHILD_PROTECTION_STAGE_CONFERENCE);
  EXPECT_THAT(first.social_care_referral().reasons(),
              ElementsAre(api::REFERRAL_REASON_PHYSICAL_ABUSE, api::REFERRAL_REASON_EMOTIONAL_ABUSE));
  EXPECT_THAT(first.social_care_referral().summary(), StartsWith("Relationship to the child: father."));
  EXPECT_THAT(second.social_care_referral().summary(), StartsWith("Relationship to the child: uncle."));
}

TEST(SocialCareJson, NoAdultOfConcernIsNotRelevant) {
  const std::string json = EditJson(Sample("referral.jsonl"), "adults[0].involvement", String("parent"));
  auto actions = Parse(json);
  ASSERT_TRUE(actions.ok()) << actions.status();
  EXPECT_TRUE(actions->empty());
}

TEST(SocialCareJson, SummaryWithoutRelationship) {
  const std::string json = EditJson(Sample("referral.jsonl"), "adults[0].relationshipToChild", std::nullopt);
  auto actions = Parse(json);
  ASSERT_TRUE(actions.ok()) << actions.status();
  EXPECT_EQ((*actions)[0].submit().social_care_referral().summary(),
            "Synthetic test referral following a police notification.");
}

TEST(SocialCareCodes, Reasons) {
  EXPECT_THAT(ReasonsFromCodes({"DA", "dv", "Domestic Abuse", "domestic-violence"}),
              ElementsAre(api::REFERRAL_REASON_DOMESTIC_ABUSE));
  EXPECT_THAT(ReasonsFromCodes({"NEG", "Neglect"}), ElementsAre(api::REFERRAL_REASON_NEGLECT));
  EXPECT_THAT(ReasonsFromCodes({"PHY", "physical abuse"}), ElementsAre(api::REFERRAL_REASON_PHYSICAL_ABUSE));
  EXPECT_THAT(ReasonsFromCodes({"SAB", "Sexual"}), ElementsAre(api::REFERRAL_REASON_SEXUAL_ABUSE));
  EXPECT_THAT(ReasonsFromCodes({"EMO", "emotional_abuse"}), ElementsAre(api::REFERRAL_REASON_EMOTIONAL_ABUSE));
  EXPECT_THAT(ReasonsFromCodes({"CSE", "child sexual exploitation"}),
              ElementsAre(api::REFERRAL_REASON_CHILD_SEXUAL_EXPLOITATION));
  EXPECT_THAT(ReasonsFromCodes({"MUL", "housing", "other"}), ElementsAre(api::REFERRAL_REASON_OTHER));
  EXPECT_THAT(ReasonsFromCodes({}), ElementsAre());
}

TEST(SocialCareCodes, Stages) {
  struct Case {
    const char* code;
    api::ChildProtectionStage stage;
    const char* ref_name;
  };
  const Case cases[] = {
      {"Referral", api::CHILD_PROTECTION_STAGE_REFERRAL, "referral"},
      {"contact", api::CHILD_PROTECTION_STAGE_REFERRAL, "referral"},
      {"strategy discussion", api::CHILD_PROTECTION_STAGE_STRATEGY_DISCUSSION, "strategy"},
      {"Strategy meeting", api::CHILD_PROTECTION_STAGE_STRATEGY_DISCUSSION, "strategy"},
      {"S47", api::CHILD_PROTECTION_STAGE_SECTION_47_ENQUIRY, "s47"},
      {"Section 47 enquiry", api::CHILD_PROTECTION_STAGE_SECTION_47_ENQUIRY, "s47"},
      {"ICPC", api::CHILD_PROTECTION_STAGE_CONFERENCE, "conference"},
      {"rcpc", api::CHILD_PROTECTION_STAGE_CONFERENCE, "conference"},
      {"Child protection conference", api::CHILD_PROTECTION_STAGE_CONFERENCE, "conference"},
      {"CPP", api::CHILD_PROTECTION_STAGE_PLAN, "plan"},
      {"child protection plan", api::CHILD_PROTECTION_STAGE_PLAN, "plan"},
  };
  for (const Case& c : cases) {
    std::optional<api::ChildProtectionStage> stage = StageFromCode(c.code);
    ASSERT_TRUE(stage.has_value()) << c.code;
    EXPECT_EQ(*stage, c.stage) << c.code;
    EXPECT_EQ(StageRefName(*stage), c.ref_name);
  }
  EXPECT_FALSE(StageFromCode("assessment").has_value());
}

TEST(SocialCareCodes, Involvement) {
  EXPECT_EQ(InvolvementFromCode("Person of concern"), Involvement::kConcern);
  EXPECT_EQ(InvolvementFromCode("POC"), Involvement::kConcern);
  EXPECT_EQ(InvolvementFromCode("alleged perpetrator"), Involvement::kConcern);
  EXPECT_EQ(InvolvementFromCode("Partner"), Involvement::kPartner);
  EXPECT_EQ(InvolvementFromCode("parent"), Involvement::kOther);
  EXPECT_EQ(InvolvementFromCode("carer"), Involvement::kOther);
  EXPECT_EQ(InvolvementFromCode("other"), Involvement::kOther);
  EXPECT_FALSE(InvolvementFromCode("neighbour").has_value());
}

TEST(SocialCareSourceRef, ExactResendGetsTheSameRef) {
  for (const char* file : {"referral.jsonl", "child_protection.jsonl"}) {
    auto first = Parse(Sample(file));
    auto again = SocialCareParser().ParseJson(Sample(file), kNow + absl::Hours(48));
    ASSERT_TRUE(first.ok() && again.ok()) << file;
    EXPECT_EQ((*first)[0].ref(), (*again)[0].ref()) << file;
  }
}

TEST(SocialCareSourceRef, ANewStageOrContentGetsANewRef) {
  const std::string json = Sample("child_protection.jsonl");
  auto conference = Parse(json);
  auto plan = Parse(EditJson(json, "stage", String("child protection plan")));
  auto reasons = Parse(EditJson(json, "reasons[1]", String("NEG")));
  ASSERT_TRUE(conference.ok() && plan.ok() && reasons.ok());
  EXPECT_EQ(Digestless((*plan)[0].ref()), "sc:Z99000001:CP-000456:plan:a1");
  EXPECT_NE((*conference)[0].ref(), (*reasons)[0].ref());
  EXPECT_EQ(Digestless((*conference)[0].ref()), Digestless((*reasons)[0].ref()));
}

TEST(SocialCareCsv, RowEqualsTheJsonRecord) {
  auto from_csv = ParseCsvText(ReadTestFile(absl::StrCat(LIAISON_SOCIAL_CARE_TESTDATA, "/referral.csv")));
  auto from_json = Parse(Sample("referral.jsonl"));
  ASSERT_TRUE(from_csv.ok()) << from_csv.status();
  ASSERT_TRUE(from_json.ok()) << from_json.status();
  ASSERT_EQ(from_csv->size(), 1u);
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals((*from_csv)[0], (*from_json)[0]))
      << (*from_csv)[0].DebugString() << "\n---\n"
      << (*from_json)[0].DebugString();
}

TEST(SocialCareCsv, RowWithoutSubjectIsNotRelevant) {
  std::string csv = ReadTestFile(absl::StrCat(LIAISON_SOCIAL_CARE_TESTDATA, "/referral.csv"));
  for (const char* column : {"subject_ref", "subject_relationship_to_child", "subject_pnc", "subject_forenames",
                             "subject_surname", "subject_aliases", "subject_dob", "subject_address_line1",
                             "subject_address_town", "subject_address_postcode"}) {
    csv = EditCsv(csv, column, "");
  }
  auto actions = ParseCsvText(csv);
  ASSERT_TRUE(actions.ok()) << actions.status();
  EXPECT_TRUE(actions->empty());
}

const char* const kPersonalValues[] = {"QUIMBYTEST", "Testy", "1985", "0163001", "FAKEPARTNER", "Kiddo", "Nowhere"};

void ExpectFieldError(const absl::Status& status, const std::string& path, const std::string& input) {
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << input;
  EXPECT_THAT(std::string(status.message()), StartsWith(path + ": ")) << input;
  for (const char* value : kPersonalValues) {
    EXPECT_THAT(std::string(status.message()), Not(HasSubstr(value)));
  }
}

TEST(SocialCareJsonErrors, NameTheFieldAndNoValue) {
  struct Case {
    const char* file;
    const char* field;
    std::optional<google::protobuf::Value> value;
    const char* path;
  };
  const Case cases[] = {
      {"referral.jsonl", "recordType", std::nullopt, "recordType"},
      {"referral.jsonl", "recordType", String("QUIMBYTEST"), "recordType"},
      {"referral.jsonl", "localAuthority", std::nullopt, "localAuthority"},
      {"referral.jsonl", "localAuthority", String("Testy QUIMBYTEST"), "localAuthority"},
      {"referral.jsonl", "caseReference", String(""), "caseReference"},
      {"referral.jsonl", "reasons", String("DA"), "reasons"},
      {"referral.jsonl", "reasons[0]", Number(3), "reasons[0]"},
      {"referral.jsonl", "stage", String("QUIMBYTEST"), "stage"},
      {"referral.jsonl", "recordedAt", std::nullopt, "recordedAt"},
      {"referral.jsonl", "recordedAt", String("21/07/1985 99:99"), "recordedAt"},
      {"referral.jsonl", "classification", String("SECRET"), "classification"},
      {"referral.jsonl", "caveats", String("nfod"), "caveats"},
      {"referral.jsonl", "socialWorker", String("Sam"), "socialWorker"},
      {"referral.jsonl", "socialWorker.phone", Number(1632960001), "socialWorker.phone"},
      {"referral.jsonl", "adults", String("QUIMBYTEST"), "adults"},
      {"referral.jsonl", "adults[0].involvement", std::nullopt, "adults[0].involvement"},
      {"referral.jsonl", "adults[0].involvement", String("QUIMBYTEST"), "adults[0].involvement"},
      {"referral.jsonl", "adults[0].relationshipToChild", String(std::string(101, 'm')),
       "adults[0].relationshipToChild"},
      {"referral.jsonl", "adults[0].personRef", String("Testy QUIMBYTEST"), "adults[0].personRef"},
      {"referral.jsonl", "adults[0].pnc", String("79/163001C"), "adults[0].pnc"},
      {"referral.jsonl", "adults[0].dateOfBirth", String("1985-32-32"), "adults[0].dateOfBirth"},
      {"referral.jsonl", "adults[1].addresses", String("1 Nowhere Lane"), "adults[1].addresses"},
      {"referral.jsonl", "children[0].dateOfBirth", String("Kiddo"), "children[0].dateOfBirth"},
      {"referral.jsonl", "children[1].age", Number(-1), "children[1].age"},
      {"referral.jsonl", "children[1].age", Number(2.5), "children[1].age"},
      {"child_protection.jsonl", "stage", std::nullopt, "stage"},
      {"child_protection.jsonl", "recordType", String("assessment"), "recordType"},
  };
  for (const Case& c : cases) {
    const std::string json = EditJson(Sample(c.file), c.field, c.value);
    auto actions = Parse(json);
    ExpectFieldError(actions.status(), c.path, json);
    if (c.value.has_value() && c.value->string_value().size() >= 3) {
      EXPECT_THAT(std::string(actions.status().message()), Not(HasSubstr(c.value->string_value())));
    }
  }
}

TEST(SocialCareJsonErrors, AtMostFiftyChildrenOrAdults) {
  google::protobuf::Value many;
  for (int i = 0; i < 51; ++i) {
    google::protobuf::Value person;
    (*person.mutable_struct_value()->mutable_fields())["involvement"] = String("other");
    *many.mutable_list_value()->add_values() = person;
  }
  for (const char* field : {"adults", "children"}) {
    auto actions = Parse(EditJson(Sample("referral.jsonl"), field, many));
    ExpectFieldError(actions.status(), field, field);
    EXPECT_THAT(std::string(actions.status().message()), HasSubstr("more than 50"));
  }
}

TEST(SocialCareValidation, BrokerValidationFailuresPropagate) {
  struct Case {
    const char* field;
    google::protobuf::Value value;
    const char* path;
  };
  const Case cases[] = {
      {"recordedAt", String("2026-11-24T12:00:00Z"), "occurred_at"},
      {"adults[0].surname", String(std::string(101, 'Q')), "subject.name.family_name"},
      {"summary", String(std::string(4001, 's')), "social_care_referral.summary"},
      {"children[0].forenames", String("K\x02"), "related_people[1].person.name.given_names"},
  };
  for (const Case& c : cases) {
    auto actions = Parse(EditJson(Sample("referral.jsonl"), c.field, c.value));
    ExpectFieldError(actions.status(), c.path, c.field);
  }
  std::string anonymous = EditJson(Sample("referral.jsonl"), "adults[0].pnc", std::nullopt);
  anonymous = EditJson(anonymous, "adults[0].surname", String(" "));
  auto actions = Parse(anonymous);
  ExpectFieldError(actions.status(), "subject", anonymous);
}

TEST(SocialCareCsvErrors, NameTheColumnAndNoValue) {
  const std::string csv = ReadTestFile(absl::StrCat(LIAISON_SOCIAL_CARE_TESTDATA, "/referral.csv"));
  struct Case {
    const char* column;
    const char* value;
    const char* path = nullptr;  // when not "column <column>"
  };
  const Case cases[] = {
      {"record_type", ""},
      {"record_type", "QUIMBYTEST"},
      {"local_authority", ""},
      {"case_reference", "CIN 000123"},
      {"stage", "QUIMBYTEST"},
      {"recorded_at", ""},
      {"recorded_at", "Testy"},
      {"classification", "official sensitive plus"},
      {"caveats", "nfod;QUIMBYTEST", "column caveats[1]"},
      {"subject_ref", "A 1"},
      {"subject_pnc", "79/163001C"},
      {"subject_dob", "21/07/85"},
      {"partner_dob", "32/13/1990"},
      {"child1_dob", "Kiddo"},
      {"child2_age", "two"},
      {"child2_age", "131"},
  };
  for (const Case& c : cases) {
    const std::string edited = EditCsv(csv, c.column, c.value);
    auto actions = ParseCsvText(edited);
    ExpectFieldError(actions.status(), c.path != nullptr ? c.path : absl::StrCat("column ", c.column), edited);
    if (std::string(c.value).size() >= 3) {
      EXPECT_THAT(std::string(actions.status().message()), Not(HasSubstr(c.value)));
    }
  }
  const std::string child_protection = EditCsv(csv, "record_type", "child protection");
  ExpectFieldError(ParseCsvText(child_protection).status(), "column stage", child_protection);
}

TEST(SocialCareUtf8, TextMustBeValidUtf8) {
  std::string json = Sample("referral.jsonl");
  json.replace(json.find("Kiddo"), 5, "Kid\xe2\x82");
  ExpectFieldError(Parse(json).status(), "record", "invalid UTF-8 JSON");
  const std::string csv = ReadTestFile(absl::StrCat(LIAISON_SOCIAL_CARE_TESTDATA, "/referral.csv"));
  ExpectFieldError(ParseCsvText(EditCsv(csv, "child1_forenames", "Kid\xc0\x80")).status(),
                   "related_people[1].person.name.given_names", "invalid UTF-8 CSV");
}

TEST(SocialCareParser, Name) { EXPECT_EQ(SocialCareParser().name(), "social_care"); }

}  // namespace
}  // namespace liaison::adapters::social_care
