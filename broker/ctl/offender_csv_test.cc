#include "broker/ctl/offender_csv.h"

#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_join.h"
#include "gmock/gmock.h"
#include "google/protobuf/text_format.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"

namespace liaison::ctl {
namespace {

using ::google::protobuf::util::MessageDifferencer;
using ::testing::HasSubstr;
using ::testing::Not;

// A full row in kOffenderCsvColumns order; cells are CSV-encoded already.
std::map<std::string, std::string> FullRow() {
  return {
      {"crn", "X123456"},
      {"pnc", "2001/0123456A"},
      {"cro", "012345/01A"},
      {"noms", "A1234BC"},
      {"given_names", "John Paul"},
      {"family_name", "SMITH"},
      {"aliases", "Jon Paul SMYTH|  Johnny   Smith |Madonna"},
      {"date_of_birth", "1980-02-29"},
      {"address_lines", "\"Flat 2, 10 High Street|Old \"\"Mill\"\" Lane\""},
      {"town", "Rochdale"},
      {"postcode", "OL16 1AA"},
      {"om_staff_code", "OM001"},
      {"om_name", "Alex Officer"},
      {"om_team", "T01"},
      {"co_worker_staff_code", "CW002"},
      {"co_worker_name", "Sam Second"},
      {"manager_staff_code", "MG003"},
      {"manager_name", "Mo Manager"},
      {"team_code", "T01"},
      {"area_code", "N07"},
      {"rosh_level", "VERY_HIGH"},
      {"mappa_category", "2"},
      {"mappa_level", "3"},
      {"registrations", "MAPP|ADVP| RCPR"},
      {"status", "LICENCE"},
      {"prison_code", ""},
  };
}

v1::OffenderRecord ExpectedFullRecord() {
  v1::OffenderRecord record;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(
      R"pb(
        crn: "X123456"
        identifiers { type: IDENTIFIER_TYPE_PNC value: "2001/0123456A" }
        identifiers { type: IDENTIFIER_TYPE_CRO value: "012345/01A" }
        identifiers { type: IDENTIFIER_TYPE_NOMS value: "A1234BC" }
        name { given_names: "John Paul" family_name: "SMITH" }
        aliases { given_names: "Jon Paul" family_name: "SMYTH" }
        aliases { given_names: "Johnny" family_name: "Smith" }
        aliases { family_name: "Madonna" }
        date_of_birth: "1980-02-29"
        addresses {
          lines: "Flat 2, 10 High Street"
          lines: "Old \"Mill\" Lane"
          town: "Rochdale"
          postcode: "OL16 1AA"
        }
        offender_manager { staff_code: "OM001" name: "Alex Officer" team_code: "T01" }
        co_worker { staff_code: "CW002" name: "Sam Second" }
        manager { staff_code: "MG003" name: "Mo Manager" }
        team_code: "T01"
        area_code: "N07"
        rosh_level: ROSH_LEVEL_VERY_HIGH
        mappa_category: MAPPA_CATEGORY_2
        mappa_level: MAPPA_LEVEL_3
        registrations: "MAPP"
        registrations: "ADVP"
        registrations: "RCPR"
        status: SUPERVISION_STATUS_LICENCE
      )pb",
      &record));
  return record;
}

// A CSV with the given columns (in this order) and one line per row.
std::string Csv(const std::vector<std::string>& columns,
                const std::vector<std::map<std::string, std::string>>& rows) {
  std::string csv = absl::StrJoin(columns, ",") + "\n";
  for (const auto& row : rows) {
    std::vector<std::string> cells;
    for (const std::string& column : columns) {
      const auto it = row.find(column);
      cells.push_back(it == row.end() ? "" : it->second);
    }
    csv += absl::StrJoin(cells, ",") + "\n";
  }
  return csv;
}

std::vector<std::string> AllColumns() {
  return std::vector<std::string>(kOffenderCsvColumns.begin(), kOffenderCsvColumns.end());
}

std::vector<OffenderCsvReader::Row> ReadRows(const std::string& csv) {
  std::istringstream in(csv);
  absl::StatusOr<std::unique_ptr<OffenderCsvReader>> reader = OffenderCsvReader::Open(in);
  EXPECT_TRUE(reader.ok()) << reader.status();
  std::vector<OffenderCsvReader::Row> rows;
  if (!reader.ok()) return rows;
  while (std::optional<OffenderCsvReader::Row> row = (*reader)->Next()) rows.push_back(*row);
  return rows;
}

void ExpectRecord(const OffenderCsvReader::Row& row, const v1::OffenderRecord& expected) {
  ASSERT_TRUE(row.record.ok()) << row.record.status();
  std::string diff;
  MessageDifferencer differencer;
  differencer.ReportDifferencesToString(&diff);
  EXPECT_TRUE(differencer.Compare(expected, *row.record)) << diff;
}

