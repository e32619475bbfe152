#include "broker/ctl/policy_offline_commands.h"

#include <filesystem>
#include <fstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "broker/ctl/fake_broker.h"
#include "broker/ctl/test_output.h"
#include "gmock/gmock.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"

namespace liaison::ctl {
namespace {

using ::testing::AllOf;
using testing::CapturedOutput;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::MatchesRegex;
using ::testing::StartsWith;
using testing::WriteTestFile;

constexpr char kGoldenDir[] = LIAISON_SOURCE_DIR "/policy/golden/england-wales";
constexpr char kDemoConfig[] = LIAISON_SOURCE_DIR "/deploy/demo/broker.textproto";

// One arrest rule for the offender manager; valid with any directory.
// clang-format off
constexpr char kTinyPolicy[] = R"pb(policy_id: "tiny"
rules {
  id: "arrest/om"
  description: "Arrests reach the offender manager at once"
  effect: EFFECT_PERMIT
  when { kinds: NOTIFICATION_KIND_ARREST }
  permit {
    legal_basis: "Offender Management Act 2007 s.14"
    priority: PRIORITY_IMMEDIATE
    grants { recipient { role: RECIPIENT_ROLE_OFFENDER_MANAGER } fields: "arrest" }
  }
}
)pb";

// Line 7: a permit without a legal basis; then a team only a directory
// can resolve.
constexpr char kBrokenPolicy[] = R"pb(policy_id: "broken"
rules {
  id: "arrest/om"
  description: "Arrests reach the offender manager"
  effect: EFFECT_PERMIT
  when { kinds: NOTIFICATION_KIND_ARREST }
  permit {
    priority: PRIORITY_IMMEDIATE
    grants { recipient { role: RECIPIENT_ROLE_OFFENDER_MANAGER } fields: "arrest" }
  }
}
rules {
  id: "arrest/team"
  description: "Arrests reach the team"
  effect: EFFECT_PERMIT
  when { kinds: NOTIFICATION_KIND_ARREST }
  permit {
    legal_basis: "Offender Management Act 2007 s.14"
    priority: PRIORITY_ROUTINE
    grants { recipient { role: RECIPIENT_ROLE_TEAM_INBOX team: "childrens-services" } }
  }
}
)pb";

// An arrest of a person whose offender manager is N07P0001 and co-worker
// N07P0007, expecting `deliveries`.
std::string ArrestCase(const std::string& name, const std::string& deliveries) {
  return absl::StrCat("name: \"", name, R"pb("
notification {
  source_ref: "CUS-1"
  classification: CLASSIFICATION_OFFICIAL
  subject { name { family_name: "Brierley" } }
  arrest { offence: "Theft" outcome: ARREST_OUTCOME_IN_CUSTODY }
}
linked {
  link: LINK_SUBJECT
  person { crn: "X100007" area_code: "N07" offender_manager { staff_code: "N07P0001" } co_worker { staff_code: "N07P0007" } }
}
)pb", deliveries);
}

constexpr char kOmDelivery[] =
    R"pb(deliveries { recipient_id: "N07P0001" role: RECIPIENT_ROLE_OFFENDER_MANAGER crn: "X100007" priority: PRIORITY_IMMEDIATE })pb";
constexpr char kCoWorkerDelivery[] =
    R"pb(deliveries { recipient_id: "N07P0007" role: RECIPIENT_ROLE_CO_WORKER crn: "X100007" priority: PRIORITY_IMMEDIATE })pb";
// clang-format on

// A golden directory of two arrest cases: one the tiny policy passes, one
// it fails (it never tells the co-worker).
std::string TinyGoldenDir() {
  const std::string directory = WriteTestFile(
      "directory.textproto",
      "areas { code: \"N07\" mappa_coordinator: \"m\" duty_inbox: \"d\" police_public_protection: \"p\" }\n");
  const std::string dir = std::filesystem::path(directory).parent_path().string();
  std::ofstream(dir + "/a-om.case.textproto") << ArrestCase("the OM is told", kOmDelivery);
  std::ofstream(dir + "/b-co-worker.case.textproto")
      << ArrestCase("the co-worker is told too", absl::StrCat(kOmDelivery, "\n", kCoWorkerDelivery));
  return dir;
}

google::protobuf::Struct JsonObject(const std::string& line) {
  google::protobuf::Struct object;
  EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(line, &object).ok()) << line;
  return object;
}

