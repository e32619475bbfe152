#include "adapters/probation/probation_parser.h"

#include <fstream>
#include <string>
#include <utility>
#include <vector>

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

namespace liaison::adapters::probation {
namespace {

using ::google::protobuf::util::MessageDifferencer;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::MatchesRegex;
using ::testing::Not;
using ::testing::StartsWith;
using ::testing::UnorderedElementsAre;

const absl::Time kNow = absl::FromCivil(absl::CivilSecond(2026, 11, 3, 12, 0, 0), absl::UTCTimeZone());
constexpr char kSurname[] = "Quarrington";
constexpr char kCrn[] = "X123456";

// A domain event about kCrn.
std::string Event(absl::string_view type, absl::string_view additional,
                  absl::string_view occurred_at = "2026-11-02T10:12:00Z") {
  return absl::Substitute(
      R"({"eventType": "$0", "version": 1, "occurredAt": "$1",
          "personReference": {"identifiers": [{"type": "CRN", "value": "X123456"}]},
          "additionalInformation": $2})",
      type, occurred_at, additional);
}

std::string Registration(absl::string_view suffix, absl::string_view code, absl::string_view category = "",
                         absl::string_view level = "") {
  std::string additional = absl::Substitute(R"({"registrationId": "2500412", "registerTypeCode": "$0")", code);
  if (!category.empty()) absl::StrAppend(&additional, R"(, "registrationCategoryCode": ")", category, "\"");
  if (!level.empty()) absl::StrAppend(&additional, R"(, "registrationLevelCode": ")", level, "\"");
  additional += "}";
  return Event(absl::StrCat("probation-case.registration.", suffix), additional);
}

std::vector<v1::Action> MustParse(absl::string_view line) {
  absl::StatusOr<std::vector<v1::Action>> actions = ProbationParser().ParseJson(line, kNow);
  EXPECT_TRUE(actions.ok()) << actions.status();
  return actions.ok() ? *actions : std::vector<v1::Action>();
}

// By value: callers pass temporaries.
liaison::v1::ApplyChangeRequest OnlyChange(const std::vector<v1::Action>& actions) {
  EXPECT_EQ(actions.size(), 1u);
  if (actions.size() != 1) return {};
  EXPECT_EQ(actions[0].ref(), actions[0].apply_change().change_ref());
  EXPECT_THAT(actions[0].ref(), MatchesRegex("evt:[0-9a-f]{32}"));
  return actions[0].apply_change();
}

TEST(ProbationParserTest, MappaRegistrationCarriesCategoryAndLevel) {
  const auto& change = OnlyChange(MustParse(Registration("added", "MAPP", "M1", "M2")));
  EXPECT_EQ(change.person().type(), liaison::v1::IDENTIFIER_TYPE_CRN);
  EXPECT_EQ(change.person().value(), kCrn);
  EXPECT_EQ(liaison::FromProtoTime(change.occurred_at()),
            absl::FromCivil(absl::CivilSecond(2026, 11, 2, 10, 12, 0), absl::UTCTimeZone()));
  EXPECT_THAT(change.registrations().add(), ElementsAre("MAPP"));
  EXPECT_THAT(change.registrations().remove(), IsEmpty());
  EXPECT_EQ(change.registrations().mappa_category(), liaison::v1::MAPPA_CATEGORY_1);
  EXPECT_EQ(change.registrations().mappa_level(), liaison::v1::MAPPA_LEVEL_2);
  EXPECT_EQ(change.reason(), "registration added: MAPP");

  const auto& updated = OnlyChange(MustParse(Registration("updated", "MAPP", "4", "M3")));
  EXPECT_EQ(updated.registrations().mappa_category(), liaison::v1::MAPPA_CATEGORY_4);
  EXPECT_EQ(updated.registrations().mappa_level(), liaison::v1::MAPPA_LEVEL_3);
}

