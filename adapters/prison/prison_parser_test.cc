#include "adapters/prison/prison_parser.h"

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/substitute.h"
#include "adapters/common/json_fields.h"
#include "broker/common/proto_time.h"
#include "broker/csv/csv_reader.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/json_util.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"

namespace liaison::adapters::prison {
namespace {

using ::google::protobuf::util::MessageDifferencer;
using ::testing::HasSubstr;
using ::testing::MatchesRegex;
using ::testing::Not;
using ::testing::StartsWith;

const absl::Time kNow = absl::FromCivil(absl::CivilSecond(2026, 11, 3, 12, 0, 0), absl::UTCTimeZone());
constexpr char kSurname[] = "Quarrington";
constexpr char kNoms[] = "A1234BC";

absl::Time Utc(int y, int m, int d, int hh, int mm) {
  return absl::FromCivil(absl::CivilSecond(y, m, d, hh, mm, 0), absl::UTCTimeZone());
}

// A domain event about kNoms with `additional` as additionalInformation.
std::string Event(absl::string_view type, absl::string_view occurred_at, absl::string_view additional) {
  return absl::Substitute(
      R"({"eventType": "$0", "version": 1, "occurredAt": "$1", "description": "d",
          "personReference": {"identifiers": [{"type": "NOMS", "value": "A1234BC"}]},
          "additionalInformation": $2})",
      type, occurred_at, additional);
}

std::string Reception(absl::string_view occurred_at, absl::string_view reason, absl::string_view prison) {
  return Event("prison-offender-events.prisoner.received", occurred_at,
               absl::Substitute(R"({"nomsNumber": "A1234BC", "reason": "$0", "prisonId": "$1"})", reason, prison));
}

std::string Release(absl::string_view occurred_at, absl::string_view reason) {
  return Event("prison-offender-events.prisoner.released", occurred_at,
               absl::Substitute(R"({"nomsNumber": "A1234BC", "reason": "$0", "prisonId": "MDI"})", reason));
}

constexpr char kMonitoring[] =
    R"({"establishment": "MDI", "direction": "OUTGOING", "concern": "KNOWN_OFFENDER",
        "monitoringReference": "MM-2026-0042", "summary": "Letter to a known associate.",
        "flaggedAt": "02/11/2026 21:40", "originatorContact": "Security department, HMP Moorland",
        "correspondent": {"identifiers": [{"type": "NOMS", "value": "G4821KT"}], "givenNames": "Tobias",
                          "familyName": "Penhallow", "dateOfBirth": "30/08/1979",
                          "address": {"lines": ["14 Larch Row"], "town": "Doncaster", "postcode": "DN4 5ZZ"}}})";

std::string Alert(absl::string_view code, absl::string_view monitoring = kMonitoring,
                  absl::string_view type = "person.alert.created") {
  return Event(type, "2026-11-02T21:45:00Z",
               absl::Substitute(R"({"alertCode": "$0", "alertUuid": "6c1b", "prisonId": "MDI",
                                    "prisoner": {"givenNames": "Ellery", "familyName": "Quarrington",
                                                 "dateOfBirth": "14/03/1988"},
                                    "monitoring": $1})",
                                code, monitoring));
}

std::vector<v1::Action> MustParse(absl::string_view line) {
  absl::StatusOr<std::vector<v1::Action>> actions = PrisonParser().ParseJson(line, kNow);
  EXPECT_TRUE(actions.ok()) << actions.status();
  return actions.ok() ? *actions : std::vector<v1::Action>();
}

// By value: callers pass temporaries.
liaison::v1::ApplyChangeRequest OnlyChange(const std::vector<v1::Action>& actions) {
  EXPECT_EQ(actions.size(), 1u);
  if (actions.size() != 1) return {};
  EXPECT_EQ(actions[0].ref(), actions[0].apply_change().change_ref());
  return actions[0].apply_change();
}

TEST(PrisonParserTest, ReceptionPutsThePrisonerInCustody) {
  const auto actions = MustParse(Reception("2026-11-02T09:15:00Z", "ADMISSION", "mdi"));
  const auto& change = OnlyChange(actions);
  EXPECT_THAT(change.change_ref(), MatchesRegex("evt:[0-9a-f]{32}"));
  EXPECT_EQ(change.person().type(), liaison::v1::IDENTIFIER_TYPE_NOMS);
  EXPECT_EQ(change.person().value(), kNoms);
  EXPECT_EQ(FromProtoTime(change.occurred_at()), Utc(2026, 11, 2, 9, 15));
  EXPECT_EQ(change.custody().status(), liaison::v1::SUPERVISION_STATUS_IN_CUSTODY);
  EXPECT_EQ(change.custody().prison_code(), "MDI");
  EXPECT_EQ(change.reason(), "prison reception (ADMISSION)");
}

