#include "broker/core/broker_core.h"

#include "broker/common/status_macros.h"
#include "broker/matching/exact_matcher.h"
#include "policy/backbone_policy.h"

namespace liaison {

absl::StatusOr<std::unique_ptr<BrokerCore>> BrokerCore::Create(storage::KvStore* store, Clock* clock,
                                                              Options options) {
  auto core = std::unique_ptr<BrokerCore>(new BrokerCore());
  ASSIGN_OR_RETURN(core->committer_, commit::Committer::Create(store, clock, {}));
  core->matcher_ = std::make_unique<matching::ExactIdentifierMatcher>(store);
  core->policy_ = std::make_unique<policy::BackbonePolicy>();
  core->hub_ = std::make_unique<inbox::InboxHub>(clock);
  inbox::InboxHub* hub = core->hub_.get();
  core->committer_->SetAlertListener([hub](const std::vector<std::string>& recipients) { hub->Notify(recipients); });
  core->ingestor_ = std::make_unique<ingest::Ingestor>(
      ingest::Ingestor::Deps{store, core->committer_.get(), core->matcher_.get(), core->policy_.get(), clock},
      options.ingest);
  core->registry_ = std::make_unique<registry::Registry>(registry::Registry::Deps{store, core->committer_.get(), clock});
  core->inbox_ = std::make_unique<inbox::Inbox>(inbox::Inbox::Deps{store, core->committer_.get(), clock, hub},
                                                options.inbox);
  core->audit_ = std::make_unique<audit::AuditLog>(store);
  return core;
}

}  // namespace liaison
