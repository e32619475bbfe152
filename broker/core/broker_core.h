#ifndef LIAISON_BROKER_CORE_BROKER_CORE_H_
#define LIAISON_BROKER_CORE_BROKER_CORE_H_

#include <memory>

#include "absl/status/statusor.h"
#include "broker/audit/audit_log.h"
#include "broker/commit/committer.h"
#include "broker/common/clock.h"
#include "broker/inbox/inbox.h"
#include "broker/inbox/inbox_hub.h"
#include "broker/common/key_locks.h"
#include "broker/ingest/ingestor.h"
#include "broker/ingest/rematcher.h"
#include "broker/matching/normalise/name_normaliser.h"
#include "broker/matching/probabilistic_matcher.h"
#include "broker/registry/registry.h"
#include "broker/review/review_queue.h"
#include "broker/storage/kv_store.h"
#include "policy/policy.h"

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
  struct Options {
    ingest::Ingestor::Options ingest;
    inbox::Inbox::Options inbox;
    MatchingOptions matching;
  };

  // `store` and `clock` are not owned and must outlive the core. The core
  // uses the probabilistic matcher and the backbone policy. On creation it
  // rebuilds a stale match index and runs retroactive-matching jobs a crash
  // left behind. INTERNAL when ICU cannot start; UNAVAILABLE / DATA_LOSS
  // from the store.
  static absl::StatusOr<std::unique_ptr<BrokerCore>> Create(storage::KvStore* store, Clock* clock,
                                                            Options options);

  ingest::Ingestor& ingestor() { return *ingestor_; }
  registry::Registry& registry() { return *registry_; }
  inbox::Inbox& inbox() { return *inbox_; }
  audit::AuditLog& audit() { return *audit_; }
  review::ReviewQueue& reviews() { return *reviews_; }
  ingest::Rematcher& rematcher() { return *rematcher_; }
  const matching::ProbabilisticMatcher& matcher() const { return *matcher_; }
  inbox::InboxHub& hub() { return *hub_; }

  // Wakes and ends every subscription (before a server shutdown).
  void Shutdown() { hub_->Shutdown(); }

 private:
  BrokerCore() = default;

  std::unique_ptr<commit::Committer> committer_;
  std::unique_ptr<matching::normalise::NameNormaliser> names_;
  std::unique_ptr<matching::ProbabilisticMatcher> matcher_;
  KeyLocks notification_locks_;
  std::unique_ptr<policy::Policy> policy_;
  std::unique_ptr<inbox::InboxHub> hub_;
  std::unique_ptr<ingest::Ingestor> ingestor_;
  std::unique_ptr<registry::Registry> registry_;
  std::unique_ptr<inbox::Inbox> inbox_;
  std::unique_ptr<audit::AuditLog> audit_;
  std::unique_ptr<ingest::Rematcher> rematcher_;
  std::unique_ptr<review::ReviewQueue> reviews_;
};

}  // namespace liaison

#endif  // LIAISON_BROKER_CORE_BROKER_CORE_H_
