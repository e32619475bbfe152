#ifndef LIAISON_BROKER_CORE_BROKER_CORE_H_
#define LIAISON_BROKER_CORE_BROKER_CORE_H_

#include <memory>

#include "absl/status/statusor.h"
#include "broker/audit/audit_log.h"
#include "broker/audit/checkpointer.h"
#include "broker/audit/ed25519.h"
#include "broker/audit/log_reader.h"
#include "broker/audit/read_audit.h"
#include "broker/commit/committer.h"
#include "broker/common/clock.h"
#include "broker/inbox/inbox.h"
#include "broker/inbox/inbox_hub.h"
#include "broker/common/key_locks.h"
#include "broker/ingest/escalator.h"
#include "broker/ingest/retention.h"
#include "broker/ingest/ingestor.h"
#include "broker/ingest/rematcher.h"
#include "broker/matching/index_compactor.h"
#include "broker/matching/normalise/name_normaliser.h"
#include "broker/matching/probabilistic_matcher.h"
#include "broker/metrics/broker_metrics.h"
#include "broker/metrics/registry.h"
#include "broker/registry/registry.h"
#include "broker/review/review_queue.h"
#include "broker/storage/kv_store.h"
#include "policy/policy.h"
#include "policy/policy_holder.h"

namespace liaison {

// The broker's domain, wired together over one store: ingest, registry,
// inbox and audit, sharing one committer. Knows nothing of gRPC or RocksDB.
// Thread-safe.
class BrokerCore {
 public:
  struct MatchingOptions {
    // Null: the built-in model (broker/matching/models/uk.textproto).
    std::shared_ptr<const matching::Model> model;
    // Threshold overrides (zero = the model's) and candidate limits.
    matching::ProbabilisticMatcher::Options matcher;
    // How long an unmatched notification stays eligible for retroactive
    // matching.
    absl::Duration unmatched_retention = absl::Hours(24 * 365);
  };
  // The audit log's signed checkpoints (docs/audit.md).
  struct AuditOptions {
    // Null: no checkpoints are issued (the log is still a Merkle tree).
    std::shared_ptr<const audit::Ed25519Signer> signer;
    audit::Checkpointer::Options checkpoints;
  };
  struct Options {
    ingest::Ingestor::Options ingest;
    inbox::Inbox::Options inbox;
    MatchingOptions matching;
    // Required: the information-sharing policy in force at start
    // (policy::ParsePolicy / LoadPolicyFile), and where it came from.
    std::shared_ptr<const policy::Policy> policy;
    std::string policy_origin = "built-in";
    AuditOptions audit;
    // When set (a broker with encryption at rest), the audit log names
    // people by this keyed hash of their CRN, never by the CRN
    // (AuditEntry.person; storage::Keyring::PersonRef).
    std::function<std::string(absl::string_view crn)> person_ref;
  };

  // `store` and `clock` are not owned and must outlive the core. The core
  // uses the probabilistic matcher and options.policy. On creation it
  // audits POLICY_LOADED when the policy differs from the last one in force,
  // rebuilds a stale match index and runs retroactive-matching jobs a crash
  // left behind. INTERNAL when ICU cannot start; UNAVAILABLE / DATA_LOSS
  // from the store.
  static absl::StatusOr<std::unique_ptr<BrokerCore>> Create(storage::KvStore* store, Clock* clock,
                                                            Options options);

