// The demo output as a whole: the file set, story notifications, the
// expected routing, determinism and writing to disk.

#include "broker/demo/demo_data.h"

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "broker/demo/demo_test_rows.h"
#include "broker/identifiers/identifiers.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"
#include "liaison/v1/notification.pb.h"

namespace liaison::demo {
namespace {

using liaison::v1::Notification;

const absl::CivilYear kCurrentYear(2026);

std::map<std::string, std::string> FilesByPath(const DemoOptions& options) {
  auto files = GenerateDemoFiles(options);
  EXPECT_TRUE(files.ok()) << files.status();
  std::map<std::string, std::string> by_path;
  if (!files.ok()) return by_path;
  for (const DemoFile& file : *files) {
    EXPECT_TRUE(by_path.emplace(file.path, file.contents).second) << "duplicate " << file.path;
  }
  return by_path;
}

Notification ParseNotification(const std::string& json) {
  Notification n;
  const auto status = google::protobuf::util::JsonStringToMessage(json, &n);
  EXPECT_TRUE(status.ok()) << status.ToString();
  return n;
}

std::string SubjectPnc(const Notification& n) {
  for (const auto& id : n.subject().identifiers()) {
    if (id.type() == liaison::v1::IDENTIFIER_TYPE_PNC) return id.value();
  }
  return "";
}

TEST(DemoDataTest, WritesTheExpectedFiles) {
  std::set<std::string> paths;
  for (const auto& [path, contents] : FilesByPath({})) paths.insert(path);
  const std::set<std::string> expected = {"offenders.csv",
                                          "expected.json",
                                          "stories/story1-police-callout.json",
                                          "stories/story1-social-care-referral.json",
                                          "stories/story2-police-callout.json",
                                          "stories/story6-arrest.json",
                                          "stories/unmatched-police-callout.json"};
  EXPECT_EQ(paths, expected);
}

TEST(DemoDataTest, StoriesAreNotificationsNamingTheRightPeople) {
  auto files = FilesByPath({});
  std::map<std::string, CsvRecord> by_pnc;
  std::set<std::string> family_names;
  for (const CsvRecord& row : ReadOffendersCsv(files["offenders.csv"])) {
    if (!row.at("pnc").empty()) by_pnc[row.at("pnc")] = row;
    family_names.insert(row.at("family_name"));
  }
  const std::map<std::string, std::string> crn_of = {
      {"stories/story1-police-callout.json", "X700001"},
      {"stories/story1-social-care-referral.json", "X700001"},
      {"stories/story2-police-callout.json", "X700002"},
      {"stories/story6-arrest.json", "X700006"},
      {"stories/unmatched-police-callout.json", ""}};
  for (const auto& [path, crn] : crn_of) {
    SCOPED_TRACE(path);
    const Notification n = ParseNotification(files[path]);
    EXPECT_TRUE(n.notification_id().empty());
    EXPECT_FALSE(n.has_source());
    EXPECT_FALSE(n.has_received_at());
    EXPECT_FALSE(n.source_ref().empty());
    EXPECT_GT(n.occurred_at().seconds(), 0);
    // The broker refuses events from the future; fixed story times must be
    // in the past whenever the demo runs.
    EXPECT_LE(n.occurred_at().seconds(), absl::ToUnixSeconds(absl::Now()));
    EXPECT_EQ(n.classification(), liaison::v1::CLASSIFICATION_OFFICIAL_SENSITIVE);
    EXPECT_NE(n.event_case(), Notification::EVENT_NOT_SET);
    const std::string pnc = SubjectPnc(n);
    auto canonical = identifiers::CanonicalPnc(pnc, kCurrentYear);
    ASSERT_TRUE(canonical.ok()) << canonical.status();
    EXPECT_EQ(*canonical, pnc);
    if (crn.empty()) {
      EXPECT_EQ(by_pnc.count(pnc), 0u) << "the unmatched subject's PNC belongs to an offender";
      EXPECT_EQ(family_names.count(n.subject().name().family_name()), 0u);
    } else {
      ASSERT_EQ(by_pnc.count(pnc), 1u);
      EXPECT_EQ(by_pnc[pnc].at("crn"), crn);
      EXPECT_EQ(by_pnc[pnc].at("date_of_birth"), n.subject().date_of_birth());
      EXPECT_EQ(by_pnc[pnc].at("family_name"), n.subject().name().family_name());
    }
  }
}

TEST(DemoDataTest, Story1NamesThePartnerAndFourChildren) {
  auto files = FilesByPath({});
  const Notification callout = ParseNotification(files["stories/story1-police-callout.json"]);
  EXPECT_EQ(callout.police_callout().incident_type(),
            liaison::v1::CALLOUT_INCIDENT_TYPE_DOMESTIC_ABUSE);
  EXPECT_TRUE(callout.police_callout().children_present());
  std::multiset<int> child_ages;
  int partners = 0;
  for (const auto& related : callout.related_people()) {
    if (related.role() == liaison::v1::RELATED_ROLE_CHILD) child_ages.insert(related.age());
    if (related.role() == liaison::v1::RELATED_ROLE_PARTNER) ++partners;
  }
  EXPECT_EQ(child_ages, (std::multiset<int>{2, 4, 6, 9}));
  EXPECT_EQ(partners, 1);
  const Notification referral =
      ParseNotification(files["stories/story1-social-care-referral.json"]);
  EXPECT_EQ(referral.social_care_referral().stage(), liaison::v1::CHILD_PROTECTION_STAGE_REFERRAL);
  ASSERT_EQ(referral.social_care_referral().reasons_size(), 1);
  EXPECT_EQ(referral.social_care_referral().reasons(0),
            liaison::v1::REFERRAL_REASON_DOMESTIC_ABUSE);
  EXPECT_EQ(referral.related_people_size(), 4);
  EXPECT_EQ(SubjectPnc(referral), SubjectPnc(callout));
  const Notification arrest = ParseNotification(files["stories/story6-arrest.json"]);
  EXPECT_EQ(arrest.arrest().outcome(), liaison::v1::ARREST_OUTCOME_IN_CUSTODY);
  EXPECT_FALSE(arrest.arrest().custody_suite().empty());
}

TEST(DemoDataTest, ExpectedJsonListsEveryStoryWithItsRecipients) {
  auto files = FilesByPath({});
  google::protobuf::Struct expected;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(files["expected.json"], &expected).ok());
  const auto& stories = expected.fields().at("stories").list_value().values();
  ASSERT_EQ(stories.size(), 5);
  const std::vector<std::vector<std::string>> want = {
      {"stories/story1-police-callout.json", "police", "X700001", "N07P1001", "N07P1002"},
      {"stories/story1-social-care-referral.json", "social-care", "X700001", "N07P1001",
       "N07P1002"},
      {"stories/story2-police-callout.json", "police", "X700002", "N07P1003"},
      {"stories/story6-arrest.json", "police", "X700006", "N07P1001", "N07P1004"},
      {"stories/unmatched-police-callout.json", "police", ""}};
  for (int i = 0; i < stories.size(); ++i) {
    const auto& fields = stories[i].struct_value().fields();
    std::vector<std::string> got = {fields.at("file").string_value(),
                                    fields.at("agency").string_value(),
                                    fields.at("crn").string_value()};
    for (const auto& r : fields.at("recipients").list_value().values()) {
      got.push_back(r.string_value());
    }
    EXPECT_EQ(got, want[i]);
    EXPECT_EQ(files.count(got[0]), 1u);
  }
}

TEST(DemoDataTest, SameSeedSameBytesOtherSeedOtherCaseload) {
  const auto a = FilesByPath({.people = 120, .seed = 7});
  EXPECT_EQ(a, FilesByPath({.people = 120, .seed = 7}));
  const auto b = FilesByPath({.people = 120, .seed = 8});
  ASSERT_EQ(a.size(), b.size());
  EXPECT_NE(a.at("offenders.csv"), b.at("offenders.csv"));
  for (const auto& [path, contents] : a) {
    if (path != "offenders.csv") {
      EXPECT_EQ(contents, b.at(path)) << path << " depends on the seed";
    }
  }
}

TEST(DemoDataTest, RejectsPeopleCountsOutOfRange) {
  for (int people : {-1, 0, kMinPeople - 1, kMaxPeople + 1}) {
    EXPECT_EQ(GenerateDemoFiles({.people = people}).status().code(),
              absl::StatusCode::kInvalidArgument)
        << people;
  }
}

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

TEST(DemoDataTest, WritesFilesUnderTheOutputDirectory) {
  const std::filesystem::path dir =
      std::filesystem::path(testing::TempDir()) /
      absl::StrCat("demo_data_test_", testing::UnitTest::GetInstance()->random_seed(), "_",
                   ::getpid());
  std::filesystem::remove_all(dir);
  auto files = GenerateDemoFiles({.people = 10});
  ASSERT_TRUE(files.ok()) << files.status();
  ASSERT_TRUE(WriteDemoFiles(dir.string(), *files).ok());
  for (const DemoFile& file : *files) EXPECT_EQ(ReadFile(dir / file.path), file.contents);
  EXPECT_EQ(WriteDemoFiles(dir.string(), {{"../escape.txt", "x"}}).code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(WriteDemoFiles(dir.string(), {{"/tmp/abs.txt", "x"}}).code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(WriteDemoFiles("", *files).code(), absl::StatusCode::kInvalidArgument);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace liaison::demo