TEST(PrisonParserTest, EveryReceptionReasonMeansCustody) {
  for (const char* reason : {"ADMISSION", "TRANSFERRED", "RETURN_FROM_COURT", "TEMPORARY_ABSENCE_RETURN",
                             "POST_MERGE_ADMISSION", "UNKNOWN"}) {
    const auto& change = OnlyChange(MustParse(Reception("2026-11-02T09:15:00Z", reason, "LEI")));
    EXPECT_EQ(change.custody().status(), liaison::v1::SUPERVISION_STATUS_IN_CUSTODY) << reason;
    EXPECT_EQ(change.custody().prison_code(), "LEI") << reason;
  }
  // An unvetted reason is not copied into the audit trail.
  EXPECT_EQ(OnlyChange(MustParse(Reception("2026-11-02T09:15:00Z", "Smith", "LEI"))).reason(), "prison reception");
}

TEST(PrisonParserTest, ReleaseTable) {
  const auto& change = OnlyChange(MustParse(Release("2026-11-02T10:00:00Z", "RELEASED")));
  EXPECT_EQ(change.custody().status(), liaison::v1::SUPERVISION_STATUS_LICENCE);
  EXPECT_EQ(change.custody().prison_code(), "");
  EXPECT_EQ(change.reason(), "prison release (RELEASED)");
  for (const char* reason :
       {"TRANSFERRED", "SENT_TO_COURT", "TEMPORARY_ABSENCE_RELEASE", "RELEASED_TO_HOSPITAL", "sent_to_court"}) {
    EXPECT_TRUE(MustParse(Release("2026-11-02T10:00:00Z", reason)).empty()) << reason;
  }
  absl::StatusOr<std::vector<v1::Action>> unknown =
      PrisonParser().ParseJson(Release("2026-11-02T10:00:00Z", "UNKNOWN"), kNow);
  EXPECT_EQ(unknown.status().message(), "additionalInformation.reason: is not a known release reason");
}

TEST(PrisonParserTest, TheSameEventTwiceGivesIdenticalActions) {
  for (const std::string& line : {Reception("2026-11-02T09:15:00Z", "ADMISSION", "MDI"),
                                  Release("2026-11-02T10:00:00Z", "RELEASED"), Alert("PMK")}) {
    const auto first = MustParse(line);
    // Redelivered with its keys in another order and other spacing.
    absl::StatusOr<google::protobuf::Struct> object = ParseJsonObject(line);
    ASSERT_TRUE(object.ok());
    std::string reordered;
    ASSERT_TRUE(google::protobuf::util::MessageToJsonString(*object, &reordered).ok());
    const auto second = MustParse(reordered);
    ASSERT_EQ(first.size(), 1u);
    ASSERT_EQ(second.size(), 1u);
    EXPECT_TRUE(MessageDifferencer::Equals(first[0], second[0])) << line;
  }
}

TEST(PrisonParserTest, AReleaseThenAReceptionAreDistinctChangesWithTheirOwnTimes) {
  const auto release = MustParse(Release("2026-11-02T10:00:00Z", "RELEASED"));
  // Recalled the same afternoon; the timestamp written in local time.
  const auto reception = MustParse(Reception("02/11/2026 15:30", "ADMISSION", "MDI"));
  ASSERT_EQ(release.size(), 1u);
  ASSERT_EQ(reception.size(), 1u);
  EXPECT_NE(release[0].ref(), reception[0].ref());
  EXPECT_EQ(FromProtoTime(release[0].apply_change().occurred_at()), Utc(2026, 11, 2, 10, 0));
  EXPECT_EQ(FromProtoTime(reception[0].apply_change().occurred_at()), Utc(2026, 11, 2, 15, 30));
  // A second release later is another change, not a duplicate.
  const auto again = MustParse(Release("2026-11-02T18:00:00Z", "RELEASED"));
  EXPECT_NE(again[0].ref(), release[0].ref());
}

