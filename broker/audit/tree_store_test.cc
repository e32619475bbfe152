#include "broker/audit/tree_store.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "broker/audit/audit_log.h"
#include "broker/audit/audit_test_log.h"
#include "broker/audit/merkle.h"
#include "broker/audit/tree_recovery.h"
#include "broker/common/proto_util.h"
#include "broker/storage/keys.h"
#include "broker/storage/mem_kv_store.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "liaison/store/v1/records.pb.h"

namespace liaison::audit {
namespace {

using storage::Table;

std::vector<std::string> StoredLeaves(const storage::KvStore& store) {
  std::vector<std::string> leaves;
  EXPECT_TRUE(store.Scan(Table::kAudit, "", "", false, [&](absl::string_view, absl::string_view value) {
    store::v1::AuditRecord record;
    EXPECT_TRUE(record.ParseFromArray(value.data(), static_cast<int>(value.size())));
    leaves.push_back(MerkleLeafHash(record.body()));
    return true;
  }).ok());
  return leaves;
}

// Every perfect subtree of the first n leaves is stored with the hash
// RFC 9162 gives it, for every n up to 70 (so every shape of frontier).
TEST(TreeStoreTest, AppendWritesEveryCompletedSubtree) {
  storage::MemKvStore store;
  CompactRange range;
  std::vector<std::string> leaves;
  for (int n = 1; n <= 70; ++n) {
    leaves.push_back(MerkleLeafHash(absl::StrCat("entry ", n)));
    std::vector<storage::KvWrite> writes;
    ASSERT_TRUE(AppendToTree(leaves.back(), &range, &writes).ok());
    ASSERT_TRUE(store.Write(writes, false).ok());
    ASSERT_EQ(range.Root(), RootFromLeafHashes(leaves)) << n;
  }
  const StoredTreeReader reader(&store);
  for (uint32_t level = 0; (uint64_t{1} << level) <= leaves.size(); ++level) {
    for (uint64_t index = 0; ((index + 1) << level) <= leaves.size(); ++index) {
      const auto first = leaves.begin() + static_cast<long>(index << level);
      const std::vector<std::string> subtree(first, first + (1L << level));
      EXPECT_EQ(reader.NodeHash(level, index).value_or(""), RootFromLeafHashes(subtree)) << level << "/" << index;
    }
  }
  // Nothing beyond complete subtrees: the 64-leaf subtree at index 1 is not.
  EXPECT_EQ(reader.NodeHash(6, 1).status().code(), absl::StatusCode::kNotFound);
}

TEST(TreeStoreTest, TheCommitterKeepsTheStateWithTheEntries) {
  TestLog log;
  log.Append(13);
  const auto state = LoadTreeState(log.store_).value();
  ASSERT_TRUE(state.has_value());
  EXPECT_EQ(state->size(), 13u);
  EXPECT_EQ(state->Root(), RootFromLeafHashes(StoredLeaves(log.store_)));
  EXPECT_EQ(log.committer_->audit_tree_head().root, state->Root());
  EXPECT_EQ(log.committer_->audit_tree_head().size, 13u);
}

TEST(TreeStoreTest, AFailedWriteLeavesTheTreeAsItWas) {
  TestLog log;
  log.Append(3);
  const std::string root = log.committer_->audit_tree_head().root;
  log.store_.FailWrites(true);
  commit::Mutation mutation;
  mutation.audit.emplace_back().set_actor("lost");
  EXPECT_FALSE(log.committer_->Commit(std::move(mutation)).ok());
  log.store_.FailWrites(false);
  EXPECT_EQ(log.committer_->audit_tree_head().root, root);
  EXPECT_EQ(LoadTreeState(log.store_).value()->Root(), root);
  log.Append(1);
  EXPECT_TRUE(AuditLog(&log.store_).Verify()->ok);
}

TEST(TreeStoreTest, ReopeningValidatesAndContinuesTheTree) {
  TestLog log;
  log.Append(9);
  auto reopened = commit::Committer::Create(&log.store_, &log.clock_, {});
  ASSERT_TRUE(reopened.ok()) << reopened.status();
  EXPECT_EQ((*reopened)->audit_tree_head().root, log.committer_->audit_tree_head().root);
}

TEST(TreeStoreTest, ALogFromBeforeTheTreeIsRebuiltOnOpen) {
  TestLog log;
  log.Append(11);
  const std::string root = log.committer_->audit_tree_head().root;
  // Remove every tree record, as in a store written by the hash-chain broker.
  std::vector<storage::KvWrite> deletes;
  ASSERT_TRUE(log.store_.Scan(Table::kAuditTree, "", "", false, [&](absl::string_view key, absl::string_view) {
    deletes.push_back({Table::kAuditTree, std::string(key), std::nullopt});
    return true;
  }).ok());
  ASSERT_TRUE(log.store_.Write(deletes, false).ok());
  auto reopened = commit::Committer::Create(&log.store_, &log.clock_, {});
  ASSERT_TRUE(reopened.ok()) << reopened.status();
  EXPECT_EQ((*reopened)->audit_tree_head().root, root);
  EXPECT_TRUE(AuditLog(&log.store_).Verify()->ok);
}

TEST(TreeStoreTest, OpeningRefusesATreeThatDoesNotMatchTheEntries) {
  TestLog log;
  log.Append(6);
  // The last entry is gone but the tree still counts it.
  ASSERT_TRUE(log.store_.Write({{Table::kAudit, storage::EncodeU64(6), std::nullopt}}, false).ok());
  auto reopened = commit::Committer::Create(&log.store_, &log.clock_, {});
  EXPECT_EQ(reopened.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_THAT(std::string(reopened.status().message()), ::testing::HasSubstr("6 leaves"));
}

TEST(TreeStoreTest, OpeningRefusesAChangedHeadEntry) {
  TestLog log;
  log.Append(5);
  store::v1::AuditRecord record;
  v1::AuditEntry entry;
  entry.set_sequence(5);
  entry.set_actor("forged");
  record.set_body(DeterministicBytes(entry));
  ASSERT_TRUE(log.store_.Write({{Table::kAudit, storage::EncodeU64(5), record.SerializeAsString()}}, false).ok());
  EXPECT_EQ(RecoverAuditTree(&log.store_, 5).status().code(), absl::StatusCode::kDataLoss);
}

}  // namespace
}  // namespace liaison::audit
