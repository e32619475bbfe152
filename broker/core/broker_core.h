#ifndef LIAISON_BROKER_CORE_BROKER_CORE_H_
#define LIAISON_BROKER_CORE_BROKER_CORE_H_

#include <memory>

#include "absl/status/statusor.h"
#include "broker/audit/audit_log.h"
#include "broker/commit/committer.h"
#include "broker/common/clock.h"
#include "broker/inbox/inbox.h"
#include "broker/inbox/inbox_hub.h"
#include "broker/ingest/ingestor.h"
#include "broker/matching/matcher.h"
#include "broker/registry/registry.h"
#include "broker/storage/kv_store.h"
#include "policy/policy.h"

namespace liaison {

// The broker's domain, wired together over one store: ingest, registry,
// inbox and audit, sharing one committer. Knows nothing of gRPC or RocksDB.
// Thread-safe.
class BrokerCore {
 public:
  struct Options {
    ingest::Ingestor::Options ingest;
    inbox::Inbox::Options inbox;
  };

  // `store` and `clock` are not owned and must outlive the core. The core
  // uses the exact-identifier matcher and the backbone policy.
  static absl::StatusOr<std::unique_ptr<BrokerCore>> Create(storage::KvStore* store, Clock* clock,
                                                            Options options);

  ingest::Ingestor& ingestor() { return *ingestor_; }
  registry::Registry& registry() { return *registry_; }
  inbox::Inbox& inbox() { return *inbox_; }
  audit::AuditLog& audit() { return *audit_; }
  inbox::InboxHub& hub() { return *hub_; }

  // Wakes and ends every subscription (before a server shutdown).
  void Shutdown() { hub_->Shutdown(); }

 private:
  BrokerCore() = default;

  std::unique_ptr<commit::Committer> committer_;
  std::unique_ptr<matching::Matcher> matcher_;
  std::unique_ptr<policy::Policy> policy_;
  std::unique_ptr<inbox::InboxHub> hub_;
  std::unique_ptr<ingest::Ingestor> ingestor_;
  std::unique_ptr<registry::Registry> registry_;
  std::unique_ptr<inbox::Inbox> inbox_;
  std::unique_ptr<audit::AuditLog> audit_;
};

}  // namespace liaison

#endif  // LIAISON_BROKER_CORE_BROKER_CORE_H_