  ingest::Ingestor& ingestor() { return *ingestor_; }
  registry::Registry& registry() { return *registry_; }
  inbox::Inbox& inbox() { return *inbox_; }
  audit::AuditLog& audit() { return *audit_; }
  // The keyed hash the audit log names `crn` by; empty when the log holds
  // CRNs (no Options::person_ref) or `crn` is empty.
  std::string PersonRef(absl::string_view crn) const;
  // Checkpoints, proofs and leaves of the audit log.
  const audit::LogReader& audit_reader() const { return *audit_reader_; }
  // Records reads (inbox lists and views, audit queries and exports).
  audit::ReadAudit& read_audit() { return *read_audit_; }
  // Issues signed checkpoints: call MaybeIssue, or Start its thread (the
  // daemon does). Null when no signing key is configured.
  audit::Checkpointer* checkpointer() { return checkpointer_.get(); }
  review::ReviewQueue& reviews() { return *reviews_; }
  ingest::Rematcher& rematcher() { return *rematcher_; }
  // Escalates unacknowledged alerts at their deadlines: call RunDue, or
  // Start its thread (the daemon does).
  ingest::Escalator& escalator() { return *escalator_; }
  // Deletes notifications and alerts past the policy's retention: call
  // RunOnce, or Start its thread (the daemon does).
  ingest::RetentionJob& retention() { return *retention_; }
  // Compacts the match tables after a large bulk load: Request it, with
  // its thread Started (the daemon does).
  matching::IndexCompactor& index_compactor() { return *index_compactor_; }
  const matching::ProbabilisticMatcher& matcher() const { return *matcher_; }
  inbox::InboxHub& hub() { return *hub_; }
  // The broker's metrics (docs/metrics.md); the registry renders them for
  // a scrape, including the backlog gauges read from the store.
  metrics::BrokerMetrics& metrics() { return *metrics_; }
  metrics::Registry& metrics_registry() { return *metrics_registry_; }
  // The policy in force (swapped by ReloadPolicy).
  const policy::PolicyHolder& policy() const { return *policy_; }

  // Puts `next` (validated) in force for every decision that starts from
  // now on; decisions in progress finish on the version they started with.
  // Audits POLICY_LOADED by `actor` (with the previous version). Returns
  // the new version. UNAVAILABLE when the audit entry could not be written
  // (the policy in force is unchanged).
  absl::StatusOr<std::string> ReloadPolicy(std::shared_ptr<const policy::Policy> next, const std::string& origin,
                                           const std::string& actor);
  // What the policy in force would decide for `notification` (as an agency
  // would submit it; validated the same way) linked to the offender `crn`,
  // now: every rule with why it held or not, the recipients, their fields,
  // legal basis, priority and deadline. Stores and sends nothing.
  // INVALID_ARGUMENT naming the field for a bad notification; NOT_FOUND for
  // an unknown CRN.
  absl::StatusOr<policy::Explanation> ExplainPolicy(v1::Notification notification, const std::string& crn) const;

  // Audits POLICY_REJECTED: a reload that failed validation (`problem` is
  // the validation report; it names files, lines and rule ids only).
  absl::Status RecordRejectedPolicy(const std::string& origin, const std::string& problem, const std::string& actor);

  // Wakes and ends every subscription (before a server shutdown).
  void Shutdown() { hub_->Shutdown(); }

 private:
  BrokerCore() = default;

  // Declared first: every component below records into them.
  std::unique_ptr<metrics::Registry> metrics_registry_;
  std::unique_ptr<metrics::BrokerMetrics> metrics_;
  std::unique_ptr<commit::Committer> committer_;
  std::unique_ptr<matching::normalise::NameNormaliser> names_;
  std::unique_ptr<matching::ProbabilisticMatcher> matcher_;
  std::unique_ptr<matching::IndexCompactor> index_compactor_;
  KeyLocks notification_locks_;
  std::unique_ptr<policy::PolicyHolder> policy_;
  absl::Mutex reload_mu_;
  commit::Committer* committer() { return committer_.get(); }
  absl::Status StartAuditLog(const AuditOptions& options);
  std::function<std::string(absl::string_view)> person_ref_;
  absl::Status AuditPolicyLoaded(const std::string& version, const std::string& previous, const std::string& origin,
                                 const std::string& actor, storage::KvStore* store);
  storage::KvStore* store_ = nullptr;
  Clock* clock_ = nullptr;
  std::unique_ptr<inbox::InboxHub> hub_;
  std::unique_ptr<ingest::Ingestor> ingestor_;
  std::unique_ptr<registry::Registry> registry_;
  std::unique_ptr<inbox::Inbox> inbox_;
  std::unique_ptr<audit::AuditLog> audit_;
  std::unique_ptr<audit::LogReader> audit_reader_;
  std::unique_ptr<audit::ReadAudit> read_audit_;
  std::shared_ptr<const audit::Ed25519Signer> signer_;
  std::unique_ptr<audit::Checkpointer> checkpointer_;
  std::unique_ptr<ingest::Rematcher> rematcher_;
  std::unique_ptr<review::ReviewQueue> reviews_;
  std::unique_ptr<ingest::Escalator> escalator_;
  std::unique_ptr<ingest::RetentionJob> retention_;
};

}  // namespace liaison

#endif  // LIAISON_BROKER_CORE_BROKER_CORE_H_