TEST(ProbationParserTest, RegistrationCodeTable) {
  for (const char* code : {"RCPR", "RCCO", "ADVP", "ADVV", "REG30", "IMAR", "AVIS", "ARSO"}) {
    const auto& change = OnlyChange(MustParse(Registration("added", code, "M1", "M1")));
    EXPECT_THAT(change.registrations().add(), ElementsAre(code));
    EXPECT_THAT(change.registrations().remove(), IsEmpty());
    // Category and level belong to MAPP only.
    EXPECT_EQ(change.registrations().mappa_category(), liaison::v1::MAPPA_CATEGORY_UNSPECIFIED) << code;
    EXPECT_EQ(change.registrations().rosh_level(), liaison::v1::ROSH_LEVEL_UNSPECIFIED) << code;
  }
  const std::vector<std::pair<const char*, liaison::v1::RoshLevel>> rosh = {
      {"RLRH", liaison::v1::ROSH_LEVEL_LOW},
      {"RMRH", liaison::v1::ROSH_LEVEL_MEDIUM},
      {"RHRH", liaison::v1::ROSH_LEVEL_HIGH},
      {"rvhr", liaison::v1::ROSH_LEVEL_VERY_HIGH},
  };
  for (const auto& [code, level] : rosh) {
    const auto& change = OnlyChange(MustParse(Registration("added", code)));
    EXPECT_EQ(change.registrations().rosh_level(), level) << code;
    EXPECT_EQ(change.registrations().add_size(), 1);
    // The new RoSH register replaces the other three.
    EXPECT_EQ(change.registrations().remove_size(), 3) << code;
  }
  EXPECT_THAT(OnlyChange(MustParse(Registration("added", "RHRH"))).registrations().remove(),
              UnorderedElementsAre("RLRH", "RMRH", "RVHR"));
  // A register type the broker does not use: valid, nothing to send.
  EXPECT_THAT(MustParse(Registration("added", "WEAP")), IsEmpty());
  EXPECT_THAT(MustParse(Registration("deleted", "WEAP")), IsEmpty());
}

TEST(ProbationParserTest, DeletedRegistrationIsRemoved) {
  const auto& mapp = OnlyChange(MustParse(Registration("deleted", "MAPP", "M1", "M2")));
  EXPECT_THAT(mapp.registrations().add(), IsEmpty());
  EXPECT_THAT(mapp.registrations().remove(), ElementsAre("MAPP"));
  EXPECT_EQ(mapp.registrations().mappa_level(), liaison::v1::MAPPA_LEVEL_UNSPECIFIED);
  EXPECT_EQ(mapp.reason(), "registration removed: MAPP");
  const auto& rosh = OnlyChange(MustParse(Registration("deleted", "RHRH")));
  EXPECT_THAT(rosh.registrations().remove(), ElementsAre("RHRH"));
  EXPECT_EQ(rosh.registrations().rosh_level(), liaison::v1::ROSH_LEVEL_UNSPECIFIED);
}

TEST(ProbationParserTest, AllocationNamesTheInlinedStaffMember) {
  const auto actions =
      MustParse(Event("person.community.manager.allocated",
                      R"({"staffCode": "N07A123", "staffName": "Jo Tremayne", "teamCode": "N07T01"})"));
  ASSERT_EQ(actions.size(), 1u);
  const liaison::v1::AllocateManagerRequest& request = actions[0].allocate_manager();
  EXPECT_EQ(actions[0].ref(), request.change_ref());
  EXPECT_THAT(request.change_ref(), MatchesRegex("evt:[0-9a-f]{32}"));
  EXPECT_EQ(request.crn(), kCrn);
  EXPECT_EQ(request.offender_manager().staff_code(), "N07A123");
  EXPECT_EQ(request.offender_manager().name(), "Jo Tremayne");
  EXPECT_EQ(request.offender_manager().team_code(), "N07T01");
  EXPECT_EQ(request.team_code(), "N07T01");
  // Allocated to someone else later: another change.
  const auto other = MustParse(Event("person.community.manager.allocated", R"({"staffCode": "N07A999"})"));
  EXPECT_NE(other[0].ref(), actions[0].ref());
}

TEST(ProbationParserTest, MergeAndUnmerge) {
  const auto merge =
      MustParse(Event("probation-case.merge.completed", R"({"sourceCRN": "x777776", "targetCRN": "X123456"})"));
  ASSERT_EQ(merge.size(), 1u);
  EXPECT_EQ(merge[0].ref(), merge[0].merge_offenders().change_ref());
  EXPECT_EQ(merge[0].merge_offenders().merged_crn(), "X777776");
  EXPECT_EQ(merge[0].merge_offenders().surviving_crn(), kCrn);

  const auto unmerge = MustParse(
      Event("probation-case.unmerge.completed", R"({"reactivatedCRN": "X777776", "unmergedCRN": "X123456"})"));
  ASSERT_EQ(unmerge.size(), 1u);
  EXPECT_EQ(unmerge[0].ref(), unmerge[0].unmerge_offender().change_ref());
  EXPECT_EQ(unmerge[0].unmerge_offender().merged_crn(), "X777776");
  const auto by_source = MustParse(Event("probation-case.unmerge.completed", R"({"sourceCRN": "X777776"})"));
  EXPECT_EQ(by_source[0].unmerge_offender().merged_crn(), "X777776");
}

