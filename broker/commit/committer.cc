#include "broker/commit/committer.h"

#include <chrono>
#include <utility>

#include "broker/audit/tree_recovery.h"
#include "broker/audit/tree_store.h"
#include "broker/common/proto_time.h"
#include "broker/common/proto_util.h"
#include "broker/common/status_macros.h"
#include "broker/storage/keys.h"
#include "liaison/store/v1/records.pb.h"

namespace liaison::commit {

using storage::KvWrite;
using storage::Table;

struct Committer::Writer {
  explicit Writer(Mutation* m) : mutation(m) {}
  Mutation* mutation;
  absl::Status status;
  CommitReceipt receipt;
  bool done = false;
  absl::CondVar cv;
};

absl::StatusOr<std::unique_ptr<Committer>> Committer::Create(storage::KvStore* store, Clock* clock,
                                                            Options options) {
  auto committer = std::unique_ptr<Committer>(new Committer(store, clock, options));
  RETURN_IF_ERROR(committer->RecoverChain());
  return committer;
}

absl::Status Committer::RecoverChain() {
  ChainState chain;
  absl::Status parse_status;
  RETURN_IF_ERROR(store_->Scan(Table::kAudit, "", "", /*reverse=*/true,
                               [&](absl::string_view key, absl::string_view value) {
                                 auto record = ParseStored<store::v1::AuditRecord>(value, "audit");
                                 auto sequence = storage::DecodeU64(key);
                                 v1::AuditEntry entry;
                                 if (!record.ok() || !sequence.has_value() ||
                                     !entry.ParseFromString(record->body())) {
                                   parse_status = StoredParseError("audit head");
                                   return false;
                                 }
                                 chain.audit_sequence = *sequence;
                                 chain.audit_time = FromProtoTime(entry.recorded_at());
                                 return false;
                               }));
  RETURN_IF_ERROR(parse_status);
  ASSIGN_OR_RETURN(chain.tree, audit::RecoverAuditTree(store_, chain.audit_sequence));
  absl::MutexLock lock(&mu_);
  absl::MutexLock leader(&leader_mu_);
  chain_ = chain;
  committed_audit_sequence_ = chain.audit_sequence;
  committed_tree_ = chain.tree;
  return absl::OkStatus();
}

void Committer::SetAlertListener(AlertListener listener) { listener_ = std::move(listener); }

void Committer::SetAuditListener(AuditListener listener) { audit_listener_ = std::move(listener); }

AuditTreeHead Committer::audit_tree_head() const {
  absl::MutexLock lock(&mu_);
  return {committed_tree_.size(), committed_tree_.Root()};
}

uint64_t Committer::audit_head_sequence() const {
  absl::MutexLock lock(&mu_);
  return committed_audit_sequence_;
}

size_t Committer::queued_for_test() const {
  absl::MutexLock lock(&mu_);
  return queue_.size();
}

absl::StatusOr<CommitReceipt> Committer::Commit(Mutation mutation) {
  Writer self(&mutation);
  {
    absl::MutexLock lock(&mu_);
    queue_.push_back(&self);
    while (!self.done && queue_.front() != &self) self.cv.Wait(&mu_);
  }
  if (!self.done) LeadGroup(&self).IgnoreError();  // the status is in self.status
  if (!self.status.ok()) return self.status;
  return std::move(self.receipt);
}

absl::Status Committer::LeadGroup(Writer* self) {
  std::vector<Writer*> group;
  {
    absl::MutexLock lock(&mu_);
    for (Writer* writer : queue_) {
      group.push_back(writer);
      if (group.size() >= options_.max_group_size) break;
    }
  }
  absl::Status status;
  std::vector<std::string> recipients;
  uint64_t committed_sequence = 0;
  bool appended_audit = false;
  ChainState committed;
  {
    absl::MutexLock leader(&leader_mu_);
    ChainState chain = chain_;
    absl::flat_hash_map<std::string, uint64_t> heads;  // tentative changes only
    std::vector<KvWrite> writes;
    bool sync = false;
    for (Writer* writer : group) sync = sync || writer->mutation->durable;
    status = BuildBatch(group, &chain, &heads, &writes);
    if (status.ok()) status = WriteBatch(writes, sync, group);
    if (status.ok()) {
      appended_audit = chain.audit_sequence != chain_.audit_sequence;
      chain_ = chain;
      committed = chain;
      for (auto& [recipient, sequence] : heads) {
        inbox_heads_[recipient] = sequence;
        recipients.push_back(recipient);
      }
      committed_sequence = chain.audit_sequence;
    }
  }
  {
    absl::MutexLock lock(&mu_);
    // Groups commit in leader order, so the newest committed tree wins.
    if (status.ok() && committed_sequence >= committed_audit_sequence_) {
      committed_audit_sequence_ = committed_sequence;
      committed_tree_ = std::move(committed.tree);
    }
    for (Writer* writer : group) {
      queue_.pop_front();
      writer->status = status;
      writer->done = true;
      if (writer != self) writer->cv.Signal();
    }
    if (!queue_.empty()) queue_.front()->cv.Signal();
  }
  if (status.ok() && !recipients.empty() && listener_) listener_(recipients);
  if (status.ok() && appended_audit && audit_listener_) audit_listener_(committed_sequence);
  return status;
}

absl::Status Committer::WriteBatch(const std::vector<KvWrite>& writes, bool sync, const std::vector<Writer*>& group) {
  if (options_.metrics == nullptr) return store_->Write(writes, sync);
  // Elapsed real time, whatever the injected clock says.
  const auto start = std::chrono::steady_clock::now();
  absl::Status status = store_->Write(writes, sync);
  const absl::Duration took = absl::FromChrono(std::chrono::steady_clock::now() - start);
  options_.metrics->StoreWrite(took, group.size(), status.ok());
  if (status.ok()) {
    for (const Writer* writer : group) {
      for (const v1::Alert& alert : writer->mutation->new_alerts) options_.metrics->AlertCreated(alert.priority());
    }
  }
  return status;
}

absl::Status Committer::BuildBatch(const std::vector<Writer*>& group, ChainState* chain,
                                   absl::flat_hash_map<std::string, uint64_t>* inbox_heads,
                                   std::vector<KvWrite>* writes) {
  const absl::Time now = clock_->Now();
  const uint64_t first_sequence = chain->audit_sequence;
  for (Writer* writer : group) {
    Mutation& mutation = *writer->mutation;
    CommitReceipt& receipt = writer->receipt;
    receipt.committed_at = now;
    for (KvWrite& write : mutation.writes) writes->push_back(std::move(write));
    for (v1::Alert& alert : mutation.new_alerts) {
      ASSIGN_OR_RETURN(uint64_t sequence, NextInboxSequence(alert.recipient_id(), inbox_heads));
      alert.set_sequence(sequence);
      const std::string inbox_key = storage::InboxKey(alert.recipient_id(), sequence);
      writes->push_back({Table::kAlerts, alert.alert_id(), alert.SerializeAsString()});
      writes->push_back({Table::kInbox, inbox_key, alert.alert_id()});
      if (alert.state() != v1::ALERT_STATE_ACKNOWLEDGED) {
        store::v1::PendingRecord pending;
        pending.set_alert_id(alert.alert_id());
        pending.set_since_micros(ToUnixMicrosClamped(FromProtoTime(alert.created_at())));
        writes->push_back({Table::kPending, inbox_key, pending.SerializeAsString()});
      }
      receipt.alert_sequences.push_back(sequence);
    }
    for (v1::AuditEntry& entry : mutation.audit) {
      RETURN_IF_ERROR(AppendAudit(std::move(entry), chain, &receipt, writes));
    }
  }
  if (chain->audit_sequence != first_sequence) writes->push_back(audit::TreeStateWrite(chain->tree));
  return absl::OkStatus();
}

absl::StatusOr<uint64_t> Committer::NextInboxSequence(
    const std::string& recipient, absl::flat_hash_map<std::string, uint64_t>* tentative) {
  auto it = tentative->find(recipient);
  if (it != tentative->end()) return ++it->second;
  uint64_t last = 0;
  auto known = inbox_heads_.find(recipient);
  if (known != inbox_heads_.end()) {
    last = known->second;
  } else {
    const std::string prefix = storage::InboxPrefix(recipient);
    RETURN_IF_ERROR(store_->Scan(Table::kInbox, prefix, storage::PrefixEnd(prefix), /*reverse=*/true,
                                 [&](absl::string_view key, absl::string_view) {
                                   last = storage::InboxKeySequence(key).value_or(0);
                                   return false;
                                 }));
  }
  (*tentative)[recipient] = last + 1;
  return last + 1;
}

namespace {

// Moves every CRN of `entry` into its keyed-hash field.
void HashPeople(const std::function<std::string(absl::string_view)>& ref, v1::AuditEntry& entry) {
  if (!entry.crn().empty()) entry.set_person(ref(entry.crn()));
  entry.clear_crn();
  if (entry.has_match()) {
    for (const std::string& crn : entry.match().candidate_crns()) entry.mutable_match()->add_candidate_persons(ref(crn));
    entry.mutable_match()->clear_candidate_crns();
  }
  if (entry.has_merge()) {
    v1::AuditMerge* merge = entry.mutable_merge();
    if (!merge->merged_crn().empty()) merge->set_merged_person(ref(merge->merged_crn()));
    if (!merge->surviving_crn().empty()) merge->set_surviving_person(ref(merge->surviving_crn()));
    merge->clear_merged_crn();
    merge->clear_surviving_crn();
  }
}

}  // namespace

absl::Status Committer::AppendAudit(v1::AuditEntry entry, ChainState* chain, CommitReceipt* receipt,
                                    std::vector<KvWrite>* writes) {
  // Entry times never go backwards, so the log is ordered by time as well as
  // by sequence (audit queries by time rely on it).
  chain->audit_time = std::max(chain->audit_time, clock_->Now());
  const uint64_t sequence = ++chain->audit_sequence;
  entry.set_format_version(1);
  entry.set_sequence(sequence);
  *entry.mutable_recorded_at() = ToProtoTime(chain->audit_time);
  entry.clear_previous_hash();
  entry.clear_entry_hash();
  entry.clear_leaf_hash();
  if (options_.person_ref) HashPeople(options_.person_ref, entry);

  // The leaf is the body bytes exactly as stored (docs/audit.md).
  store::v1::AuditRecord record;
  record.set_body(DeterministicBytes(entry));
  RETURN_IF_ERROR(audit::AppendToTree(audit::MerkleLeafHash(record.body()), &chain->tree, writes));
  writes->push_back({Table::kAudit, storage::EncodeU64(sequence), record.SerializeAsString()});

  const std::pair<absl::string_view, const std::string*> facets[] = {
      {storage::kFacetCrn, &entry.crn()},
      {storage::kFacetPerson, &entry.person()},
      {storage::kFacetRecipient, &entry.recipient_id()},
      {storage::kFacetSource, &entry.source()},
      {storage::kFacetNotification, &entry.notification_id()},
  };
  for (const auto& [facet, value] : facets) {
    if (value->empty()) continue;
    writes->push_back({Table::kAuditIndex, storage::AuditIndexKey(facet, *value, sequence), ""});
  }
  receipt->audit_sequences.push_back(sequence);
  return absl::OkStatus();
}

}  // namespace liaison::commit
