#ifndef LIAISON_BROKER_AUDIT_CHECKPOINTER_H_
#define LIAISON_BROKER_AUDIT_CHECKPOINTER_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "broker/audit/ed25519.h"
#include "broker/commit/committer.h"
#include "broker/common/clock.h"
#include "broker/storage/kv_store.h"

namespace liaison::audit {

// Issues the audit log's signed checkpoints (checkpoint.h) of the committed
// tree and stores them in Table::kAuditCheckpoints, keyed by tree size: a
// new one once the log grew by `every_entries` since the last, or grew at
// all and `every` passed since the last was issued. A checkpoint only ever
// names a tree the committer has already written, so it never runs ahead of
// the entries. Thread-safe.
class Checkpointer {
 public:
  struct Options {
    // The first line of every checkpoint and the key's name (CheckOrigin).
    std::string origin = "liaison.dev/audit";
    uint64_t every_entries = 1000;
    absl::Duration every = absl::Seconds(60);
  };
  struct Deps {
    storage::KvStore* store;
    Clock* clock;
    const Ed25519Signer* signer;
    // The committed tree (Committer::audit_tree_head).
    std::function<commit::AuditTreeHead()> head;
  };

  // Reads the latest stored checkpoint. Nothing in `deps` is owned; all
  // must outlive the checkpointer. INVALID_ARGUMENT for a bad origin or
  // zero every_entries / every; store errors pass through.
  static absl::StatusOr<std::unique_ptr<Checkpointer>> Create(Deps deps, Options options);
  ~Checkpointer() { Stop(); }

  // Issues a checkpoint if one is due (see the class comment); returns its
  // note, or nullopt when none was due. UNAVAILABLE when it could not be
  // stored (it is issued again on the next try); INTERNAL when signing fails.
  absl::StatusOr<std::optional<std::string>> MaybeIssue() ABSL_LOCKS_EXCLUDED(issue_mu_);
  // The same, due or not, unless the latest checkpoint already covers the
  // committed tree (or it is empty).
  absl::StatusOr<std::optional<std::string>> IssueNow() ABSL_LOCKS_EXCLUDED(issue_mu_);

  // Tells the background thread the log now holds `tree_size` entries (the
  // committer's audit listener); cheap, never blocks on signing.
  void OnAppended(uint64_t tree_size);

  // Runs MaybeIssue in a background thread when a count is reached, a
  // period ends, or a fake clock jumps (checking at least every `poll` of
  // real time). Stop joins it (idempotent).
  void Start(absl::Duration poll = absl::Seconds(5));
  void Stop();

  // The size of the latest checkpoint (0 when none).
  uint64_t last_size() const;

 private:
  Checkpointer(Deps deps, Options options) : deps_(std::move(deps)), options_(std::move(options)) {}
  absl::StatusOr<std::optional<std::string>> Issue(bool only_when_due) ABSL_LOCKS_EXCLUDED(issue_mu_);
  void Loop(absl::Duration poll);
  bool Woken() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return stopping_ || woken_; }

  const Deps deps_;
  const Options options_;
  absl::Mutex issue_mu_ ABSL_ACQUIRED_BEFORE(mu_);
  mutable absl::Mutex mu_;
  uint64_t last_size_ ABSL_GUARDED_BY(mu_) = 0;
  absl::Time last_time_ ABSL_GUARDED_BY(mu_);
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  bool woken_ ABSL_GUARDED_BY(mu_) = false;
  std::unique_ptr<std::thread> thread_;
  uint64_t jump_listener_ = 0;
};

}  // namespace liaison::audit

#endif  // LIAISON_BROKER_AUDIT_CHECKPOINTER_H_
