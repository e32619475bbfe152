// The police parser on CSV rows: equal to JSON for the same content, errors.

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "adapters/police/police_parser.h"
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

TEST(PoliceCsv, IncidentRowEqualsTheJsonRecord) {
  auto from_csv = ParseCsvText(ReadTestFile(absl::StrCat(LIAISON_POLICE_TESTDATA, "/incident_one_row.csv")));
  auto from_json = PoliceParser().ParseJson(Sample("incident_one_row.jsonl"), kNow);
  ASSERT_TRUE(from_csv.ok()) << from_csv.status();
  ASSERT_TRUE(from_json.ok()) << from_json.status();
  ASSERT_EQ(from_csv->size(), 1u);
  ASSERT_EQ(from_json->size(), 1u);
  EXPECT_TRUE(Equal((*from_csv)[0], (*from_json)[0])) << (*from_csv)[0].DebugString() << "\n---\n"
                                                      << (*from_json)[0].DebugString();
  const api::Notification& n = (*from_csv)[0].submit();
  ASSERT_EQ(n.related_people_size(), 3);
  EXPECT_EQ(n.related_people(0).role(), api::RELATED_ROLE_PARTNER);
  EXPECT_EQ(n.related_people(1).age(), 6);
  EXPECT_EQ(n.related_people(2).age(), 2);
}

TEST(PoliceCsv, CustodyRowEqualsTheJsonRecord) {
  auto from_csv = ParseCsvText(ReadTestFile(absl::StrCat(LIAISON_POLICE_TESTDATA, "/custody.csv")));
  auto from_json = PoliceParser().ParseJson(Sample("custody.jsonl"), kNow);
  ASSERT_TRUE(from_csv.ok()) << from_csv.status();
  ASSERT_TRUE(from_json.ok()) << from_json.status();
  EXPECT_TRUE(Equal((*from_csv)[0], (*from_json)[0])) << (*from_csv)[0].DebugString() << "\n---\n"
                                                      << (*from_json)[0].DebugString();
}

TEST(PoliceCsv, RowWithoutSubjectIsNotRelevant) {
  std::string csv = ReadTestFile(absl::StrCat(LIAISON_POLICE_TESTDATA, "/incident_one_row.csv"));
  for (const char* column :
       {"subject_ref", "subject_pnc", "subject_forenames", "subject_surname", "subject_aliases", "subject_dob",
        "subject_address_line1", "subject_address_town", "subject_address_postcode"}) {
    csv = EditCsv(csv, column, "");
  }
  auto actions = ParseCsvText(csv);
  ASSERT_TRUE(actions.ok()) << actions.status();
  EXPECT_TRUE(actions->empty());
}

TEST(PoliceCsvErrors, NameTheColumnAndNoValue) {
  const std::string incident = ReadTestFile(absl::StrCat(LIAISON_POLICE_TESTDATA, "/incident_one_row.csv"));
  const std::string custody = ReadTestFile(absl::StrCat(LIAISON_POLICE_TESTDATA, "/custody.csv"));
  struct Case {
    const std::string* csv;
    const char* column;
    const char* value;
  };
  const Case cases[] = {
      {&incident, "record_type", ""},
      {&incident, "record_type", "QUIMBYTEST"},
      {&incident, "force_code", ""},
      {&incident, "incident_number", "QUIMBYTEST 1988"},
      {&incident, "incident_types", ""},
      {&incident, "domestic", "QUIMBYTEST"},
      {&incident, "attended_at", "QUIMBYTEST"},
      {&incident, "children_present", "Testy"},
      {&incident, "classification", "TOP SECRET"},
      {&incident, "subject_pnc", "79/163001C"},
      {&incident, "subject_dob", "1988/31/31"},
      {&incident, "subject_ref", "Testy QUIMBYTEST"},
      {&incident, "victim_role", "child"},
      {&incident, "child1_dob", "Testy"},
      {&incident, "child2_age", "-1"},
      {&custody, "custody_record_number", ""},
      {&custody, "arrested_at", ""},
      {&custody, "offence", ""},
      {&custody, "outcome", "penalty notice"},
      {&custody, "subject_pnc", "12/52494X"},
  };
  for (const Case& c : cases) {
    const std::string csv = EditCsv(*c.csv, c.column, c.value);
    auto actions = ParseCsvText(csv);
    ExpectFieldError(actions.status(), absl::StrCat("column ", c.column), csv);
    if (std::string(c.value).size() >= 3) {
      EXPECT_THAT(std::string(actions.status().message()), Not(HasSubstr(c.value)));
    }
  }
  // Without any subject column a custody row has no detainee.
  std::string no_detainee = custody;
  for (const char* column : {"subject_pnc", "subject_forenames", "subject_surname", "subject_dob",
                             "subject_address_line1", "subject_address_town", "subject_address_postcode"}) {
    no_detainee = EditCsv(no_detainee, column, "");
  }
  ExpectFieldError(ParseCsvText(no_detainee).status(), "column subject_surname", no_detainee);
}

TEST(PoliceCsv, MissingRecordTypeColumn) {
  const std::vector<std::string> header = {"force_code"};
  const std::vector<std::string> fields = {"ZZ"};
  auto actions = PoliceParser().ParseCsv(CsvRow{header, fields}, kNow);
  ExpectFieldError(actions.status(), "column record_type", "");
}

TEST(PoliceUtf8, TextMustBeValidUtf8) {
  // JSON must be UTF-8 throughout (the JSON reader refuses anything else).
  std::string json = Sample("incident.jsonl");
  json.replace(json.find("QUIMBYTEST"), 10, "QUIMBY\xff");
  ExpectFieldError(PoliceParser().ParseJson(json, kNow).status(), "record", "invalid UTF-8 JSON");

  // CSV text is checked where it lands in the notification; the path is the notification's field.

  const std::string csv = ReadTestFile(absl::StrCat(LIAISON_POLICE_TESTDATA, "/custody.csv"));
  ExpectFieldError(ParseCsvText(EditCsv(csv, "subject_surname", "QUIMBY\xc3")).status(), "subject.name.family_name",
                   "invalid UTF-8 CSV");
  ExpectFieldError(ParseCsvText(EditCsv(csv, "offence", "Assault \xed\xa0\x80")).status(), "arrest.offence",
                   "invalid UTF-8 CSV");
  // Text that is not sent (an unused column) does not matter.
  const std::string with_extra =
      absl::StrCat("unused_column,", HeaderAndRecord(csv).first, "\n\"\xff\",", HeaderAndRecord(csv).second);
  EXPECT_TRUE(ParseCsvText(with_extra).ok());
}

}  // namespace
}  // namespace liaison::adapters::police
