#include "broker/common/flag_names.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace liaison {
namespace {

TEST(FlagNamesTest, RewritesNamesButNotValuesOrPositionals) {
  std::vector<std::string> args = {"prog", "--data-dir=/a-b/c-d", "--insecure-dev", "file-name.json",
                                   "-x", "--", "--after-dashes"};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  NormalizeFlagNames(static_cast<int>(argv.size()), argv.data());
  EXPECT_EQ(args[1], "--data_dir=/a-b/c-d");
  EXPECT_EQ(args[2], "--insecure_dev");
  EXPECT_EQ(args[3], "file-name.json");
  EXPECT_EQ(args[4], "-x");
  EXPECT_EQ(args[6], "--after-dashes");
}

}  // namespace
}  // namespace liaison
