#include "broker/commit/committer.h"

#include <memory>
#include <set>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/notification.h"
#include "broker/audit/merkle.h"
#include "broker/audit/tree_store.h"
#include "broker/common/proto_util.h"
#include "broker/storage/keys.h"
#include "broker/storage/mem_kv_store.h"
#include "gtest/gtest.h"
#include "liaison/store/v1/records.pb.h"

namespace liaison::commit {
namespace {

using storage::Table;

// Delegates to a MemKvStore; the first Write blocks until Release().
class GatedStore : public storage::KvStore {
 public:
  absl::StatusOr<std::optional<std::string>> Get(Table t, absl::string_view k) const override {
    return mem_.Get(t, k);
  }
  absl::Status Scan(Table t, absl::string_view s, absl::string_view e, bool r,
                    const storage::ScanVisitor& v) const override {
    return mem_.Scan(t, s, e, r, v);
  }
  absl::Status Write(const std::vector<storage::KvWrite>& w, bool sync) override {
    if (!first_write_entered_.HasBeenNotified()) {
      first_write_entered_.Notify();
      release_.WaitForNotification();
    }
    return mem_.Write(w, sync);
  }
  void Release() { release_.Notify(); }
  void AwaitFirstWrite() { first_write_entered_.WaitForNotification(); }
  int synced_writes() const { return mem_.synced_writes(); }