TEST(PrisonParserTest, MergeReplacesTheRemovedNomsNumber) {
  const auto& change = OnlyChange(MustParse(Event("prisoner.merged", "2026-11-02T12:00:00Z",
                                                  R"({"nomsNumber": "a1234bc", "removedNomsNumber": "Z9876YX"})")));
  EXPECT_EQ(change.person().type(), liaison::v1::IDENTIFIER_TYPE_NOMS);
  EXPECT_EQ(change.person().value(), "Z9876YX");
  EXPECT_EQ(change.identifier().replacement().type(), liaison::v1::IDENTIFIER_TYPE_NOMS);
  EXPECT_EQ(change.identifier().replacement().value(), kNoms);
}

TEST(PrisonParserTest, MonitoringAlertBecomesAMailFlag) {
  const auto actions = MustParse(Alert("PMK"));
  ASSERT_EQ(actions.size(), 1u);
  const liaison::v1::Notification& n = actions[0].submit();
  EXPECT_EQ(actions[0].ref(), n.source_ref());
  EXPECT_THAT(n.source_ref(), MatchesRegex("alert:[0-9a-f]{32}"));
  EXPECT_EQ(FromProtoTime(n.occurred_at()), Utc(2026, 11, 2, 21, 40));  // flaggedAt, London local
  EXPECT_EQ(n.classification(), liaison::v1::CLASSIFICATION_OFFICIAL_SENSITIVE);
  EXPECT_EQ(n.originator_contact(), "Security department, HMP Moorland");
  EXPECT_EQ(n.subject().name().family_name(), kSurname);
  EXPECT_EQ(n.subject().date_of_birth(), "1988-03-14");
  ASSERT_EQ(n.subject().identifiers_size(), 1);
  EXPECT_EQ(n.subject().identifiers(0).value(), kNoms);
  const liaison::v1::PrisonMailFlag& flag = n.prison_mail_flag();
  EXPECT_EQ(flag.establishment(), "MDI");
  EXPECT_EQ(flag.prisoner_noms(), kNoms);
  EXPECT_EQ(flag.direction(), liaison::v1::MAIL_DIRECTION_OUTGOING);
  EXPECT_EQ(flag.concern(), liaison::v1::MAIL_CONCERN_CONTACT_WITH_KNOWN_OFFENDER);
  EXPECT_EQ(flag.monitoring_reference(), "MM-2026-0042");
  EXPECT_EQ(flag.summary(), "Letter to a known associate.");
  EXPECT_EQ(flag.correspondent().name().family_name(), "Penhallow");
  EXPECT_EQ(flag.correspondent().date_of_birth(), "1979-08-30");
  EXPECT_EQ(flag.correspondent().addresses(0).postcode(), "DN4 5ZZ");
  ASSERT_EQ(n.related_people_size(), 1);
  EXPECT_EQ(n.related_people(0).role(), liaison::v1::RELATED_ROLE_CORRESPONDENT);
  EXPECT_TRUE(MessageDifferencer::Equals(n.related_people(0).person(), flag.correspondent()));
}

TEST(PrisonParserTest, AlertCodeTable) {
  struct Case {
    const char* code;
    liaison::v1::MailConcern concern;
    liaison::v1::RelatedRole role;
    bool telephone;
  };
  // The monitoring detail without a concern: the code's default applies.
  const std::string no_concern = absl::StrReplaceAll(kMonitoring, {{R"("concern": "KNOWN_OFFENDER",)", ""}});
  for (const Case& c : std::vector<Case>{
           {"PMV", liaison::v1::MAIL_CONCERN_CONTACT_WITH_VICTIM, liaison::v1::RELATED_ROLE_VICTIM, false},
           {"PMC", liaison::v1::MAIL_CONCERN_CONTACT_WITH_CHILD, liaison::v1::RELATED_ROLE_CHILD, false},
           {"pmk", liaison::v1::MAIL_CONCERN_CONTACT_WITH_KNOWN_OFFENDER, liaison::v1::RELATED_ROLE_CORRESPONDENT,
            false},
           {"PTV", liaison::v1::MAIL_CONCERN_CONTACT_WITH_VICTIM, liaison::v1::RELATED_ROLE_VICTIM, true},
           {"PTC", liaison::v1::MAIL_CONCERN_CONTACT_WITH_CHILD, liaison::v1::RELATED_ROLE_CHILD, true},
           {"PTK", liaison::v1::MAIL_CONCERN_CONTACT_WITH_KNOWN_OFFENDER, liaison::v1::RELATED_ROLE_CORRESPONDENT,
            true},
       }) {
    const auto actions = MustParse(Alert(c.code, no_concern));
    ASSERT_EQ(actions.size(), 1u) << c.code;
    const liaison::v1::Notification& n = actions[0].submit();
    EXPECT_EQ(n.prison_mail_flag().concern(), c.concern) << c.code;
    EXPECT_EQ(n.related_people(0).role(), c.role) << c.code;
    EXPECT_EQ(absl::StartsWith(n.prison_mail_flag().summary(), "Telephone monitoring: "), c.telephone) << c.code;
  }
  // PMM and PTM take the concern from the detail, which must name one.
  const auto other = MustParse(Alert("PTM", absl::StrReplaceAll(kMonitoring, {{"KNOWN_OFFENDER", "OTHER"}})));
  EXPECT_EQ(other[0].submit().prison_mail_flag().concern(), liaison::v1::MAIL_CONCERN_OTHER);
  EXPECT_EQ(PrisonParser().ParseJson(Alert("PMM", no_concern), kNow).status().message(),
            "additionalInformation.monitoring.concern: is required for this alert code");
}

