#ifndef LIAISON_BROKER_AUDIT_AUDIT_TEST_LOG_H_
#define LIAISON_BROKER_AUDIT_AUDIT_TEST_LOG_H_

// A real audit log for tests: a committer over an in-memory store with a
// fake clock, and a checkpointer signing with a fresh key.

#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "broker/audit/audit_log.h"
#include "broker/audit/checkpointer.h"
#include "broker/audit/ed25519.h"
#include "broker/commit/committer.h"
#include "broker/common/clock.h"
#include "broker/storage/mem_kv_store.h"
#include "gtest/gtest.h"

namespace liaison::audit {

inline constexpr char kTestOrigin[] = "test.liaison.dev/audit";

class TestLog {
 public:
  explicit TestLog(uint64_t checkpoint_every = 4) {
    committer_ = commit::Committer::Create(&store_, &clock_, {}).value();
    Checkpointer::Options options;
    options.origin = kTestOrigin;
    options.every_entries = checkpoint_every;
    options.every = absl::Hours(1);
    checkpointer_ = Checkpointer::Create({&store_, &clock_, signer_.get(), [this] { return committer_->audit_tree_head(); }},
                                         options)
                        .value();
  }

  // Appends `count` entries one commit each, issuing checkpoints when due.
  void Append(int count) {
    for (int i = 0; i < count; ++i) {
      commit::Mutation mutation;
      v1::AuditEntry entry;
      entry.set_actor(absl::StrCat("tester-", ++appended_));
      entry.set_action(v1::AUDIT_ACTION_NOTIFICATION_ACCEPTED);
      entry.set_notification_id(absl::StrCat("ntf_", appended_));
      mutation.audit.push_back(std::move(entry));
      ASSERT_TRUE(committer_->Commit(std::move(mutation)).ok());
      clock_.Advance(absl::Seconds(1));
      ASSERT_TRUE(checkpointer_->MaybeIssue().ok());
    }
  }

  LogKey key() const { return {signer_->public_key(), kTestOrigin}; }

  storage::MemKvStore store_;
  FakeClock clock_{absl::FromUnixSeconds(1790000000)};
  std::unique_ptr<Ed25519Signer> signer_ = Ed25519Signer::Generate();
  std::unique_ptr<commit::Committer> committer_;
  std::unique_ptr<Checkpointer> checkpointer_;
  int appended_ = 0;
};

}  // namespace liaison::audit

#endif  // LIAISON_BROKER_AUDIT_AUDIT_TEST_LOG_H_