 private:
  storage::MemKvStore mem_;
  absl::Notification first_write_entered_;
  absl::Notification release_;
};

v1::AuditEntry Entry(const std::string& notification_id) {
  v1::AuditEntry entry;
  entry.set_actor("test");
  entry.set_action(v1::AUDIT_ACTION_NOTIFICATION_ACCEPTED);
  entry.set_notification_id(notification_id);
  return entry;
}

v1::Alert NewAlert(const std::string& id, const std::string& recipient) {
  v1::Alert alert;
  alert.set_alert_id(id);
  alert.set_recipient_id(recipient);
  alert.set_state(v1::ALERT_STATE_PENDING);
  return alert;
}

// Walks the stored log, checking sequences are 1..n, every stored leaf is
// the hash of its entry's body and the stored tree state is the tree of
// exactly those leaves.
uint64_t VerifyChain(const storage::KvStore& store) {
  std::vector<std::string> leaves;
  const audit::StoredTreeReader tree(&store);
  EXPECT_TRUE(store.Scan(Table::kAudit, "", "", false, [&](absl::string_view key, absl::string_view value) {
    auto record = ParseStored<store::v1::AuditRecord>(value, "audit");
    EXPECT_TRUE(record.ok());
    EXPECT_EQ(storage::DecodeU64(key), leaves.size() + 1);
    leaves.push_back(audit::MerkleLeafHash(record->body()));
    EXPECT_EQ(tree.LeafHash(leaves.size() - 1).value_or(""), leaves.back());
    return true;
  }).ok());
  auto state = audit::LoadTreeState(store);
  EXPECT_TRUE(state.ok());
  if (leaves.empty()) {
    EXPECT_FALSE(state->has_value());
  } else if (state.ok() && state->has_value()) {
    EXPECT_EQ((*state)->size(), leaves.size());
    EXPECT_EQ((*state)->Root(), audit::RootFromLeafHashes(leaves));
  } else {
    ADD_FAILURE() << "no tree state for " << leaves.size() << " entries";
  }
  return leaves.size();
}

class CommitterTest : public testing::Test {
 protected:
  FakeClock clock_{absl::FromUnixSeconds(1790000000)};
};

TEST_F(CommitterTest, AssignsSequencesAndAppendsToTheAuditTree) {
  storage::MemKvStore store;
  auto committer = Committer::Create(&store, &clock_, {}).value();
  Mutation first;
  first.new_alerts = {NewAlert("a1", "N01"), NewAlert("a2", "N02"), NewAlert("a3", "N01")};
  first.audit = {Entry("n1"), Entry("n1")};
  auto receipt = committer->Commit(std::move(first));
  ASSERT_TRUE(receipt.ok()) << receipt.status();
  EXPECT_EQ(receipt->alert_sequences, (std::vector<uint64_t>{1, 1, 2}));
  EXPECT_EQ(receipt->audit_sequences, (std::vector<uint64_t>{1, 2}));
  EXPECT_EQ(store.Get(Table::kInbox, storage::InboxKey("N01", 2)).value(), "a3");
  store::v1::PendingRecord pending;
  ASSERT_TRUE(pending.ParseFromString(store.Get(Table::kPending, storage::InboxKey("N02", 1)).value().value()));
  EXPECT_EQ(pending.alert_id(), "a2");
  EXPECT_TRUE(store.Get(Table::kAuditIndex, storage::AuditIndexKey(storage::kFacetNotification, "n1", 2))
                  .value()
                  .has_value());
  EXPECT_EQ(VerifyChain(store), 2u);
}

// With person_ref, no CRN reaches the log: the entry's crn, review
// candidates and merge CRNs are replaced by their keyed hashes before the
// entry is hashed, and the person facet indexes the hash.
TEST_F(CommitterTest, PersonRefReplacesEveryCrnBeforeTheEntryIsLogged) {
  storage::MemKvStore store;
  Committer::Options options;
  // Any function that hides the CRN: its letters shifted.
  auto ref = [](absl::string_view crn) {
    std::string shifted(crn);
    for (char& c : shifted) c = static_cast<char>(c + 17);
    return absl::StrCat("psn_", shifted);
  };
  options.person_ref = ref;
  auto committer = Committer::Create(&store, &clock_, options).value();
  Mutation m;
  v1::AuditEntry linked = Entry("n1");
  linked.set_crn("X123456");
  linked.mutable_match()->add_candidate_crns("X123456");
  linked.mutable_match()->add_candidate_crns("Y654321");
  v1::AuditEntry merged = Entry("n1");
  merged.mutable_merge()->set_merged_crn("Y654321");
  merged.mutable_merge()->set_surviving_crn("X123456");
  m.audit = {linked, merged};
  ASSERT_TRUE(committer->Commit(std::move(m)).ok());
  std::string bodies;
  ASSERT_TRUE(store.Scan(Table::kAudit, "", "", false, [&](absl::string_view, absl::string_view value) {
    bodies += ParseStored<store::v1::AuditRecord>(value, "audit")->body();
    return true;
  }).ok());
  EXPECT_EQ(bodies.find("X123456"), std::string::npos);
  EXPECT_EQ(bodies.find("Y654321"), std::string::npos);
  auto first = ParseStored<store::v1::AuditRecord>(store.Get(Table::kAudit, storage::EncodeU64(1)).value().value(), "a");
  v1::AuditEntry stored;
  ASSERT_TRUE(stored.ParseFromString(first->body()));
  EXPECT_EQ(stored.person(), ref("X123456"));
  EXPECT_TRUE(stored.crn().empty());
  EXPECT_EQ(stored.match().candidate_persons_size(), 2);
  EXPECT_EQ(stored.match().candidate_persons(1), ref("Y654321"));
  EXPECT_TRUE(store.Get(Table::kAuditIndex, storage::AuditIndexKey(storage::kFacetPerson, ref("X123456"), 1))
                  .value()
                  .has_value());
  EXPECT_EQ(VerifyChain(store), 2u);
}

TEST_F(CommitterTest, AFailedWriteAppliesNothingAndUsesNoSequence) {
  storage::MemKvStore store;
  auto committer = Committer::Create(&store, &clock_, {}).value();
  store.FailWrites(true);
  Mutation failing;
  failing.writes = {{Table::kNotifications, "n1", "x"}};
  failing.new_alerts = {NewAlert("a1", "N01")};
  failing.audit = {Entry("n1")};
  EXPECT_EQ(committer->Commit(std::move(failing)).status().code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(store.TotalKeys(), 0u);

  store.FailWrites(false);
  Mutation next;
  next.new_alerts = {NewAlert("a2", "N01")};
  next.audit = {Entry("n2")};
  auto receipt = committer->Commit(std::move(next)).value();
  EXPECT_EQ(receipt.alert_sequences[0], 1u);
  EXPECT_EQ(receipt.audit_sequences[0], 1u);
  EXPECT_EQ(VerifyChain(store), 1u);
}

TEST_F(CommitterTest, ANewCommitterContinuesTheTreeAndInboxSequences) {
  storage::MemKvStore store;
  {
    auto committer = Committer::Create(&store, &clock_, {}).value();
    Mutation m;
    m.new_alerts = {NewAlert("a1", "N01")};
    m.audit = {Entry("n1"), Entry("n1")};
    ASSERT_TRUE(committer->Commit(std::move(m)).ok());
  }
  auto reopened = Committer::Create(&store, &clock_, {}).value();
  EXPECT_EQ(reopened->audit_head_sequence(), 2u);
  Mutation m;
  m.new_alerts = {NewAlert("a2", "N01")};
  m.audit = {Entry("n2")};
  auto receipt = reopened->Commit(std::move(m)).value();
  EXPECT_EQ(receipt.alert_sequences[0], 2u);
  EXPECT_EQ(receipt.audit_sequences[0], 3u);
  EXPECT_EQ(VerifyChain(store), 3u);
}

TEST_F(CommitterTest, ConcurrentCommitsShareOneSync) {
  GatedStore store;
  auto committer = Committer::Create(&store, &clock_, {}).value();
  constexpr int kFollowers = 10;
  std::vector<std::thread> threads;
  std::vector<absl::StatusOr<CommitReceipt>> results(kFollowers + 1, absl::UnknownError("unset"));
  auto commit = [&](int i) {
    Mutation m;
    m.new_alerts = {NewAlert("a" + std::to_string(i), "N01")};
    m.audit = {Entry("n" + std::to_string(i))};
    results[i] = committer->Commit(std::move(m));
  };
  threads.emplace_back(commit, 0);
  store.AwaitFirstWrite();  // the first leader is now inside its write
  for (int i = 1; i <= kFollowers; ++i) threads.emplace_back(commit, i);
  while (committer->queued_for_test() < kFollowers + 1) std::this_thread::yield();
  store.Release();
  for (auto& t : threads) t.join();

  std::set<uint64_t> alert_sequences, audit_sequences;
  for (const auto& result : results) {
    ASSERT_TRUE(result.ok()) << result.status();
    alert_sequences.insert(result->alert_sequences[0]);
    audit_sequences.insert(result->audit_sequences[0]);
  }
  EXPECT_EQ(alert_sequences.size(), kFollowers + 1u);
  EXPECT_EQ(*alert_sequences.rbegin(), kFollowers + 1u);
  EXPECT_EQ(*audit_sequences.rbegin(), kFollowers + 1u);
  // One sync for the first leader, one for everyone who queued behind it.
  EXPECT_EQ(store.synced_writes(), 2);
  EXPECT_EQ(VerifyChain(store), kFollowers + 1u);
}

TEST_F(CommitterTest, TellsTheListenerWhichInboxesGrew) {
  storage::MemKvStore store;
  auto committer = Committer::Create(&store, &clock_, {}).value();
  std::vector<std::string> told;
  committer->SetAlertListener([&](const std::vector<std::string>& recipients) {
    told.insert(told.end(), recipients.begin(), recipients.end());
  });
  Mutation m;
  m.new_alerts = {NewAlert("a1", "N07")};
  ASSERT_TRUE(committer->Commit(std::move(m)).ok());
  EXPECT_EQ(told, std::vector<std::string>{"N07"});
}

}  // namespace
}  // namespace liaison::commit
