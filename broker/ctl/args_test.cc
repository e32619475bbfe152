#include "broker/ctl/args.h"

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace liaison::ctl {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Pair;
using ::testing::UnorderedElementsAre;

// Flags: bool json, ack, help; value target, chunk (rejects non-digits).
class FakeFlagSink : public FlagSink {
 public:
  Kind KindOf(absl::string_view name) const override {
    if (name == "json" || name == "ack" || name == "help") return Kind::kBool;
    if (name == "target" || name == "chunk" || name == "server_name") return Kind::kValue;
    return Kind::kUnknown;
  }
  absl::Status Set(absl::string_view name, absl::string_view value) override {
    if (name == "chunk" && value.find_first_not_of("0123456789") != absl::string_view::npos) {
      return absl::InvalidArgumentError("Illegal value");
    }
    values[std::string(name)] = std::string(value);
    return absl::OkStatus();
  }
  std::map<std::string, std::string> values;
};

TEST(ParseArgsTest, FlagsMayAppearAnywhere) {
  FakeFlagSink sink;
  const auto parsed = ParseArgs(
      {"--json", "offenders", "--chunk=20", "load", "--target", "h:1", "f.csv", "--ack"}, sink);
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_THAT(parsed->positional, ElementsAre("offenders", "load", "f.csv"));
  EXPECT_THAT(parsed->flags, ElementsAre("json", "chunk", "target", "ack"));
  EXPECT_THAT(sink.values, UnorderedElementsAre(Pair("json", "true"), Pair("chunk", "20"),
                                                Pair("target", "h:1"), Pair("ack", "true")));
}

TEST(ParseArgsTest, DashesSingleDashNegationAndHelp) {
  FakeFlagSink sink;
  const auto parsed = ParseArgs({"-server-name=x", "--nojson", "-h", "--json=false"}, sink);
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_THAT(parsed->positional, IsEmpty());
  EXPECT_EQ(sink.values["server_name"], "x");
  EXPECT_EQ(sink.values["json"], "false");
  EXPECT_EQ(sink.values["help"], "true");
}

TEST(ParseArgsTest, DoubleDashEndsFlags) {
  FakeFlagSink sink;
  const auto parsed = ParseArgs({"submit", "--", "--json", "-"}, sink);
  ASSERT_TRUE(parsed.ok());
  EXPECT_THAT(parsed->positional, ElementsAre("submit", "--json", "-"));
  EXPECT_THAT(parsed->flags, IsEmpty());
}

TEST(ParseArgsTest, ErrorsNameTheFlag) {
  struct Case {
    std::vector<std::string> args;
    std::string message;
  };
  const Case cases[] = {
      {{"--bogus"}, "--bogus: unknown flag"},
      {{"--no-such-thing=1"}, "--no-such-thing: unknown flag"},
      {{"--notarget"}, "--notarget: unknown flag"},
      {{"list", "--target"}, "--target: missing value"},
      {{"--chunk=ten"}, "--chunk: invalid value \"ten\""},
  };
  for (const Case& c : cases) {
    FakeFlagSink sink;
    const auto parsed = ParseArgs(c.args, sink);
    ASSERT_FALSE(parsed.ok()) << c.args[0];
    EXPECT_EQ(parsed.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(parsed.status().message(), HasSubstr(c.message));
  }
}

}  // namespace
}  // namespace liaison::ctl