TEST(OffenderCsvTest, MapsEveryColumn) {
  const auto rows = ReadRows(Csv(AllColumns(), {FullRow()}));
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].line, 2);
  ExpectRecord(rows[0], ExpectedFullRecord());
}

TEST(OffenderCsvTest, ColumnOrderDoesNotMatter) {
  std::vector<std::string> reversed(kOffenderCsvColumns.rbegin(), kOffenderCsvColumns.rend());
  const auto rows = ReadRows(Csv(reversed, {FullRow()}));
  ASSERT_EQ(rows.size(), 1u);
  ExpectRecord(rows[0], ExpectedFullRecord());
}

TEST(OffenderCsvTest, EmptyOptionalFieldsStayUnset) {
  const auto rows = ReadRows(Csv(AllColumns(), {{{"crn", "X000001"}}}));
  ASSERT_EQ(rows.size(), 1u);
  v1::OffenderRecord expected;
  expected.set_crn("X000001");
  ExpectRecord(rows[0], expected);
}

TEST(OffenderCsvTest, CoWorkerAndManagerNeedACode) {
  auto row = FullRow();
  row["co_worker_staff_code"] = "";
  row["manager_staff_code"] = "";
  const auto rows = ReadRows(Csv(AllColumns(), {row}));
  ASSERT_EQ(rows.size(), 1u);
  ASSERT_TRUE(rows[0].record.ok());
  EXPECT_FALSE(rows[0].record->has_co_worker());
  EXPECT_FALSE(rows[0].record->has_manager());
  EXPECT_TRUE(rows[0].record->has_offender_manager());
}

TEST(OffenderCsvTest, HeaderMaySubsetColumns) {
  const auto rows = ReadRows("rosh_level,crn\nlow,X1\n");
  ASSERT_EQ(rows.size(), 1u);
  ASSERT_TRUE(rows[0].record.ok());
  EXPECT_EQ(rows[0].record->crn(), "X1");
  EXPECT_EQ(rows[0].record->rosh_level(), v1::ROSH_LEVEL_LOW);
}

TEST(OffenderCsvTest, ByteOrderMarkAndSpacesInHeaderAreIgnored) {
  const auto rows = ReadRows(
      "\xEF\xBB\xBF"
      "crn , Status\nX1,recalled\n");
  ASSERT_EQ(rows.size(), 1u);
  ASSERT_TRUE(rows[0].record.ok()) << rows[0].record.status();
  EXPECT_EQ(rows[0].record->status(), v1::SUPERVISION_STATUS_RECALLED);
}

struct EnumCase {
  std::string column;
  std::string cell;
  int expected;
};

class OffenderCsvEnumTest : public ::testing::TestWithParam<EnumCase> {};

TEST_P(OffenderCsvEnumTest, MapsValue) {
  const EnumCase& c = GetParam();
  const auto rows = ReadRows(Csv({"crn", c.column}, {{{"crn", "X1"}, {c.column, c.cell}}}));
  ASSERT_EQ(rows.size(), 1u);
  ASSERT_TRUE(rows[0].record.ok()) << rows[0].record.status();
  const v1::OffenderRecord& r = *rows[0].record;
  const std::map<std::string, int> actual = {{"rosh_level", r.rosh_level()},
                                             {"mappa_category", r.mappa_category()},
                                             {"mappa_level", r.mappa_level()},
                                             {"status", r.status()}};
  EXPECT_EQ(actual.at(c.column), c.expected);
}

INSTANTIATE_TEST_SUITE_P(
    AllValues, OffenderCsvEnumTest,
    ::testing::Values(EnumCase{"rosh_level", "LOW", v1::ROSH_LEVEL_LOW},
                      EnumCase{"rosh_level", "MEDIUM", v1::ROSH_LEVEL_MEDIUM},
                      EnumCase{"rosh_level", "HIGH", v1::ROSH_LEVEL_HIGH},
                      EnumCase{"rosh_level", "very_high", v1::ROSH_LEVEL_VERY_HIGH},
                      EnumCase{"rosh_level", "", v1::ROSH_LEVEL_UNSPECIFIED},
                      EnumCase{"rosh_level", "UNSPECIFIED", v1::ROSH_LEVEL_UNSPECIFIED},
                      EnumCase{"status", "UNSPECIFIED", v1::SUPERVISION_STATUS_UNSPECIFIED},
                      EnumCase{"mappa_category", "1", v1::MAPPA_CATEGORY_1},
                      EnumCase{"mappa_category", "4", v1::MAPPA_CATEGORY_4},
                      EnumCase{"mappa_level", "1", v1::MAPPA_LEVEL_1},
                      EnumCase{"mappa_level", "3", v1::MAPPA_LEVEL_3},
                      EnumCase{"status", "COMMUNITY_ORDER", v1::SUPERVISION_STATUS_COMMUNITY_ORDER},
                      EnumCase{"status", "LICENCE", v1::SUPERVISION_STATUS_LICENCE},
                      EnumCase{"status", "IN_CUSTODY", v1::SUPERVISION_STATUS_IN_CUSTODY},
                      EnumCase{"status", "UNLAWFULLY_AT_LARGE",
                               v1::SUPERVISION_STATUS_UNLAWFULLY_AT_LARGE},
                      EnumCase{"status", "RECALLED", v1::SUPERVISION_STATUS_RECALLED},
                      EnumCase{"status", "TERMINATED", v1::SUPERVISION_STATUS_TERMINATED}));

