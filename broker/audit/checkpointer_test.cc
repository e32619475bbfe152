#include "broker/audit/checkpointer.h"

#include "broker/audit/audit_test_log.h"
#include "broker/audit/checkpoint.h"
#include "broker/storage/keys.h"
#include "gtest/gtest.h"

namespace liaison::audit {
namespace {

using storage::Table;

class CheckpointerTest : public ::testing::Test {
 protected:
  void Append(int count) {
    for (int i = 0; i < count; ++i) {
      commit::Mutation mutation;
      mutation.audit.emplace_back().set_actor("tester");
      ASSERT_TRUE(log_.committer_->Commit(std::move(mutation)).ok());
    }
  }
  std::optional<std::string> Issue() {
    auto issued = checkpointer_->MaybeIssue();
    EXPECT_TRUE(issued.ok()) << issued.status();
    return issued.value_or(std::nullopt);
  }
  std::unique_ptr<Checkpointer> Make() {
    Checkpointer::Options options;
    options.origin = kTestOrigin;
    options.every_entries = 5;
    options.every = absl::Seconds(60);
    return Checkpointer::Create({&log_.store_, &log_.clock_, log_.signer_.get(),
                                 [this] { return log_.committer_->audit_tree_head(); }},
                                options)
        .value();
  }

  TestLog log_{/*checkpoint_every=*/1000000};
  std::unique_ptr<Checkpointer> checkpointer_ = Make();
};

TEST_F(CheckpointerTest, IssuesEveryNEntries) {
  Append(4);
  EXPECT_FALSE(Issue().has_value());
  Append(1);
  const std::optional<std::string> note = Issue();
  ASSERT_TRUE(note.has_value());
  auto checkpoint = VerifyCheckpointNote(*note, kTestOrigin, log_.signer_->public_key());
  ASSERT_TRUE(checkpoint.ok()) << checkpoint.status();
  EXPECT_EQ(checkpoint->size, 5u);
  EXPECT_EQ(checkpoint->root, log_.committer_->audit_tree_head().root);
  EXPECT_EQ(log_.store_.Get(Table::kAuditCheckpoints, storage::EncodeU64(5)).value(), *note);
  EXPECT_FALSE(Issue().has_value());
}

TEST_F(CheckpointerTest, IssuesAfterThePeriodWhenTheLogGrew) {
  Append(2);
  log_.clock_.Advance(absl::Seconds(59));
  EXPECT_FALSE(Issue().has_value());
  log_.clock_.Advance(absl::Seconds(1));
  auto note = Issue();
  ASSERT_TRUE(note.has_value());
  EXPECT_EQ(ParseCheckpointNote(*note)->checkpoint.size, 2u);
  // Nothing new: the period passing again issues nothing.
  log_.clock_.Advance(absl::Seconds(120));
  EXPECT_FALSE(Issue().has_value());
}

TEST_F(CheckpointerTest, ARestartContinuesFromTheLatestCheckpoint) {
  Append(7);
  ASSERT_TRUE(Issue().has_value());
  checkpointer_ = Make();
  EXPECT_EQ(checkpointer_->last_size(), 7u);
  Append(4);
  EXPECT_FALSE(Issue().has_value());
  auto now = checkpointer_->IssueNow();
  ASSERT_TRUE(now.ok() && now->has_value());
  EXPECT_EQ(ParseCheckpointNote(**now)->checkpoint.size, 11u);
  EXPECT_FALSE(checkpointer_->IssueNow()->has_value());
}

TEST_F(CheckpointerTest, AFailedWriteIsRetried) {
  Append(5);
  log_.store_.FailWrites(true);
  EXPECT_EQ(checkpointer_->MaybeIssue().status().code(), absl::StatusCode::kUnavailable);
  log_.store_.FailWrites(false);
  EXPECT_TRUE(Issue().has_value());
}

TEST_F(CheckpointerTest, RefusesBadOptions) {
  auto head = [this] { return log_.committer_->audit_tree_head(); };
  Checkpointer::Options options;
  options.origin = "has space";
  EXPECT_EQ(Checkpointer::Create({&log_.store_, &log_.clock_, log_.signer_.get(), head}, options).status().code(),
            absl::StatusCode::kInvalidArgument);
  options.origin = "ok";
  options.every_entries = 0;
  EXPECT_EQ(Checkpointer::Create({&log_.store_, &log_.clock_, log_.signer_.get(), head}, options).status().code(),
            absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace liaison::audit
