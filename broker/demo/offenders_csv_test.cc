// Invariants of the generated caseload, read back from offenders.csv.

#include "broker/demo/offenders_csv.h"

#include <set>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_split.h"
#include "broker/demo/demo_data.h"
#include "broker/demo/demo_test_rows.h"
#include "broker/identifiers/identifiers.h"
#include "gtest/gtest.h"

namespace liaison::demo {
namespace {

using liaison::v1::IdentifierType;

const absl::CivilYear kCurrentYear(2026);

std::vector<CsvRecord> Caseload(int people, uint64_t seed) {
  auto offenders = GenerateOffenders({.people = people, .seed = seed});
  EXPECT_TRUE(offenders.ok()) << offenders.status();
  if (!offenders.ok()) return {};
  return ReadOffendersCsv(OffendersCsv(*offenders));
}

bool IsStaffCode(const std::string& code) {
  if (code.empty() || code.size() > 64) return false;
  for (char c : code) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '_' && c != ':' &&
        c != '-') {
      return false;
    }
  }
  return true;
}

bool IsDate(const std::string& d) {
  if (d.size() != 10 || d[4] != '-' || d[7] != '-') return false;
  for (int i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(d[i]))) return false;
  }
  return true;
}

std::set<std::string> Split(const std::string& list) {
  if (list.empty()) return {};
  return absl::StrSplit(list, '|');
}

TEST(OffendersCsvTest, OneRowPerPersonUnderTheExactHeader) {
  EXPECT_EQ(kOffendersCsvHeader,
            "crn,pnc,cro,noms,given_names,family_name,aliases,date_of_birth,address_lines,town,"
            "postcode,om_staff_code,om_name,om_team,co_worker_staff_code,co_worker_name,"
            "manager_staff_code,manager_name,team_code,area_code,rosh_level,mappa_category,"
            "mappa_level,registrations,status,prison_code");
  EXPECT_EQ(Caseload(200, 42).size(), 200u);
  EXPECT_EQ(Caseload(3, 42).size(), 3u);
}

TEST(OffendersCsvTest, IdentifiersAreCanonicalAndUnique) {
  const std::vector<CsvRecord> rows = Caseload(500, 42);
  ASSERT_EQ(rows.size(), 500u);
  const std::vector<std::pair<std::string, IdentifierType>> columns = {
      {"crn", liaison::v1::IDENTIFIER_TYPE_CRN},
      {"pnc", liaison::v1::IDENTIFIER_TYPE_PNC},
      {"cro", liaison::v1::IDENTIFIER_TYPE_CRO},
      {"noms", liaison::v1::IDENTIFIER_TYPE_NOMS}};
  std::set<std::string> seen;
  std::map<std::string, int> missing;
  for (const CsvRecord& row : rows) {
    for (const auto& [column, type] : columns) {
      const std::string& value = row.at(column);
      if (value.empty()) {
        ++missing[column];
        continue;
      }
      auto canonical = identifiers::Canonicalize(type, value, kCurrentYear);
      ASSERT_TRUE(canonical.ok()) << column << " " << value << ": " << canonical.status();
      EXPECT_EQ(canonical->value_or("<placeholder>"), value) << column;
      EXPECT_TRUE(seen.insert(value).second) << "duplicate " << column << " " << value;
    }
  }
  EXPECT_EQ(missing["crn"], 0);
  // As in reality, not everyone has every identifier.
  EXPECT_GT(missing["pnc"], 0);
  EXPECT_GT(missing["cro"], 0);
  EXPECT_GT(missing["noms"], 0);
}

