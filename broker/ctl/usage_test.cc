#include "broker/ctl/usage.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace liaison::ctl {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

ParsedArgs Args(std::vector<std::string> positional, std::vector<std::string> flags = {}) {
  return ParsedArgs{std::move(positional), std::move(flags)};
}

TEST(ResolveCommandTest, FindsOneAndTwoWordCommands) {
  auto submit = ResolveCommand(Args({"submit", "a.json", "b.json"}, {"batch", "json"}));
  ASSERT_TRUE(submit.ok()) << submit.status();
  EXPECT_EQ(submit->command->id, CommandId::kSubmit);
  EXPECT_THAT(submit->args, ElementsAre("a.json", "b.json"));

  auto load = ResolveCommand(Args({"offenders", "load", "x.csv"}, {"chunk", "insecure_dev"}));
  ASSERT_TRUE(load.ok()) << load.status();
  EXPECT_EQ(load->command->id, CommandId::kOffendersLoad);
  EXPECT_THAT(load->args, ElementsAre("x.csv"));

  auto verify = ResolveCommand(Args({"audit", "verify"}));
  ASSERT_TRUE(verify.ok());
  EXPECT_EQ(verify->command->id, CommandId::kAuditVerify);
}

TEST(ResolveCommandTest, ReviewAndMergeCommandsTakeTheirFlags) {
  struct Case {
    ParsedArgs args;
    CommandId id;
  };
  const Case cases[] = {
      {Args({"review", "list"}, {"state", "limit", "page_token", "json"}), CommandId::kReviewList},
      {Args({"review", "show", "N-1"}), CommandId::kReviewShow},
      {Args({"review", "resolve", "N-1"}, {"link", "note"}), CommandId::kReviewResolve},
      {Args({"review", "resolve", "N-1"}, {"not_linked"}), CommandId::kReviewResolve},
      {Args({"offenders", "merge", "X2"}, {"into", "reason"}), CommandId::kOffendersMerge},
      {Args({"offenders", "unmerge", "X2"}, {"reason"}), CommandId::kOffendersUnmerge},
  };
  for (const Case& c : cases) {
    const auto resolved = ResolveCommand(c.args);
    ASSERT_TRUE(resolved.ok()) << resolved.status();
    EXPECT_EQ(resolved->command->id, c.id);
  }
}

TEST(ResolveCommandTest, PolicyCommandsTakeTheirArgumentsAndFlags) {
  struct Case {
    ParsedArgs args;
    CommandId id;
    bool offline;
  };
  const Case cases[] = {
      {Args({"policy", "validate", "p.textproto"}, {"config", "json"}), CommandId::kPolicyValidate, true},
      {Args({"policy", "test", "golden/"}, {"policy"}), CommandId::kPolicyTest, true},
      {Args({"policy", "explain"}, {"notification", "person", "json"}), CommandId::kPolicyExplain, false},
      {Args({"policy", "reload"}), CommandId::kPolicyReload, false},
      {Args({"policy", "show"}, {"json"}), CommandId::kPolicyShow, false},
  };
  for (const Case& c : cases) {
    const auto resolved = ResolveCommand(c.args);
    ASSERT_TRUE(resolved.ok()) << resolved.status();
    EXPECT_EQ(resolved->command->id, c.id);
    EXPECT_EQ(RunsOffline(c.id), c.offline) << resolved->command->name;
  }
}

