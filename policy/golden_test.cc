// The shipped policy's golden cases (policy/golden/england-wales): every
// story of docs/domain.md, decided as the cases say.

#include <filesystem>
#include <set>
#include <fstream>
#include <sstream>

#include "absl/strings/str_join.h"
#include "gtest/gtest.h"
#include "policy/golden.h"
#include "policy/loader.h"

namespace liaison::policy {
namespace {

const std::string kGoldenDir = std::string(LIAISON_POLICY_DIR) + "/golden/england-wales";

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(GoldenTest, BuiltInPolicyIsTheShippedFile) {
  EXPECT_EQ(BuiltInPolicyText(), ReadFile(std::string(LIAISON_POLICY_DIR) + "/england-wales.textproto"));
}

TEST(GoldenTest, ShippedPolicyPassesEveryGoldenCase) {
  absl::StatusOr<GoldenDir> dir = ReadGoldenDir(kGoldenDir);
  ASSERT_TRUE(dir.ok()) << dir.status();
  absl::StatusOr<std::shared_ptr<const RulePolicy>> policy =
      ParsePolicy(BuiltInPolicyText(), kBuiltInPolicyOrigin, dir->directory);
  ASSERT_TRUE(policy.ok()) << policy.status();
  int stories = 0;
  for (const auto& [file, golden] : dir->cases) {
    SCOPED_TRACE(file);
    const GoldenResult result = RunGoldenCase(golden, **policy);
    EXPECT_TRUE(result.passed()) << golden.name() << ":\n  " << absl::StrJoin(result.failures, "\n  ");
    if (std::filesystem::path(file).filename().string().rfind("story", 0) == 0) ++stories;
  }
  // All eight stories of domain.md (some with more than one case).
  std::set<char> covered;
  for (const auto& [file, golden] : dir->cases) {
    const std::string name = std::filesystem::path(file).filename().string();
    if (name.rfind("story", 0) == 0) covered.insert(name[5]);
  }
  EXPECT_EQ(covered, (std::set<char>{'1', '2', '3', '4', '5', '6', '7', '8'}));
  EXPECT_GE(stories, 8);
}

// A golden case that expects the wrong thing fails, naming the difference:
// the runner can fail.
TEST(GoldenTest, WrongExpectationFails) {
  absl::StatusOr<GoldenDir> dir = ReadGoldenDir(kGoldenDir);
  ASSERT_TRUE(dir.ok()) << dir.status();
  absl::StatusOr<std::shared_ptr<const RulePolicy>> policy =
      ParsePolicy(BuiltInPolicyText(), kBuiltInPolicyOrigin, dir->directory);
  ASSERT_TRUE(policy.ok()) << policy.status();
  for (auto [file, golden] : dir->cases) {
    if (golden.deliveries_size() == 0) continue;
    golden.mutable_deliveries(0)->set_priority(golden.deliveries(0).priority() == api::PRIORITY_ROUTINE
                                                   ? api::PRIORITY_IMMEDIATE
                                                   : api::PRIORITY_ROUTINE);
    golden.mutable_deliveries(0)->add_withheld("subject");
    golden.add_deliveries()->set_recipient_id("nobody");
    const GoldenResult result = RunGoldenCase(golden, **policy);
    EXPECT_GE(result.failures.size(), 2u) << file;
  }
}

}  // namespace
}  // namespace liaison::policy