TEST(ProbationParserTest, TheSameEventTwiceGivesIdenticalActions) {
  for (const std::string& line :
       {Registration("added", "MAPP", "M1", "M2"),
        Event("person.community.manager.allocated", R"({"staffCode": "N07A123"})"),
        Event("probation-case.merge.completed", R"({"sourceCRN": "X777776", "targetCRN": "X123456"})")}) {
    absl::StatusOr<google::protobuf::Struct> object = ParseJsonObject(line);
    ASSERT_TRUE(object.ok());
    std::string reordered;
    ASSERT_TRUE(google::protobuf::util::MessageToJsonString(*object, &reordered).ok());
    const auto first = MustParse(line);
    const auto second = MustParse(reordered);
    ASSERT_EQ(first.size(), 1u);
    ASSERT_EQ(second.size(), 1u);
    EXPECT_TRUE(MessageDifferencer::Equals(first[0], second[0])) << line;
  }
}

TEST(ProbationParserTest, AnAddThenADeleteAreDistinctWithTheirOwnTimes) {
  const auto added =
      MustParse(Event("probation-case.registration.added", R"({"registerTypeCode": "ADVP"})", "2026-11-02T10:00:00Z"));
  // Non-ISO: local time (GMT in November).
  const auto deleted =
      MustParse(Event("probation-case.registration.deleted", R"({"registerTypeCode": "ADVP"})", "02/11/2026 10:05"));
  ASSERT_EQ(added.size(), 1u);
  ASSERT_EQ(deleted.size(), 1u);
  EXPECT_NE(added[0].ref(), deleted[0].ref());
  EXPECT_EQ(liaison::FromProtoTime(deleted[0].apply_change().occurred_at()) -
                liaison::FromProtoTime(added[0].apply_change().occurred_at()),
            absl::Minutes(5));
}

TEST(ProbationParserTest, CaseRecordsInCsvAndJsonAgree) {
  std::ifstream csv_file(absl::StrCat(LIAISON_PROBATION_TESTDATA, "/cases.csv"));
  csv::CsvReader reader(csv_file);
  auto header = reader.Next();
  auto row = reader.Next();
  ASSERT_TRUE(header.ok() && header->has_value() && row.ok() && row->has_value());
  absl::StatusOr<std::vector<v1::Action>> from_csv =
      ProbationParser().ParseCsv(CsvRow{(*header)->fields, (*row)->fields}, kNow);
  ASSERT_TRUE(from_csv.ok()) << from_csv.status();
  ASSERT_EQ(from_csv->size(), 1u);
  const v1::Action& action = (*from_csv)[0];
  EXPECT_THAT(action.ref(), MatchesRegex("case:X123456:[0-9a-f]{16}"));
  EXPECT_EQ(action.ref(), action.upsert_offender().change_ref());
  const liaison::v1::OffenderRecord& record = action.upsert_offender().offender();
  EXPECT_EQ(record.name().family_name(), kSurname);
  EXPECT_EQ(record.mappa_level(), liaison::v1::MAPPA_LEVEL_2);
  EXPECT_EQ(record.offender_manager().staff_code(), "N07A123");
  EXPECT_THAT(record.registrations(), ElementsAre("MAPP", "RHRH"));

  std::ifstream json_file(absl::StrCat(LIAISON_PROBATION_TESTDATA, "/cases.jsonl"));
  std::string line;
  ASSERT_TRUE(std::getline(json_file, line));
  // The CSV has no licence conditions column.
  const auto from_json = MustParse(absl::StrReplaceAll(
      line, {{R"(,"licenceConditions":["Not to enter the exclusion zone around Ferrier Court."])", ""}}));
  ASSERT_EQ(from_json.size(), 1u);
  EXPECT_TRUE(MessageDifferencer::Equals(from_json[0], action)) << from_json[0].DebugString() << "\n"
                                                                << action.DebugString();
  // With the conditions the record differs, and so does its reference.
  const auto with_conditions = MustParse(line);
  EXPECT_NE(with_conditions[0].ref(), action.ref());
  EXPECT_THAT(with_conditions[0].ref(), StartsWith("case:X123456:"));
}

