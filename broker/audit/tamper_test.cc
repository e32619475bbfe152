// Tamper evidence: entries changed, deleted, moved or inserted directly in
// the store, checkpoints signed by another key, and a truncated log are all
// caught by AuditLog::Verify, which names the first bad entry.

#include <algorithm>
#include <string>

#include "absl/strings/str_cat.h"
#include "broker/audit/audit_log.h"
#include "broker/audit/audit_test_log.h"
#include "broker/audit/checkpoint.h"
#include "broker/audit/tree_store.h"
#include "broker/common/proto_util.h"
#include "broker/storage/keys.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "liaison/store/v1/records.pb.h"

namespace liaison::audit {
namespace {

using storage::EncodeU64;
using storage::Table;
using ::testing::HasSubstr;

constexpr int kEntries = 20;

class TamperTest : public ::testing::Test {
 protected:
  // 20 entries, checkpoints at 4, 8, 12, 16, 20.
  void SetUp() override {
    log_.Append(kEntries);
    const LogVerification clean = Verify();
    ASSERT_TRUE(clean.ok) << clean.problem;
    ASSERT_EQ(clean.entries, static_cast<uint64_t>(kEntries));
    ASSERT_EQ(clean.checkpoints, 5u);
  }

  LogVerification Verify() {
    absl::StatusOr<LogVerification> result = AuditLog(&log_.store_, log_.key()).Verify();
    EXPECT_TRUE(result.ok()) << result.status();
    return result.value_or(LogVerification{});
  }

  std::string Value(uint64_t sequence) { return log_.store_.Get(Table::kAudit, EncodeU64(sequence)).value().value(); }
  void Put(uint64_t sequence, std::string value) {
    ASSERT_TRUE(log_.store_.Write({{Table::kAudit, EncodeU64(sequence), std::move(value)}}, false).ok());
  }
  void Delete(Table table, std::string key) {
    ASSERT_TRUE(log_.store_.Write({{table, std::move(key), std::nullopt}}, false).ok());
  }
  // A record for `sequence` whose body says what an attacker wants.
  static std::string Forged(uint64_t sequence, const std::string& actor) {
    v1::AuditEntry entry;
    entry.set_format_version(1);
    entry.set_sequence(sequence);
    entry.set_actor(actor);
    entry.set_action(v1::AUDIT_ACTION_ALERT_ACKNOWLEDGED);
    store::v1::AuditRecord record;
    record.set_body(DeterministicBytes(entry));
    return record.SerializeAsString();
  }

