#include "broker/audit/log_reader.h"

#include <bit>
#include <string>
#include <vector>

#include "broker/audit/audit_test_log.h"
#include "broker/audit/checkpoint.h"
#include "broker/audit/merkle.h"
#include "broker/common/proto_util.h"
#include "broker/storage/keys.h"
#include "gtest/gtest.h"
#include "liaison/store/v1/records.pb.h"

namespace liaison::audit {
namespace {

using storage::Table;

// Counts point reads, to show proofs cost O(log n) of them.
class CountingStore : public storage::KvStore {
 public:
  explicit CountingStore(const storage::KvStore* inner) : inner_(inner) {}
  absl::StatusOr<std::optional<std::string>> Get(Table t, absl::string_view k) const override {
    ++gets_;
    return inner_->Get(t, k);
  }
  absl::Status Scan(Table t, absl::string_view s, absl::string_view e, bool r,
                    const storage::ScanVisitor& v) const override {
    return inner_->Scan(t, s, e, r, v);
  }
  absl::Status Write(const std::vector<storage::KvWrite>&, bool) override {
    return absl::UnimplementedError("read-only");
  }
  mutable int gets_ = 0;

 private:
  const storage::KvStore* inner_;
};

class LogReaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    log_.Append(37);
    ASSERT_TRUE(log_.store_.Scan(Table::kAudit, "", "", false, [&](absl::string_view, absl::string_view value) {
      store::v1::AuditRecord record;
      EXPECT_TRUE(record.ParseFromArray(value.data(), static_cast<int>(value.size())));
      leaves_.push_back(MerkleLeafHash(record.body()));
      return true;
    }).ok());
  }
  std::string Root(uint64_t size) {
    return RootFromLeafHashes(absl::MakeConstSpan(leaves_).subspan(0, size));
  }

  TestLog log_{/*checkpoint_every=*/10};
  std::vector<std::string> leaves_;
};

TEST_F(LogReaderTest, InclusionProofsVerifyForEveryEntryAndSize) {
  const LogReader reader(&log_.store_);
  for (uint64_t size = 1; size <= leaves_.size(); size += 3) {
    for (uint64_t sequence = 1; sequence <= size; ++sequence) {
      auto proof = reader.ProveInclusion(sequence, size);
      ASSERT_TRUE(proof.ok()) << proof.status();
      EXPECT_EQ(proof->root_hash(), Root(size));
      EXPECT_EQ(proof->leaf_hash(), MerkleLeafHash(proof->entry_bytes()));
      const std::vector<std::string> path(proof->proof().begin(), proof->proof().end());
      EXPECT_TRUE(VerifyInclusion(proof->leaf_hash(), sequence - 1, size, path, Root(size)).ok())
          << sequence << " in " << size;
    }
  }
}

TEST_F(LogReaderTest, ConsistencyProofsVerify) {
  const LogReader reader(&log_.store_);
  for (uint64_t from = 1; from <= leaves_.size(); from += 2) {
    for (uint64_t to = from; to <= leaves_.size(); to += 5) {
      auto proof = reader.ProveConsistency(from, to);
      ASSERT_TRUE(proof.ok()) << proof.status();
      const std::vector<std::string> path(proof->proof().begin(), proof->proof().end());
      EXPECT_TRUE(VerifyConsistency(from, to, path, Root(from), Root(to)).ok()) << from << " to " << to;
    }
  }
}

TEST_F(LogReaderTest, ProofsCostLogarithmicReads) {
  CountingStore counting(&log_.store_);
  const LogReader reader(&counting);
  ASSERT_TRUE(reader.ProveInclusion(5, 37).ok());
  // The state, the entry, the leaf, the path (<= 6) and the root (<= 3).
  EXPECT_LE(counting.gets_, 14);
  counting.gets_ = 0;
  ASSERT_TRUE(reader.ProveConsistency(13, 37).ok());
  EXPECT_LE(counting.gets_, 16);
}

TEST_F(LogReaderTest, RefusesSizesBeyondTheLog) {
  const LogReader reader(&log_.store_);
  EXPECT_EQ(reader.ProveInclusion(0, 5).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(reader.ProveInclusion(6, 5).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(reader.ProveInclusion(1, 38).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(reader.ProveConsistency(0, 5).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(reader.ProveConsistency(6, 5).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(reader.ProveConsistency(5, 38).status().code(), absl::StatusCode::kInvalidArgument);
}

TEST_F(LogReaderTest, CheckpointsByLatestAndSizeAndPage) {
  const LogReader reader(&log_.store_);
  auto latest = reader.Checkpoint(0);
  ASSERT_TRUE(latest.ok()) << latest.status();
  EXPECT_EQ(ParseCheckpointNote(*latest)->checkpoint.size, 30u);
  EXPECT_EQ(ParseCheckpointNote(reader.Checkpoint(20).value())->checkpoint.root, Root(20));
  EXPECT_EQ(reader.Checkpoint(21).status().code(), absl::StatusCode::kNotFound);
  auto page = reader.ListCheckpoints(0, 2).value();
  ASSERT_EQ(page.notes.size(), 2u);
  EXPECT_EQ(page.next_after_size, 20u);
  page = reader.ListCheckpoints(page.next_after_size, 2).value();
  ASSERT_EQ(page.notes.size(), 1u);
  EXPECT_EQ(page.next_after_size, 0u);
}

TEST_F(LogReaderTest, LeavesCarryTheirExactBytes) {
  const LogReader reader(&log_.store_);
  auto page = reader.Leaves(0, 30).value();
  ASSERT_EQ(page.leaves.size(), 30u);
  EXPECT_EQ(page.next_after_sequence, 30u);
  for (const v1::AuditLeaf& leaf : page.leaves) {
    EXPECT_EQ(leaf.leaf_hash(), leaves_[leaf.sequence() - 1]);
    EXPECT_EQ(DeterministicBytes(leaf.entry()), leaf.entry_bytes());
  }
  page = reader.Leaves(30, 30).value();
  EXPECT_EQ(page.leaves.size(), 7u);
  EXPECT_EQ(page.next_after_sequence, 0u);
}

}  // namespace
}  // namespace liaison::audit
