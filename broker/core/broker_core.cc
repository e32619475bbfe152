#include "broker/core/broker_core.h"

#include "broker/common/log.h"
#include "broker/common/status_macros.h"
#include "policy/backbone_policy.h"

namespace liaison {

absl::StatusOr<std::unique_ptr<BrokerCore>> BrokerCore::Create(storage::KvStore* store, Clock* clock,
                                                              Options options) {
  auto core = std::unique_ptr<BrokerCore>(new BrokerCore());
  ASSIGN_OR_RETURN(core->committer_, commit::Committer::Create(store, clock, {}));
  ASSIGN_OR_RETURN(core->names_, matching::normalise::NameNormaliser::Create());
  std::shared_ptr<const matching::Model> model =
      options.matching.model != nullptr ? options.matching.model : matching::Model::BuiltIn();
  core->matcher_ = std::make_unique<matching::ProbabilisticMatcher>(store, std::move(model), core->names_.get(),
                                                                    options.matching.matcher);
  core->policy_ = std::make_unique<policy::BackbonePolicy>();
  core->hub_ = std::make_unique<inbox::InboxHub>(clock);
  inbox::InboxHub* hub = core->hub_.get();
  core->committer_->SetAlertListener([hub](const std::vector<std::string>& recipients) { hub->Notify(recipients); });
  core->ingestor_ = std::make_unique<ingest::Ingestor>(
      ingest::Ingestor::Deps{store, core->committer_.get(), core->matcher_.get(), core->policy_.get(), clock},
      options.ingest);
  core->registry_ = std::make_unique<registry::Registry>(
      registry::Registry::Deps{store, core->committer_.get(), clock, &core->matcher_->forms()});
  core->inbox_ = std::make_unique<inbox::Inbox>(inbox::Inbox::Deps{store, core->committer_.get(), clock, hub},
                                                options.inbox);
  core->audit_ = std::make_unique<audit::AuditLog>(store);
  ingest::Rematcher::Options rematch_options;
  rematch_options.retention = options.matching.unmatched_retention;
  rematch_options.lookup = options.matching.matcher.candidates;
  core->rematcher_ = std::make_unique<ingest::Rematcher>(
      ingest::Rematcher::Deps{store, core->committer_.get(), core->matcher_.get(), core->policy_.get(), clock,
                              &core->notification_locks_},
      rematch_options);
  core->reviews_ = std::make_unique<review::ReviewQueue>(review::ReviewQueue::Deps{
      store, core->committer_.get(), core->matcher_.get(), core->policy_.get(), clock, &core->notification_locks_});
  ingest::Rematcher* rematcher = core->rematcher_.get();
  core->registry_->SetRematchListener([rematcher](const std::vector<std::string>& crns) {
    for (const std::string& crn : crns) {
      // A failed job stays in the store and runs again at the next start.
      absl::StatusOr<ingest::Rematcher::Result> result = rematcher->Run(crn);
      if (!result.ok()) {
        Log(LogLevel::kError, "rematch_failed", {{"code", absl::StatusCodeToString(result.status().code())}});
      }
    }
  });
  RETURN_IF_ERROR(core->registry_->RebuildMatchIndexIfStale().status());
  RETURN_IF_ERROR(core->rematcher_->RunPending().status());
  return core;
}

}  // namespace liaison
