#include "broker/core/broker_core.h"
#include "broker/core/state_gauges.h"

#include "broker/common/log.h"
#include "broker/common/status_macros.h"
#include "broker/common/proto_time.h"
#include "broker/ingest/history.h"
#include "broker/common/proto_util.h"
#include "broker/validation/notification_validation.h"
#include "broker/storage/kv_store.h"

namespace liaison {
namespace {

constexpr char kPolicyVersionKey[] = "policy_version";

}  // namespace

absl::Status BrokerCore::AuditPolicyLoaded(const std::string& version, const std::string& previous,
                                           const std::string& origin, const std::string& actor,
                                           storage::KvStore* store) {
  commit::Mutation mutation;
  v1::AuditEntry entry;
  entry.set_action(v1::AUDIT_ACTION_POLICY_LOADED);
  entry.set_actor(actor);
  v1::AuditPolicy* detail = entry.mutable_policy();
  detail->set_version(version);
  detail->set_previous_version(previous);
  detail->set_origin(origin);
  mutation.audit.push_back(std::move(entry));
  mutation.writes.push_back({storage::Table::kMeta, kPolicyVersionKey, version});
  return committer_->Commit(std::move(mutation)).status();
}

absl::StatusOr<std::string> BrokerCore::ReloadPolicy(std::shared_ptr<const policy::Policy> next,
                                                     const std::string& origin, const std::string& actor) {
  if (next == nullptr) return absl::InvalidArgumentError("policy: is required");
  absl::MutexLock lock(&reload_mu_);
  const std::string previous = policy_->Current()->version();
  const std::string version = next->version();
  // Audited first: a policy is never in force without its entry.
  RETURN_IF_ERROR(AuditPolicyLoaded(version, previous, origin, actor, store_));
  policy_->Replace(std::move(next));
  Log(LogLevel::kInfo, "policy_loaded", {{"version", version}, {"previous", previous}});
  return version;
}

absl::StatusOr<policy::Explanation> BrokerCore::ExplainPolicy(v1::Notification notification,
                                                              const std::string& crn) const {
  const absl::Time now = clock_->Now();
  RETURN_IF_ERROR(validation::ValidateNotification(&notification, now));
  if (!notification.has_received_at()) *notification.mutable_received_at() = ToProtoTime(now);
  ASSIGN_OR_RETURN(v1::OffenderRecord offender, registry_->Get(crn));
  v1::MatchResult match;
  match.set_decision(v1::MATCH_DECISION_LINKED);
  match.set_method(v1::MATCH_METHOD_PROBABILISTIC);
  match.set_crn(offender.crn());
  const policy::PolicyInput input{&notification, &match, &offender, now, {}};
  return policy_->Current()->Explain(input);
}

absl::Status BrokerCore::RecordRejectedPolicy(const std::string& origin, const std::string& problem,
                                              const std::string& actor) {
  commit::Mutation mutation;
  v1::AuditEntry entry;
  entry.set_action(v1::AUDIT_ACTION_POLICY_REJECTED);
  entry.set_actor(actor);
  v1::AuditPolicy* detail = entry.mutable_policy();
  detail->set_version(policy_->Current()->version());
  detail->set_origin(origin);
  detail->set_problem(problem);
  mutation.audit.push_back(std::move(entry));
  Log(LogLevel::kWarning, "policy_rejected", {{"origin", origin}});
  return committer_->Commit(std::move(mutation)).status();
}

std::string BrokerCore::PersonRef(absl::string_view crn) const {
  if (!person_ref_ || crn.empty()) return "";
  return person_ref_(crn);
}

absl::Status BrokerCore::StartAuditLog(const AuditOptions& options) {
  std::optional<audit::LogKey> key;
  signer_ = options.signer;
  if (signer_ != nullptr) {
    key = audit::LogKey{signer_->public_key(), options.checkpoints.origin};
    commit::Committer* committer = committer_.get();
    ASSIGN_OR_RETURN(checkpointer_,
                     audit::Checkpointer::Create({store_, clock_, signer_.get(), [committer] {
                                                    return committer->audit_tree_head();
                                                  }},
                                                 options.checkpoints));
    audit::Checkpointer* checkpointer = checkpointer_.get();
    committer_->SetAuditListener([checkpointer](uint64_t size) { checkpointer->OnAppended(size); });
  }
  audit_ = std::make_unique<audit::AuditLog>(store_, std::move(key));
  audit_reader_ = std::make_unique<audit::LogReader>(store_);
  read_audit_ = std::make_unique<audit::ReadAudit>(committer_.get());
  return absl::OkStatus();
}

absl::StatusOr<std::unique_ptr<BrokerCore>> BrokerCore::Create(storage::KvStore* store, Clock* clock,
                                                              Options options) {
  if (options.policy == nullptr) return absl::InvalidArgumentError("options.policy: is required");
  auto core = std::unique_ptr<BrokerCore>(new BrokerCore());
  core->store_ = store;
  core->clock_ = clock;
  core->metrics_registry_ = std::make_unique<metrics::Registry>();
  core->metrics_ = std::make_unique<metrics::BrokerMetrics>(core->metrics_registry_.get());
  metrics::BrokerMetrics* metrics = core->metrics_.get();
  AddBacklogGauges(store, clock, metrics);
  commit::Committer::Options commit_options;
  commit_options.person_ref = options.person_ref;
  commit_options.metrics = metrics;
  core->person_ref_ = options.person_ref;
  ASSIGN_OR_RETURN(core->committer_, commit::Committer::Create(store, clock, commit_options));
  ASSIGN_OR_RETURN(core->names_, matching::normalise::NameNormaliser::Create());
  std::shared_ptr<const matching::Model> model =
      options.matching.model != nullptr ? options.matching.model : matching::Model::BuiltIn();
  core->matcher_ = std::make_unique<matching::ProbabilisticMatcher>(store, std::move(model), core->names_.get(),
                                                                    options.matching.matcher);
  core->index_compactor_ = std::make_unique<matching::IndexCompactor>(store, clock);
  core->policy_ = std::make_unique<policy::PolicyHolder>(options.policy);
  // Record a policy change since the last run (the first start included).
  ASSIGN_OR_RETURN(std::optional<std::string> last, store->Get(storage::Table::kMeta, kPolicyVersionKey));
  if (last.value_or("") != options.policy->version()) {
    RETURN_IF_ERROR(core->AuditPolicyLoaded(options.policy->version(), last.value_or(""), options.policy_origin,
                                            "broker", store));
  }
  core->hub_ = std::make_unique<inbox::InboxHub>(clock);
  inbox::InboxHub* hub = core->hub_.get();
  core->committer_->SetAlertListener([hub](const std::vector<std::string>& recipients) { hub->Notify(recipients); });
  core->ingestor_ = std::make_unique<ingest::Ingestor>(
      ingest::Ingestor::Deps{store, core->committer_.get(), core->matcher_.get(), core->policy_.get(), clock, metrics},
      options.ingest);
  core->registry_ = std::make_unique<registry::Registry>(
      registry::Registry::Deps{store, core->committer_.get(), clock, &core->matcher_->forms()});
  core->inbox_ = std::make_unique<inbox::Inbox>(inbox::Inbox::Deps{store, core->committer_.get(), clock, hub, metrics},
                                                options.inbox);
  RETURN_IF_ERROR(core->StartAuditLog(options.audit));
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
  core->escalator_ = std::make_unique<ingest::Escalator>(ingest::Escalator::Deps{store, core->committer_.get(), clock, metrics});
  core->retention_ = std::make_unique<ingest::RetentionJob>(
      ingest::RetentionJob::Deps{store, core->committer_.get(), clock, core->policy_.get(), &core->notification_locks_},
      ingest::RetentionJob::Options{.unmatched_fallback = options.matching.unmatched_retention});
  // Story 7: the new offender manager's history, in the allocation's commit.
  policy::PolicyHolder* policy = core->policy_.get();
  core->registry_->SetAllocationHook(
      [store, policy](const v1::OffenderRecord& record, absl::Time now, commit::Mutation* mutation) {
        return ingest::AddAllocationHistory(*store, *policy->Current(), record, now, mutation).status();
      });
  RETURN_IF_ERROR(core->registry_->RebuildMatchIndexIfStale().status());
  RETURN_IF_ERROR(core->rematcher_->RunPending().status());
  return core;
}

}  // namespace liaison