  TestLog log_;
};

TEST_F(TamperTest, AModifiedEntryIsNamedWhereverItIs) {
  for (uint64_t bad = 1; bad <= kEntries; ++bad) {
    const std::string original = Value(bad);
    store::v1::AuditRecord record;
    ASSERT_TRUE(record.ParseFromString(original));
    v1::AuditEntry entry;
    ASSERT_TRUE(entry.ParseFromString(record.body()));
    entry.set_actor("someone-else");
    record.set_body(DeterministicBytes(entry));
    Put(bad, record.SerializeAsString());
    const LogVerification result = Verify();
    EXPECT_FALSE(result.ok);
    EXPECT_EQ(result.first_bad_sequence, bad);
    EXPECT_THAT(result.problem, HasSubstr("does not match the leaf hash"));
    Put(bad, original);
  }
  EXPECT_TRUE(Verify().ok);
}

TEST_F(TamperTest, ADeletedEntryIsNamedWhereverItWas) {
  for (uint64_t bad = 1; bad <= kEntries; ++bad) {
    const std::string original = Value(bad);
    Delete(Table::kAudit, EncodeU64(bad));
    const LogVerification result = Verify();
    EXPECT_FALSE(result.ok);
    EXPECT_EQ(result.first_bad_sequence, bad);
    Put(bad, original);
  }
  EXPECT_TRUE(Verify().ok);
}

TEST_F(TamperTest, ReorderedEntriesNameTheFirstMovedOne) {
  for (uint64_t first = 1; first < kEntries; first += 3) {
    const uint64_t second = std::min<uint64_t>(first + 1 + first % 5, kEntries);
    const std::string a = Value(first);
    const std::string b = Value(second);
    Put(first, b);
    Put(second, a);
    const LogVerification result = Verify();
    EXPECT_FALSE(result.ok);
    EXPECT_EQ(result.first_bad_sequence, first);
    EXPECT_THAT(result.problem, HasSubstr(absl::StrCat("carries sequence ", second)));
    Put(first, a);
    Put(second, b);
  }
  EXPECT_TRUE(Verify().ok);
}

TEST_F(TamperTest, AnInsertedEntryIsNamed) {
  // Shift 7..20 up by one and forge a well-formed entry 7.
  for (uint64_t sequence = kEntries; sequence >= 7; --sequence) Put(sequence + 1, Value(sequence));
  Put(7, Forged(7, "inserted"));
  LogVerification result = Verify();
  EXPECT_FALSE(result.ok);
  EXPECT_EQ(result.first_bad_sequence, 7u);
}

TEST_F(TamperTest, AnEntryAppendedOutsideTheTreeIsNamed) {
  Put(kEntries + 1, Forged(kEntries + 1, "appended"));
  const LogVerification result = Verify();
  EXPECT_FALSE(result.ok);
  EXPECT_EQ(result.first_bad_sequence, kEntries + 1u);
  EXPECT_THAT(result.problem, HasSubstr("no leaf"));
}

// An attacker who also rewrites the leaf hash (and the nodes above it) is
// caught by the signed checkpoint that covers the entry: the report names
// the checkpoint and the range it starts.
TEST_F(TamperTest, AnEntryChangedWithItsTreeFailsItsCheckpoint) {
  Put(7, Forged(7, "rewritten"));
  store::v1::AuditRecord record;
  ASSERT_TRUE(record.ParseFromString(Value(7)));
  CompactRange range;
  std::vector<storage::KvWrite> writes;
  for (uint64_t sequence = 1; sequence <= kEntries; ++sequence) {
    store::v1::AuditRecord stored;
    ASSERT_TRUE(stored.ParseFromString(Value(sequence)));
    ASSERT_TRUE(AppendToTree(MerkleLeafHash(stored.body()), &range, &writes).ok());
  }
  writes.push_back(TreeStateWrite(range));
  ASSERT_TRUE(log_.store_.Write(writes, false).ok());
  const LogVerification result = Verify();
  EXPECT_FALSE(result.ok);
  EXPECT_EQ(result.bad_checkpoint_size, 8u);
  EXPECT_EQ(result.first_bad_sequence, 5u);
  EXPECT_THAT(result.problem, HasSubstr("from sequence 5 to 8"));
}

TEST_F(TamperTest, ACheckpointSignedByAnotherKeyIsRejected) {
  const auto other = Ed25519Signer::Generate();
  const std::string note = log_.store_.Get(Table::kAuditCheckpoints, EncodeU64(12)).value().value();
  const Checkpoint checkpoint = ParseCheckpointNote(note)->checkpoint;
  const std::string forged = SignCheckpoint(checkpoint, kTestOrigin, *other).value();
  ASSERT_TRUE(log_.store_.Write({{Table::kAuditCheckpoints, EncodeU64(12), forged}}, false).ok());
  const LogVerification result = Verify();
  EXPECT_FALSE(result.ok);
  EXPECT_EQ(result.bad_checkpoint_size, 12u);
  EXPECT_THAT(result.problem, HasSubstr("not signed by the given key"));
}

TEST_F(TamperTest, ACheckpointOfAnotherRootIsRejected) {
  const std::string forged = SignCheckpoint({kTestOrigin, 16, MerkleLeafHash("x")}, kTestOrigin, *log_.signer_).value();
  ASSERT_TRUE(log_.store_.Write({{Table::kAuditCheckpoints, EncodeU64(16), forged}}, false).ok());
  const LogVerification result = Verify();
  EXPECT_FALSE(result.ok);
  EXPECT_EQ(result.bad_checkpoint_size, 16u);
}

TEST_F(TamperTest, ALogTruncatedBelowACheckpointIsDetected) {
  // Entries 18..20 removed, with a tree state made to match the rest.
  for (uint64_t sequence = 18; sequence <= kEntries; ++sequence) Delete(Table::kAudit, EncodeU64(sequence));
  const StoredTreeReader reader(&log_.store_);
  ASSERT_TRUE(log_.store_.Write({TreeStateWrite(CompactRange::FromReader(17, reader).value())}, false).ok());
  const LogVerification result = Verify();
  EXPECT_FALSE(result.ok);
  EXPECT_EQ(result.first_bad_sequence, 18u);
  EXPECT_EQ(result.bad_checkpoint_size, 20u);
  EXPECT_THAT(result.problem, HasSubstr("truncated"));
}

TEST_F(TamperTest, ALogTruncatedBelowItsTreeIsDetected) {
  Delete(Table::kAudit, EncodeU64(kEntries));
  Delete(Table::kAuditCheckpoints, EncodeU64(kEntries));
  const LogVerification result = Verify();
  EXPECT_FALSE(result.ok);
  EXPECT_EQ(result.first_bad_sequence, static_cast<uint64_t>(kEntries));
  EXPECT_THAT(result.problem, HasSubstr("truncated"));
}

}  // namespace
}  // namespace liaison::audit