class OffenderCsvBadEnumTest : public ::testing::TestWithParam<EnumCase> {};

TEST_P(OffenderCsvBadEnumTest, IsARowErrorNamingLineAndColumnNotValue) {
  const EnumCase& c = GetParam();
  const auto rows = ReadRows(Csv(
      {"crn", c.column}, {{{"crn", "X1"}}, {{"crn", "X2"}, {c.column, c.cell}}, {{"crn", "X3"}}}));
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_TRUE(rows[0].record.ok());
  ASSERT_FALSE(rows[1].record.ok());
  EXPECT_EQ(rows[1].line, 3);
  EXPECT_EQ(rows[1].record.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(rows[1].record.status().message(), HasSubstr("line 3, column " + c.column));
  EXPECT_THAT(rows[1].record.status().message(), Not(HasSubstr(c.cell)));
  EXPECT_TRUE(rows[2].record.ok());
}

INSTANTIATE_TEST_SUITE_P(BadValues, OffenderCsvBadEnumTest,
                         ::testing::Values(EnumCase{"rosh_level", "EXTREME", 0},
                                           EnumCase{"rosh_level", "ROSH_LEVEL_HIGH", 0},
                                           EnumCase{"mappa_category", "5", 0},
                                           EnumCase{"mappa_level", "Level-two", 0},
                                           EnumCase{"status", "ON_HOLIDAY", 0}));

TEST(OffenderCsvTest, WrongFieldCountIsARowError) {
  const auto rows = ReadRows("crn,pnc\nX1\nX2,P,extra\nX3,\n");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_THAT(rows[0].record.status().message(), HasSubstr("line 2"));
  EXPECT_THAT(rows[1].record.status().message(), HasSubstr("line 3"));
  EXPECT_TRUE(rows[2].record.ok());
}

TEST(OffenderCsvTest, LinesCountQuotedNewlinesAndMalformedRowsResume) {
  const auto rows = ReadRows(
      "crn,address_lines,town\n"
      "X1,\"1 Road\n2 Road\",Town\n"
      "X2,bad\"quote,Town\n"
      "X3,,\n");
  ASSERT_EQ(rows.size(), 3u);
  ASSERT_TRUE(rows[0].record.ok());
  EXPECT_EQ(rows[0].record->addresses(0).lines(0), "1 Road\n2 Road");
  EXPECT_EQ(rows[1].line, 4);
  ASSERT_FALSE(rows[1].record.ok());
  EXPECT_THAT(rows[1].record.status().message(), HasSubstr("line 4, column address_lines"));
  EXPECT_THAT(rows[1].record.status().message(), Not(HasSubstr("bad")));
  EXPECT_EQ(rows[2].line, 5);
  EXPECT_TRUE(rows[2].record.ok());
}

TEST(OffenderCsvTest, HeaderProblemsFailOpen) {
  for (const std::string csv : {"", "\n\n", "pnc,noms\nA,B\n", "crn,pnc,CRN\n", "crn,shoe_size\nX1,42\n"}) {
    std::istringstream in(csv);
    const auto reader = OffenderCsvReader::Open(in);
    ASSERT_FALSE(reader.ok()) << "accepted: " << csv;
    EXPECT_EQ(reader.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(reader.status().message(), HasSubstr("line 1"));
  }
}

TEST(OffenderCsvTest, ReadsRowByRowFromTheStream) {
  // The reader hands back the first row before the rest of the input is
  // consumed: a large file is never read whole.
  std::istringstream in("crn\nX1\nX2\nX3\n");
  auto reader = OffenderCsvReader::Open(in);
  ASSERT_TRUE(reader.ok());
  auto first = (*reader)->Next();
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(first->record->crn(), "X1");
  EXPECT_EQ(in.tellg(), static_cast<std::streampos>(std::string("crn\nX1\n").size()));
}

}  // namespace
}  // namespace liaison::ctl