TEST(ProbationParserTest, AResentRowIsTheSameChangeAndAnEditedRowIsNot) {
  const std::vector<std::string> header = {"CRN", "Family Name", "Date of Birth", "status"};
  const std::vector<std::string> row = {"x123456", kSurname, "14/03/1988", "licence"};
  const std::vector<std::string> same = {" X123456 ", kSurname, "1988-03-14", "LICENCE"};
  const std::vector<std::string> edited = {"X123456", kSurname, "1988-03-14", "RECALLED"};
  auto a = ProbationParser().ParseCsv(CsvRow{header, row}, kNow);
  auto b = ProbationParser().ParseCsv(CsvRow{header, same}, kNow);
  auto c = ProbationParser().ParseCsv(CsvRow{header, edited}, kNow);
  ASSERT_TRUE(a.ok() && b.ok() && c.ok()) << a.status() << b.status() << c.status();
  EXPECT_TRUE(MessageDifferencer::Equals((*a)[0], (*b)[0]));
  EXPECT_NE((*a)[0].ref(), (*c)[0].ref());
  EXPECT_EQ((*a)[0].upsert_offender().offender().crn(), kCrn);
}

TEST(ProbationParserTest, EverySampleParses) {
  for (const char* file : {"/events.jsonl", "/cases.jsonl"}) {
    std::ifstream in(absl::StrCat(LIAISON_PROBATION_TESTDATA, file));
    std::string line;
    int lines = 0;
    while (std::getline(in, line)) {
      ++lines;
      auto actions = ProbationParser().ParseJson(line, kNow);
      EXPECT_TRUE(actions.ok()) << file << ":" << lines << ": " << actions.status();
    }
    EXPECT_GT(lines, 1) << file;
  }
  std::ifstream csv_file(absl::StrCat(LIAISON_PROBATION_TESTDATA, "/cases.csv"));
  csv::CsvReader reader(csv_file);
  auto header = reader.Next();
  ASSERT_TRUE(header.ok() && header->has_value());
  int rows = 0;
  for (auto row = reader.Next(); row.ok() && row->has_value(); row = reader.Next()) {
    ++rows;
    auto actions = ProbationParser().ParseCsv(CsvRow{(*header)->fields, (*row)->fields}, kNow);
    EXPECT_TRUE(actions.ok()) << "row " << rows << ": " << actions.status();
  }
  EXPECT_EQ(rows, 2);
}

struct BadRecord {
  std::string json;
  std::string message;
};