TEST(PrisonParserTest, AlertsThatAreNotSharedAreNotRelevant) {
  EXPECT_TRUE(MustParse(Alert("HA")).empty());
  EXPECT_TRUE(MustParse(Alert("XCU", "{}")).empty());
  EXPECT_TRUE(MustParse(Alert("PMK", kMonitoring, "person.alert.deleted")).empty());
  EXPECT_TRUE(MustParse(Alert("PMK", kMonitoring, "person.alert.inactive")).empty());
  EXPECT_EQ(MustParse(Alert("PMK", kMonitoring, "person.alert.updated")).size(), 1u);
}

TEST(PrisonParserTest, EstablishmentFallsBackToPrisonId) {
  const auto actions = MustParse(Alert("PMK", absl::StrReplaceAll(kMonitoring, {{R"("establishment": "MDI",)", ""}})));
  EXPECT_EQ(actions[0].submit().prison_mail_flag().establishment(), "MDI");
}

TEST(PrisonParserTest, MailFlagRecordsInJsonAndCsvAgree) {
  std::ifstream json_file(absl::StrCat(LIAISON_PRISON_TESTDATA, "/mail_flags.jsonl"));
  std::string first_line;
  ASSERT_TRUE(std::getline(json_file, first_line));
  const auto from_json = MustParse(first_line);
  ASSERT_EQ(from_json.size(), 1u);
  EXPECT_EQ(from_json[0].ref(), "mailflag:MDI:MM-2026-0042");

  std::ifstream csv_file(absl::StrCat(LIAISON_PRISON_TESTDATA, "/mail_flags.csv"));
  csv::CsvReader reader(csv_file);
  auto header = reader.Next();
  auto row = reader.Next();
  ASSERT_TRUE(header.ok() && header->has_value() && row.ok() && row->has_value());
  absl::StatusOr<std::vector<v1::Action>> from_csv =
      PrisonParser().ParseCsv(CsvRow{(*header)->fields, (*row)->fields}, kNow);
  ASSERT_TRUE(from_csv.ok()) << from_csv.status();
  ASSERT_EQ(from_csv->size(), 1u);
  EXPECT_TRUE(MessageDifferencer::Equals(from_json[0], (*from_csv)[0])) << from_json[0].DebugString() << "\n"
                                                                        << (*from_csv)[0].DebugString();
}

TEST(PrisonParserTest, EverySampleParses) {
  for (const char* file : {"/events.jsonl", "/mail_flags.jsonl"}) {
    std::ifstream in(absl::StrCat(LIAISON_PRISON_TESTDATA, file));
    std::string line;
    int lines = 0;
    while (std::getline(in, line)) {
      ++lines;
      EXPECT_TRUE(PrisonParser().ParseJson(line, kNow).ok()) << file << ":" << lines;
    }
    EXPECT_GT(lines, 1) << file;
  }
  std::ifstream csv_file(absl::StrCat(LIAISON_PRISON_TESTDATA, "/mail_flags.csv"));
  csv::CsvReader reader(csv_file);
  auto header = reader.Next();
  ASSERT_TRUE(header.ok() && header->has_value());
  int rows = 0;
  for (auto row = reader.Next(); row.ok() && row->has_value(); row = reader.Next()) {
    ++rows;
    auto actions = PrisonParser().ParseCsv(CsvRow{(*header)->fields, (*row)->fields}, kNow);
    ASSERT_TRUE(actions.ok()) << "row " << rows << ": " << actions.status();
    EXPECT_THAT(actions->at(0).ref(), StartsWith("mailflag:"));
  }
  EXPECT_EQ(rows, 2);
}

struct BadRecord {
  std::string json;
  std::string message;
};