TEST(OffendersCsvTest, FieldsComeFromTheirVocabularies) {
  const std::set<std::string> rosh = {"LOW", "MEDIUM", "HIGH", "VERY_HIGH"};
  const std::set<std::string> statuses = {"COMMUNITY_ORDER",     "LICENCE",  "IN_CUSTODY",
                                          "UNLAWFULLY_AT_LARGE", "RECALLED", "TERMINATED"};
  const std::set<std::string> registrations = {"MAPP",  "RCPR", "RCCO", "ADVP", "ADVV",
                                               "REG30", "IMAR", "AVIS", "ARSO", "RLRH",
                                               "RMRH",  "RHRH", "RVHR"};
  const std::set<std::string> categories = {"", "1", "2", "3", "4"};
  const std::set<std::string> levels = {"", "1", "2", "3"};
  for (const CsvRecord& row : Caseload(300, 9)) {
    SCOPED_TRACE(row.at("crn"));
    EXPECT_EQ(rosh.count(row.at("rosh_level")), 1u);
    EXPECT_EQ(statuses.count(row.at("status")), 1u);
    EXPECT_EQ(categories.count(row.at("mappa_category")), 1u);
    EXPECT_EQ(levels.count(row.at("mappa_level")), 1u);
    EXPECT_EQ(row.at("mappa_category").empty(), row.at("mappa_level").empty());
    for (const std::string& code : Split(row.at("registrations"))) {
      EXPECT_EQ(registrations.count(code), 1u) << code;
    }
    const bool in_custody = row.at("status") == "IN_CUSTODY";
    EXPECT_EQ(row.at("prison_code").size(), in_custody ? 3u : 0u);
    EXPECT_TRUE(IsStaffCode(row.at("om_staff_code")));
    EXPECT_TRUE(IsStaffCode(row.at("manager_staff_code")));
    EXPECT_TRUE(row.at("co_worker_staff_code").empty() ||
                IsStaffCode(row.at("co_worker_staff_code")));
    EXPECT_NE(row.at("co_worker_staff_code"), row.at("om_staff_code"));
    EXPECT_EQ(row.at("om_team"), row.at("team_code"));
    EXPECT_EQ(row.at("area_code"), "N07");
    EXPECT_TRUE(IsDate(row.at("date_of_birth")));
    EXPECT_FALSE(identifiers::IsPlaceholderDateOfBirth(row.at("date_of_birth")));
    EXPECT_FALSE(identifiers::IsPlaceholderPostcode(row.at("postcode")));
    EXPECT_FALSE(row.at("address_lines").empty());
    EXPECT_FALSE(row.at("given_names").empty());
    EXPECT_EQ(row.at("family_name").find(' '), std::string::npos);
    for (const std::string& alias : Split(row.at("aliases"))) {
      EXPECT_GE(std::vector<std::string>(absl::StrSplit(alias, ' ')).size(), 2u) << alias;
    }
  }
}

TEST(OffendersCsvTest, StoryPeopleComeFirstWhateverTheSeed) {
  for (uint64_t seed : {42u, 1u, 977u}) {
    const std::vector<CsvRecord> rows = Caseload(50, seed);
    ASSERT_GE(rows.size(), 3u);
    const CsvRecord &s1 = rows[0], &s2 = rows[1], &s6 = rows[2];
    EXPECT_EQ(s1.at("status"), "LICENCE");
    EXPECT_EQ(s1.at("registrations"), "REG30|ADVP");
    EXPECT_EQ(s1.at("rosh_level"), "MEDIUM");
    EXPECT_EQ(s1.at("om_staff_code"), "N07P1001");
    EXPECT_EQ(s1.at("om_name"), "Alex Morgan");
    EXPECT_EQ(s1.at("om_team"), "N07T01");
    EXPECT_EQ(s1.at("co_worker_staff_code"), "N07P1002");
    EXPECT_EQ(s1.at("co_worker_name"), "Sam Patel");
    EXPECT_EQ(s1.at("manager_staff_code"), "N07M0001");
    EXPECT_EQ(s1.at("manager_name"), "Jo Evans");
    EXPECT_FALSE(s1.at("pnc").empty());
    EXPECT_FALSE(s1.at("cro").empty());

    EXPECT_EQ(s2.at("status"), "COMMUNITY_ORDER");
    EXPECT_EQ(s2.at("registrations"), "ADVP");
    EXPECT_EQ(s2.at("rosh_level"), "HIGH");
    EXPECT_EQ(s2.at("om_staff_code"), "N07P1003");
    EXPECT_EQ(s2.at("om_name"), "Chris Lee");
    EXPECT_EQ(s2.at("co_worker_staff_code"), "");
    EXPECT_EQ(s2.at("manager_staff_code"), "N07M0001");
    EXPECT_FALSE(s2.at("pnc").empty());

    EXPECT_EQ(s6.at("status"), "COMMUNITY_ORDER");
    EXPECT_EQ(s6.at("rosh_level"), "LOW");
    EXPECT_EQ(s6.at("om_staff_code"), "N07P1001");
    EXPECT_EQ(s6.at("co_worker_staff_code"), "N07P1004");
    EXPECT_EQ(s6.at("co_worker_name"), "Riley Shah");
    EXPECT_FALSE(s6.at("pnc").empty());
  }
}

}  // namespace
}  // namespace liaison::demo