TEST(ProbationParserTest, ErrorsNameThePathAndNeverAValue) {
  const std::string case_record =
      R"({"recordType": "case", "crn": "X123456", "familyName": "Quarrington", "dateOfBirth": "1988-03-14"})";
  const std::vector<BadRecord> cases = {
      {Event("probation-case.registration.added", R"({"registerTypeCode": "MAPP", "registrationLevelCode": "M9"})"),
       "additionalInformation.registrationLevelCode: is not M1 to M3"},
      {Event("probation-case.registration.added",
             R"({"registerTypeCode": "MAPP", "registrationCategoryCode": "Quarrington"})"),
       "additionalInformation.registrationCategoryCode: is not M1 to M4"},
      {Event("probation-case.registration.added", "{}"), "additionalInformation.registerTypeCode: is required"},
      {absl::StrReplaceAll(Event("probation-case.registration.added", R"({"registerTypeCode": "MAPP"})"),
                           {{kCrn, "Quarrington"}}),
       "personReference.identifiers: "},
      {absl::StrReplaceAll(Event("probation-case.registration.added", R"({"registerTypeCode": "MAPP"})"),
                           {{R"("type": "CRN")", R"("type": "NOMS")"}}),
       "personReference.identifiers: a CRN is required"},
      {Event("person.community.manager.allocated", R"({"staffName": "Jo Quarrington"})"),
       "additionalInformation.staffCode: is required"},
      {Event("person.community.manager.allocated", R"({"staffCode": "Quarrington Jo"})"),
       "additionalInformation.staffCode: may hold only letters, digits and . _ : -"},
      {Event("person.community.manager.allocated", R"({"staffCode": "N07A123", "teamCode": "Quarrington Team"})"),
       "additionalInformation.teamCode: may hold only"},
      {Event("probation-case.merge.completed", R"({"sourceCRN": "X777776"})"),
       "additionalInformation.targetCRN: is required"},
      {Event("probation-case.merge.completed", R"({"sourceCRN": "X123456", "targetCRN": "x123456"})"),
       "additionalInformation.targetCRN: is the same as sourceCRN"},
      {Event("probation-case.merge.completed", R"({"sourceCRN": "Quarrington", "targetCRN": "X123456"})"),
       "additionalInformation.sourceCRN: "},
      {Event("probation-case.unmerge.completed", "{}"), "additionalInformation.reactivatedCRN: is required"},
      {Event("probation-case.registration.added", R"({"registerTypeCode": "MAPP"})", "2026-11-09T10:00:00Z"),
       "occurredAt: is more than an hour in the future"},
      {Event("probation-case.registration.added", R"({"registerTypeCode": "MAPP"})", "Quarrington"), "occurredAt: "},
      {Event("probation-case.sentence.changed", "{}"), "eventType: not handled by the probation adapter"},
      {R"({"crn": "X123456", "familyName": "Quarrington"})",
       "record: neither a domain event (eventType) nor a case record (recordType)"},
      {R"({"recordType": "Quarrington"})", "recordType: is not case"},
      {R"({"recordType": "case", "familyName": "Quarrington"})", "crn: is required"},
      {absl::StrReplaceAll(case_record, {{R"("dateOfBirth": "1988-03-14")", R"("dateOfBirth": "Quarrington")"}}),
       "dateOfBirth: "},
      {absl::StrReplaceAll(case_record, {{"}", R"(, "roshLevel": "Quarrington"})"}}),
       "roshLevel: is not one of LOW, MEDIUM, HIGH, VERY_HIGH"},
      {absl::StrReplaceAll(case_record, {{"}", R"(, "status": "Quarrington"})"}}), "status: is not one of"},
      {absl::StrReplaceAll(case_record, {{"}", R"(, "mappaLevel": 7})"}}), "mappaLevel: is not M1 to M3"},
      {absl::StrReplaceAll(case_record, {{"}", R"(, "aliases": ["Quarrington"]})"}}), "aliases[0]: must be an object"},
      // ValidateOffender's own errors, passed on.
      {absl::StrReplaceAll(case_record, {{R"("crn": "X123456")", R"("crn": "Q12")"}}), "offender.crn: "},
      {absl::StrReplaceAll(case_record, {{"}", R"(, "registrations": ["WEAP"]})"}}),
       "offender.registrations[0]: is not a known registration code"},
      {absl::StrReplaceAll(case_record, {{"}", R"(, "offenderManager": {"name": "Jo Quarrington"}})"}}),
       "offender.offender_manager.staff_code: is required when a name or team is given"},
  };
  for (const BadRecord& c : cases) {
    absl::StatusOr<std::vector<v1::Action>> actions = ProbationParser().ParseJson(c.json, kNow);
    ASSERT_FALSE(actions.ok()) << c.json;
    EXPECT_EQ(actions.status().code(), absl::StatusCode::kInvalidArgument) << c.json;
    const std::string message(actions.status().message());
    EXPECT_THAT(message, StartsWith(c.message)) << c.json;
    EXPECT_THAT(message, Not(HasSubstr(kSurname))) << c.json;
    EXPECT_THAT(message, Not(HasSubstr(kCrn))) << c.json;
  }
}

TEST(ProbationParserTest, CsvErrorsNameTheColumnAndNeverAValue) {
  const std::vector<std::pair<std::vector<std::string>, std::vector<std::string>>> rows = {
      {{"crn", "family_name", "rosh_level"}, {kCrn, kSurname, kSurname}},
      {{"crn", "family_name", "Quarrington"}, {kCrn, kSurname, "x"}},
      {{"crn", "family_name", "crn"}, {kCrn, kSurname, kCrn}},
      {{"family_name"}, {kSurname}},
      {{"crn", "family_name", "date_of_birth"}, {kCrn, kSurname, "1900-01-01x"}},
      {{"crn", "family_name"}, {"Quarrington", kSurname}},
      {{"crn", "family_name"}, {kCrn, "Quarr\xc3ington"}},
      {{"crn", "family_\xe9name"}, {kCrn, kSurname}},
  };
  const std::vector<std::string> expected = {
      "column rosh_level: not one of LOW, MEDIUM, HIGH, VERY_HIGH",
      "header column 3: is not an offender CSV column",
      "header column 3: repeats an earlier column",
      "column crn: is required",
      "column date_of_birth: ",
      "offender.crn: ",
      "column 2: is not valid UTF-8",
      "header column 2: is not valid UTF-8",
  };
  for (size_t i = 0; i < rows.size(); ++i) {
    absl::StatusOr<std::vector<v1::Action>> actions =
        ProbationParser().ParseCsv(CsvRow{rows[i].first, rows[i].second}, kNow);
    ASSERT_FALSE(actions.ok()) << expected[i];
    const std::string message(actions.status().message());
    EXPECT_THAT(message, StartsWith(expected[i]));
    EXPECT_THAT(message, Not(HasSubstr(kSurname)));
    EXPECT_THAT(message, Not(HasSubstr(kCrn)));
  }
}

}  // namespace
}  // namespace liaison::adapters::probation