TEST(ResolveCommandTest, AuditLogCommandsTakeTheirArgumentsAndFlags) {
  struct Case {
    ParsedArgs args;
    CommandId id;
    bool offline;
  };
  const Case cases[] = {
      {Args({"audit", "verify"}), CommandId::kAuditVerify, false},
      {Args({"audit", "verify", "export/"}, {"public_key", "origin"}), CommandId::kAuditVerify, true},
      {Args({"audit", "checkpoint"}, {"public_key"}), CommandId::kAuditCheckpoint, false},
      {Args({"audit", "checkpoint", "12"}), CommandId::kAuditCheckpoint, false},
      {Args({"audit", "prove", "3", "12"}, {"public_key", "json"}), CommandId::kAuditProve, false},
      {Args({"audit", "consistency", "3"}), CommandId::kAuditConsistency, false},
      {Args({"audit", "export", "dir/"}), CommandId::kAuditExport, false},
      {Args({"audit", "query"}, {"jsonl"}), CommandId::kAuditQuery, false},
  };
  for (const Case& c : cases) {
    const auto resolved = ResolveCommand(c.args);
    ASSERT_TRUE(resolved.ok()) << resolved.status();
    EXPECT_EQ(resolved->command->id, c.id);
    EXPECT_EQ(RunsOffline(*resolved), c.offline) << resolved->command->name;
  }
  EXPECT_FALSE(ResolveCommand(Args({"audit", "prove"})).ok());
  EXPECT_FALSE(ResolveCommand(Args({"audit", "export"})).ok());
  EXPECT_FALSE(ResolveCommand(Args({"audit", "verify", "a", "b"})).ok());
  EXPECT_FALSE(ResolveCommand(Args({"audit", "export", "dir/"}, {"public_key"})).ok());
}

TEST(ResolveCommandTest, UsageProblems) {
  struct Case {
    ParsedArgs args;
    std::string message;
  };
  const Case cases[] = {
      {Args({}), "no command"},
      {Args({"frobnicate"}), "unknown command \"frobnicate\""},
      {Args({"inbox", "purge"}), "unknown command \"inbox purge\""},
      {Args({"offenders"}), "unknown command \"offenders\""},
      {Args({"offenders", "get"}), "missing argument; usage: liaisonctl offenders get CRN"},
      {Args({"inbox", "get", "A1", "A2"}), "too many arguments"},
      {Args({"submit"}), "missing argument"},
      {Args({"audit", "verify"}, {"chunk"}), "--chunk is not a flag of audit verify"},
      {Args({"inbox", "list"}, {"max_in_flight"}), "--max-in-flight is not a flag of inbox list"},
      {Args({"review", "show"}), "missing argument; usage: liaisonctl review show NOTIFICATION_ID"},
      {Args({"review", "resolve", "N-1", "N-2"}), "too many arguments"},
      {Args({"review", "list"}, {"link"}), "--link is not a flag of review list"},
      {Args({"review", "resolve", "N-1"}, {"state"}), "--state is not a flag of review resolve"},
      {Args({"offenders", "unmerge", "X2"}, {"into"}), "--into is not a flag of offenders unmerge"},
      {Args({"offenders", "merge"}, {"into"}), "missing argument"},
      {Args({"policy", "validate"}), "missing argument; usage: liaisonctl policy validate FILE"},
      {Args({"policy", "test", "a", "b"}), "too many arguments"},
      {Args({"policy", "validate", "p"}, {"policy"}), "--policy is not a flag of policy validate"},
      {Args({"policy", "test", "d"}, {"config"}), "--config is not a flag of policy test"},
      {Args({"policy", "explain", "n.json"}), "too many arguments"},
      {Args({"policy", "reload"}, {"person"}), "--person is not a flag of policy reload"},
      {Args({"policy", "frob"}), "unknown command \"policy frob\""},
  };
  for (const Case& c : cases) {
    const auto resolved = ResolveCommand(c.args);
    ASSERT_FALSE(resolved.ok()) << c.message;
    EXPECT_EQ(resolved.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(resolved.status().message(), HasSubstr(c.message));
  }
}

TEST(UsageTextTest, ListsEveryCommand) {
  const std::string brief = UsageText(/*verbose=*/false);
  for (const CommandSpec& command : Commands()) {
    EXPECT_THAT(brief, HasSubstr(std::string(command.name)));
  }
  EXPECT_THAT(UsageText(/*verbose=*/true), HasSubstr("--insecure-dev"));
}

}  // namespace
}  // namespace liaison::ctl