TEST(PolicyValidateTest, TheShippedPolicyIsValidAgainstTheDemoDirectory) {
  const std::string file = WriteTestFile("p.textproto", "");
  std::filesystem::copy_file(LIAISON_SOURCE_DIR "/policy/england-wales.textproto", file,
                             std::filesystem::copy_options::overwrite_existing);
  CapturedOutput captured;
  const absl::Status status = PolicyValidate({file, kDemoConfig}, captured.output);
  ASSERT_TRUE(status.ok()) << status << captured.err.str();
  EXPECT_THAT(captured.out.str(), MatchesRegex(absl::StrCat(file,
                                                            ": valid, version england-wales@[0-9a-f]{16}, "
                                                            "[0-9]+ rules\n")));
  EXPECT_THAT(captured.err.str(), IsEmpty());
}

TEST(PolicyValidateTest, EveryProblemIsPrintedWithFileAndLine) {
  const std::string file = WriteTestFile("broken.textproto", kBrokenPolicy);
  CapturedOutput captured;
  const absl::Status status = PolicyValidate({file, kDemoConfig}, captured.output);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message(), absl::StrCat(file, ": invalid policy (1 problem)"));
  EXPECT_THAT(
      Lines(captured.err.str()),
      ElementsAre(AllOf(StartsWith(absl::StrCat(file, ":7: rule 'arrest/om': permit.legal_basis: is required")))));
  EXPECT_THAT(captured.out.str(), IsEmpty());
}

TEST(PolicyValidateTest, WithoutAConfigTheDirectoryIsEmptyAndTheOutputSaysSo) {
  const std::string broken = WriteTestFile("broken.textproto", kBrokenPolicy);
  CapturedOutput invalid;
  EXPECT_EQ(PolicyValidate({broken, ""}, invalid.output).message(),
            absl::StrCat(broken, ": invalid policy (2 problems)"));
  const std::vector<std::string> err = Lines(invalid.err.str());
  ASSERT_EQ(err.size(), 3u) << invalid.err.str();
  EXPECT_THAT(err[0], HasSubstr("checked against an empty directory"));
  EXPECT_THAT(err[2], AllOf(StartsWith(absl::StrCat(broken, ":")), HasSubstr("rule 'arrest/team'"),
                            HasSubstr("team 'childrens-services' is not in the directory")));

  const std::string tiny = WriteTestFile("tiny.textproto", kTinyPolicy);
  CapturedOutput valid;
  ASSERT_TRUE(PolicyValidate({tiny, ""}, valid.output).ok()) << valid.err.str();
  EXPECT_THAT(valid.out.str(),
              MatchesRegex(".*: valid, version tiny@[0-9a-f]{16}, 1 rule \\(against an empty directory\\)\n"));
}

TEST(PolicyValidateTest, JsonCarriesTheVerdictAndProblems) {
  const std::string broken = WriteTestFile("broken.textproto", kBrokenPolicy);
  CapturedOutput captured(/*json=*/true);
  EXPECT_FALSE(PolicyValidate({broken, kDemoConfig}, captured.output).ok());
  const std::vector<std::string> lines = Lines(captured.out.str());
  ASSERT_EQ(lines.size(), 1u);
  const google::protobuf::Struct object = JsonObject(lines[0]);
  EXPECT_FALSE(object.fields().at("valid").bool_value());
  EXPECT_EQ(object.fields().at("file").string_value(), broken);
  EXPECT_EQ(object.fields().at("directory").string_value(), kDemoConfig);
  ASSERT_EQ(object.fields().at("problems").list_value().values_size(), 1);
  EXPECT_THAT(object.fields().at("problems").list_value().values(0).string_value(), HasSubstr("permit.legal_basis"));

  const std::string tiny = WriteTestFile("tiny.textproto", kTinyPolicy);
  CapturedOutput ok(/*json=*/true);
  ASSERT_TRUE(PolicyValidate({tiny, ""}, ok.output).ok());
  const google::protobuf::Struct valid = JsonObject(Lines(ok.out.str()).at(0));
  EXPECT_TRUE(valid.fields().at("valid").bool_value());
  EXPECT_EQ(valid.fields().at("rules").number_value(), 1);
  EXPECT_EQ(valid.fields().at("directory").string_value(), "empty");
  EXPECT_THAT(valid.fields().at("version").string_value(), StartsWith("tiny@"));
}

