#ifndef LIAISON_BROKER_COMMIT_COMMITTER_H_
#define LIAISON_BROKER_COMMIT_COMMITTER_H_

#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "broker/audit/merkle.h"
#include "broker/common/clock.h"
#include "broker/metrics/broker_metrics.h"
#include "broker/storage/kv_store.h"
#include "liaison/v1/alert.pb.h"
#include "liaison/v1/audit.pb.h"

namespace liaison::commit {

// Everything one operation changes, applied atomically: plain writes, new
// alerts (the committer gives each the next sequence number of its
// recipient's inbox) and audit entries (the committer gives each the next log
// sequence and the time, and appends it to the log's Merkle tree).
struct Mutation {
  std::vector<storage::KvWrite> writes;
  std::vector<v1::Alert> new_alerts;
  std::vector<v1::AuditEntry> audit;
  // When false the write may be lost in a crash (it is still ordered: a later
  // durable write makes it durable too). For records whose loss is harmless,
  // such as delivery attempts.
  bool durable = true;
};

struct CommitReceipt {
  // Parallel to Mutation::new_alerts and Mutation::audit.
  std::vector<uint64_t> alert_sequences;
  std::vector<uint64_t> audit_sequences;
  absl::Time committed_at;
};

// Called after each group commit with the recipients that got new alerts.
using AlertListener = std::function<void(const std::vector<std::string>& recipient_ids)>;
// Called after each group commit that appended audit entries, with the
// number of entries the log now holds.
using AuditListener = std::function<void(uint64_t tree_size)>;

// The audit log's Merkle tree as committed: its size and root.
struct AuditTreeHead {
  uint64_t size = 0;
  std::string root;
};

// Serialises all writes to the store through group commit: concurrent callers
// queue, the first becomes leader, merges every queued mutation into one
// atomic batch, writes it with one sync, and wakes the others. Sequence
// numbers are assigned by the leader in commit order and only advanced when
// the batch is on disk, so a failed write leaves no gap. Each audit entry is
// a leaf of the log's Merkle tree (RFC 9162; docs/audit.md): the batch also
// carries the tree nodes the entries complete and the tree's new state, so
// the stored tree always matches the stored entries. Thread-safe.
class Committer {
 public:
  struct Options {
    // A group stops growing past this many queued mutations.
    size_t max_group_size = 256;
    // When set, every CRN in an audit entry is replaced by this keyed hash
    // of it before the entry is hashed into the log (AuditEntry.person).
    std::function<std::string(absl::string_view crn)> person_ref;
    // When set (not owned), each group commit's write time and size, and
    // the alerts it created by priority, are recorded.
    metrics::BrokerMetrics* metrics = nullptr;
  };

  // Reads the audit head and tree from `store` (audit::RecoverAuditTree:
  // validates it, or builds it for a log written before the tree existed).
  // Neither pointer is owned; both must outlive the committer. DATA_LOSS
  // when the stored head is unreadable or the tree does not match it.
  static absl::StatusOr<std::unique_ptr<Committer>> Create(storage::KvStore* store, Clock* clock,
                                                           Options options);

  // Applies `mutation` atomically; returns once it is on stable storage (or
  // written, when not durable). UNAVAILABLE when the store failed: nothing
  // of the mutation was applied and no sequence number was used.
  absl::StatusOr<CommitReceipt> Commit(Mutation mutation);

  // Registers the single listener told about new alerts. Call before use.
  void SetAlertListener(AlertListener listener);
  // Registers the single listener told about audit appends. Call before use.
  void SetAuditListener(AuditListener listener);

  // The committed audit tree's size and root.
  AuditTreeHead audit_tree_head() const;

  // The sequence number of the last committed audit entry (0 when none).
  uint64_t audit_head_sequence() const;

  // Writers queued or being written now (including a leader's group).
  size_t queued_for_test() const;

 private:
  struct Writer;
  // State owned by the current leader: the tentative copy is built while
  // preparing a batch and adopted only if the write succeeds.
  struct ChainState {
    uint64_t audit_sequence = 0;
    audit::CompactRange tree;
    absl::Time audit_time = absl::InfinitePast();
  };

  Committer(storage::KvStore* store, Clock* clock, Options options)
      : store_(store), clock_(clock), options_(options) {}

  absl::Status RecoverChain();
  // Builds the merged batch for `group` into `writes`, filling receipts and
  // advancing `chain` and `inbox_heads` (tentative copies).
  absl::Status BuildBatch(const std::vector<Writer*>& group, ChainState* chain,
                          absl::flat_hash_map<std::string, uint64_t>* inbox_heads,
                          std::vector<storage::KvWrite>* writes) ABSL_EXCLUSIVE_LOCKS_REQUIRED(leader_mu_);
  absl::StatusOr<uint64_t> NextInboxSequence(const std::string& recipient,
                                             absl::flat_hash_map<std::string, uint64_t>* tentative)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(leader_mu_);
  absl::Status AppendAudit(v1::AuditEntry entry, ChainState* chain, CommitReceipt* receipt,
                           std::vector<storage::KvWrite>* writes);
  absl::Status LeadGroup(Writer* self);
  // Writes a built batch, recording it when options_.metrics is set.
  absl::Status WriteBatch(const std::vector<storage::KvWrite>& writes, bool sync, const std::vector<Writer*>& group);

  storage::KvStore* const store_;
  Clock* const clock_;
  const Options options_;
  AlertListener listener_;
  AuditListener audit_listener_;

  mutable absl::Mutex mu_;
  std::deque<Writer*> queue_ ABSL_GUARDED_BY(mu_);
  uint64_t committed_audit_sequence_ ABSL_GUARDED_BY(mu_) = 0;
  audit::CompactRange committed_tree_ ABSL_GUARDED_BY(mu_);

  // Held by the one leader while it prepares and writes a group.
  absl::Mutex leader_mu_ ABSL_ACQUIRED_AFTER(mu_);
  ChainState chain_ ABSL_GUARDED_BY(leader_mu_);
  // Last sequence per recipient, loaded from the store on first use.
  absl::flat_hash_map<std::string, uint64_t> inbox_heads_ ABSL_GUARDED_BY(leader_mu_);
};

}  // namespace liaison::commit

#endif  // LIAISON_BROKER_COMMIT_COMMITTER_H_