TEST(PrisonParserTest, ErrorsNameThePathAndNeverAValue) {
  const std::string flag_record =
      R"({"recordType": "mail-flag", "establishment": "MDI", "prisonerNoms": "A1234BC",
          "prisoner": {"familyName": "Quarrington"}, "direction": "OUTGOING", "concern": "VICTIM",
          "monitoringReference": "MM-1", "flaggedAt": "2026-11-02T21:40:00Z"})";
  const std::vector<BadRecord> cases = {
      {Event("prison-offender-events.prisoner.received", "2026-11-02T09:15:00Z", R"({"nomsNumber": "A1234BC"})"),
       "additionalInformation.prisonId: is required"},
      {Event("prison-offender-events.prisoner.received", "2026-11-02T09:15:00Z",
             R"({"nomsNumber": "Quarrington", "prisonId": "MDI"})"),
       "additionalInformation.nomsNumber: "},
      {Event("prison-offender-events.prisoner.received", "2026-11-02T09:15:00Z",
             R"({"nomsNumber": "B7654CD", "prisonId": "MDI"})"),
       "additionalInformation.nomsNumber: disagrees with the NOMS in personReference.identifiers"},
      {Event("prison-offender-events.prisoner.received", "2026-11-02T09:15:00Z",
             R"({"nomsNumber": "A1234BC", "prisonId": "Quarrington's"})"),
       "additionalInformation.prisonId: must be letters and digits"},
      {Event("prison-offender-events.prisoner.released", "2026-11-02T09:15:00Z", R"({"nomsNumber": "A1234BC"})"),
       "additionalInformation.reason: is required"},
      {Release("2026-11-02T09:15:00Z", "Quarrington"), "additionalInformation.reason: is not a known release reason"},
      {Release("2026-11-05T09:15:00Z", "RELEASED"), "occurredAt: is more than an hour in the future"},
      {Event("prisoner.merged", "2026-11-02T12:00:00Z", R"({"nomsNumber": "A1234BC"})"),
       "additionalInformation.removedNomsNumber: is required"},
      {Event("prisoner.merged", "2026-11-02T12:00:00Z", R"({"nomsNumber": "A1234BC", "removedNomsNumber": "a1234bc"})"),
       "additionalInformation.removedNomsNumber: is the same as nomsNumber"},
      {Event("person.alert.created", "2026-11-02T21:45:00Z", R"({"prisonId": "MDI"})"),
       "additionalInformation.alertCode: is required"},
      {Event("person.alert.created", "2026-11-02T21:45:00Z", R"({"alertCode": "PMK"})"),
       "additionalInformation.monitoring: is required"},
      {Alert("PMK", absl::StrReplaceAll(kMonitoring, {{R"("direction": "OUTGOING",)", ""}})),
       "additionalInformation.monitoring.direction: is required"},
      {Alert("PMK", absl::StrReplaceAll(kMonitoring, {{R"("OUTGOING")", R"("Quarrington")"}})),
       "additionalInformation.monitoring.direction: is not one of INCOMING, OUTGOING"},
      {Alert("PMK", absl::StrReplaceAll(kMonitoring, {{R"("KNOWN_OFFENDER")", R"("Quarrington")"}})),
       "additionalInformation.monitoring.concern: is not one of VICTIM, CHILD, KNOWN_OFFENDER, OTHER"},
      {Alert("PMK", absl::StrReplaceAll(kMonitoring, {{R"("type": "NOMS")", R"("type": "Quarrington")"}})),
       "additionalInformation.monitoring.correspondent.identifiers[0].type: is not one of CRN, NOMS, PNC, CRO"},
      {Alert("PMK", absl::StrReplaceAll(kMonitoring, {{"30/08/1979", "Quarrington"}})),
       "additionalInformation.monitoring.correspondent.dateOfBirth: "},
      {Alert("PMK", absl::StrReplaceAll(kMonitoring, {{"02/11/2026 21:40", "A1234BC"}})),
       "additionalInformation.monitoring.flaggedAt: "},
      {Event("prison-offender-events.prisoner.escaped", "2026-11-02T09:15:00Z", "{}"),
       "eventType: not handled by the prison adapter"},
      {R"({"nomsNumber": "A1234BC", "familyName": "Quarrington"})",
       "record: neither a domain event (eventType) nor a mail-flag record (recordType)"},
      {R"({"recordType": "Quarrington"})", "recordType: is not mail-flag"},
      {absl::StrReplaceAll(flag_record, {{R"("establishment": "MDI",)", ""}}), "establishment: is required"},
      {absl::StrReplaceAll(flag_record, {{R"("monitoringReference": "MM-1",)", ""}}),
       "monitoringReference: is required"},
      {absl::StrReplaceAll(flag_record, {{R"(, "flaggedAt": "2026-11-02T21:40:00Z")", ""}}), "flaggedAt: is required"},
      {absl::StrReplaceAll(flag_record, {{R"("prisonerNoms": "A1234BC",)", ""}}), "prisonerNoms: is required"},
      // The broker's own validation, passed on: a bad NOMS number on the
      // flag record, a flag dated in the future.
      {absl::StrReplaceAll(flag_record, {{R"("prisonerNoms": "A1234BC")", R"("prisonerNoms": "A1234")"}}),
       "subject.identifiers[0]"},
      {absl::StrReplaceAll(flag_record, {{"2026-11-02T21:40:00Z", "2026-11-09T21:40:00Z"}}),
       "occurred_at: is more than an hour in the future"},
      {absl::StrReplaceAll(flag_record, {{R"("familyName": "Quarrington")",
                                          R"("familyName": "Quarrington", "dateOfBirth": "Quarrington")"}}),
       "prisoner.dateOfBirth: "},
  };
  for (const BadRecord& c : cases) {
    absl::StatusOr<std::vector<v1::Action>> actions = PrisonParser().ParseJson(c.json, kNow);
    ASSERT_FALSE(actions.ok()) << c.json;
    EXPECT_EQ(actions.status().code(), absl::StatusCode::kInvalidArgument) << c.json;
    const std::string message(actions.status().message());
    EXPECT_THAT(message, StartsWith(c.message)) << c.json;
    EXPECT_THAT(message, Not(HasSubstr(kSurname))) << c.json;
    EXPECT_THAT(message, Not(HasSubstr(kNoms))) << c.json;
    EXPECT_THAT(message, Not(HasSubstr("B7654CD"))) << c.json;
  }
}