TEST(PolicyValidateTest, UnreadableFilesAndBadConfigsNameTheFile) {
  CapturedOutput captured;
  const absl::Status missing = PolicyValidate({"/nonexistent/p.textproto", kDemoConfig}, captured.output);
  EXPECT_EQ(missing.code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(std::string(missing.message()), StartsWith("/nonexistent/p.textproto"));

  const std::string bad_config = WriteTestFile("broker.textproto", "principals {\n  colour: 1\n}\n");
  EXPECT_THAT(std::string(ReadConfigDirectory(bad_config).status().message()),
              StartsWith(absl::StrCat(bad_config, ":2:")));
  const std::string bad_directory = WriteTestFile("broker.textproto", "directory { areas { duty_inbox: \"d\" } }\n");
  EXPECT_EQ(ReadConfigDirectory(bad_directory).status().message(),
            absl::StrCat(bad_directory, ": directory.areas[0].code: is required"));
  auto demo = ReadConfigDirectory(kDemoConfig);
  ASSERT_TRUE(demo.ok()) << demo.status();
  EXPECT_EQ(demo->teams(0).inbox(), "LBL-MASH");
}

TEST(PolicyTestTest, TheShippedGoldenCasesPass) {
  CapturedOutput captured;
  const absl::Status status = PolicyTest({kGoldenDir, ""}, captured.output);
  ASSERT_TRUE(status.ok()) << status << captured.out.str() << captured.err.str();
  const std::vector<std::string> lines = Lines(captured.out.str());
  ASSERT_GE(lines.size(), 2u);
  for (size_t i = 0; i + 1 < lines.size(); ++i) EXPECT_THAT(lines[i], StartsWith("PASS "));
  EXPECT_THAT(lines.back(),
              MatchesRegex(absl::StrCat(lines.size() - 1, " cases, 0 failed \\(policy england-wales@[0-9a-f]{16}\\)")));
  EXPECT_THAT(captured.out.str(), HasSubstr("(story6-arrest.case.textproto)"));
}

TEST(PolicyTestTest, AFailedCaseIsListedWithItsFailuresAndFailsTheCommand) {
  const std::string dir = TinyGoldenDir();
  const std::string policy = WriteTestFile("tiny.textproto", kTinyPolicy);
  CapturedOutput captured;
  const absl::Status status = PolicyTest({dir, policy}, captured.output);
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(status.message(), "1 of 2 cases failed");
  const std::vector<std::string> lines = Lines(captured.out.str());
  ASSERT_GE(lines.size(), 4u) << captured.out.str();
  EXPECT_EQ(lines[0], "PASS the OM is told (a-om.case.textproto)");
  EXPECT_EQ(lines[1], "FAIL the co-worker is told too (b-co-worker.case.textproto)");
  EXPECT_THAT(lines[2], AllOf(StartsWith("  "), HasSubstr("N07P0007")));
  EXPECT_THAT(lines.back(), MatchesRegex("2 cases, 1 failed \\(policy tiny@[0-9a-f]{16}\\)"));

  CapturedOutput json(/*json=*/true);
  EXPECT_FALSE(PolicyTest({dir, policy}, json.output).ok());
  const std::vector<std::string> objects = Lines(json.out.str());
  ASSERT_EQ(objects.size(), 3u);
  EXPECT_TRUE(JsonObject(objects[0]).fields().at("passed").bool_value());
  EXPECT_FALSE(JsonObject(objects[1]).fields().at("passed").bool_value());
  EXPECT_EQ(JsonObject(objects[2]).fields().at("failed").number_value(), 1);
  EXPECT_EQ(JsonObject(objects[2]).fields().at("cases").number_value(), 2);
}

TEST(PolicyTestTest, AnInvalidPolicyOrCaseDirectoryIsReported) {
  const std::string broken = WriteTestFile("broken.textproto", kBrokenPolicy);
  CapturedOutput captured;
  const absl::Status invalid = PolicyTest({kGoldenDir, broken}, captured.output);
  EXPECT_EQ(invalid.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(captured.err.str(), HasSubstr("permit.legal_basis"));
  EXPECT_THAT(captured.out.str(), IsEmpty());

  EXPECT_EQ(PolicyTest({"/nonexistent", ""}, captured.output).code(), absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace liaison::ctl