TEST(PrisonParserTest, CsvErrorsNameTheColumnAndNeverAValue) {
  const std::vector<std::string> header = {"establishment", "prisoner_noms", "prisoner_family_name",
                                           "direction",     "concern",       "monitoring_reference",
                                           "flagged_at"};
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
      {{"MDI", "", kSurname, "OUT", "VICTIM", "MM-1", "2026-11-02T21:40:00Z"}, "column prisoner_noms: is required"},
      {{"MDI", kNoms, kSurname, kSurname, "VICTIM", "MM-1", "2026-11-02T21:40:00Z"},
       "column direction: is not one of INCOMING, OUTGOING"},
      {{"MDI", kNoms, kSurname, "OUT", kSurname, "MM-1", "2026-11-02T21:40:00Z"}, "column concern: is not one of"},
      {{"MDI", kNoms, kSurname, "OUT", "VICTIM", "MM-1", kSurname}, "column flagged_at: "},
      {{"MDI", kNoms, kSurname, "OUT", "VICTIM", "", "2026-11-02T21:40:00Z"},
       "column monitoring_reference: is required"},
  };
  for (const auto& [fields, expected] : cases) {
    absl::StatusOr<std::vector<v1::Action>> actions = PrisonParser().ParseCsv(CsvRow{header, fields}, kNow);
    ASSERT_FALSE(actions.ok()) << expected;
    const std::string message(actions.status().message());
    EXPECT_THAT(message, StartsWith(expected));
    EXPECT_THAT(message, Not(HasSubstr(kSurname)));
    EXPECT_THAT(message, Not(HasSubstr(kNoms)));
  }
  std::vector<std::string> not_utf8 = {"MDI", kNoms, "Quarr\xffington", "OUT", "VICTIM", "MM-1", "2026-11-02"};
  EXPECT_EQ(PrisonParser().ParseCsv(CsvRow{header, not_utf8}, kNow).status().message(), "column 3: is not valid UTF-8");
  const std::vector<std::string> good = {"MDI", kNoms, kSurname, "out", "victim", "MM-1", "02/11/2026 21:40"};
  absl::StatusOr<std::vector<v1::Action>> actions = PrisonParser().ParseCsv(CsvRow{header, good}, kNow);
  ASSERT_TRUE(actions.ok()) << actions.status();
  EXPECT_EQ(actions->at(0).submit().prison_mail_flag().direction(), liaison::v1::MAIL_DIRECTION_OUTGOING);
}

}  // namespace
}  // namespace liaison::adapters::prison
